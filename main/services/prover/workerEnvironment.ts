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
  'ZKDESK_NATIVE_DIR',
  'ZKDESK_RESOURCES_DIR',
  // Another target's build run under an emulator (qemu-user, wine): the tests use these.
  'ZKDESK_NATIVE_TARGET',
  'ZKDESK_NATIVE_LAUNCHER',
  'WINEPREFIX',
  'WINEDEBUG',
];

/** Only with an emulator named: it is found on PATH and keeps its state (wine's prefix) under HOME. */
const FOR_AN_EMULATOR = ['PATH', 'HOME'];

export function workerEnvironment(parent: NodeJS.ProcessEnv, own: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  const names = parent.ZKDESK_NATIVE_LAUNCHER ? [...PASSED_THROUGH, ...FOR_AN_EMULATOR] : PASSED_THROUGH;
  for (const name of names) {
    const value = parent[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...own };
}
