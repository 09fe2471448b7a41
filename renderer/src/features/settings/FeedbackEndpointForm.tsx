// Where beta feedback goes. Empty keeps messages in the outbox on this machine; an address
// sends them (and everything waiting) with the next message.
import { useAppStore } from '../../stores/appStore.js';
import { AddressForm } from './AddressForm.js';

export function FeedbackEndpointForm({ endpoint }: { endpoint: string | null }) {
  const secretStorage = useAppStore((s) => s.info?.secretStorage ?? 'plain-file');
  const credentials =
    secretStorage === 'os-encrypted'
      ? 'A user name and password in the address are kept apart from the settings, sealed by the system keychain.'
      : 'A user name and password in the address are kept apart from the settings but stored in clear (feedback-credentials.json in the data directory): this host has no system keychain.';
  return (
    <AddressForm
      id="feedback-endpoint"
      title="Feedback"
      setting="feedbackEndpoint"
      form="feedback"
      value={endpoint}
      label="Feedback address (http or https)"
      placeholder="https://feedback.example.com/zkdesk"
      hint={`Where the Diagnostics view sends feedback. Empty: messages wait in the outbox on this machine. ${credentials}`}
      saveLabel="Save the feedback address"
    />
  );
}
