// What the feedback address may be: an absolute http or https URL (the host's settings schema
// checks the same; this lets the form say what is wrong before anything is sent).
export function feedbackEndpointProblem(text: string, receives = 'feedback'): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return 'That is not a web address: it should look like https://feedback.example.com/zkdesk.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `Only http:// and https:// addresses can receive ${receives}, not ${url.protocol}//.`;
  return null;
}
