// Where beta feedback goes. Empty keeps messages in the outbox on this machine; an address
// sends them (and everything waiting) with the next message.
import { AddressForm } from './AddressForm.js';

export function FeedbackEndpointForm({ endpoint }: { endpoint: string | null }) {
  return (
    <AddressForm
      id="feedback-endpoint"
      title="Feedback"
      setting="feedbackEndpoint"
      form="feedback"
      value={endpoint}
      label="Feedback address (http or https)"
      placeholder="https://feedback.example.com/zkdesk"
      hint="Where the Diagnostics view sends feedback. Empty: messages wait in the outbox on this machine."
      saveLabel="Save the feedback address"
    />
  );
}
