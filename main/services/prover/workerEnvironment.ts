// What a worker process starts with: only the variables it needs, never the whole environment
// of main (which holds the user's tokens, cloud keys and shell settings: a worker runs circuit
// code from packages and must not see them, nor pass them to the native prover it starts).
// NODE_OPTIONS is left out too: it could load code into the worker before ours runs.

/** Passed through when set: the OS's own (temp folders, locale, time zone, Windows' system root) and zkdesk's worker switches. */
const PASSED_THROUGH = [
  'SystemRoot',
  'windir',
  'TEMP',
  'TMP',
  'TMPDIR',
  'LANG',
  'LC_ALL',
  'TZ',
  'ZKDESK_PROVER_BACKEND',
  'ZKDESK_NATIVE_PROVER',
  'ZKDESK_RESOURCES_DIR',
];

export function workerEnvironment(parent: NodeJS.ProcessEnv, own: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of PASSED_THROUGH) {
    const value = parent[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...own };
}
