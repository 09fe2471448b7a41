// Every failure a user can meet has a stable code, a sentence a person understands, and a
// help article. The catalogue lives here, beside nothing environment-specific, so the
// workers, main, the CLI and the renderer all speak the same codes.

export const errorCatalog = {
  E_INPUT_MALFORMED: 'The input is not valid JSON.',
  E_INPUT_INVALID: 'The input does not match what the circuit expects.',
  E_CONSTRAINT_UNSATISFIED: 'The input does not satisfy the circuit: no valid proof exists for it.',
  E_CIRCUIT_UNKNOWN: 'No circuit with that id is available.',
  E_CIRCUIT_DISABLED: 'This circuit has been switched off by the zkdesk team for now.',
  E_CIRCUIT_NOT_BUILT: 'This circuit has sources but no proving key yet; build it first.',
  E_ARTIFACT_MISSING: 'A file the circuit needs is missing.',
  E_ARTIFACT_CORRUPT: 'A circuit file is damaged or does not match its manifest.',
  E_PACKAGE_INVALID: 'This circuit package cannot be used.',
  E_PROOF_INVALID: 'The proof did not verify against the verification key.',
  E_OUT_OF_MEMORY: 'The proof ran out of memory and was stopped.',
  E_WORKER_CRASHED: 'The proving process stopped unexpectedly.',
  E_WORKER_START_FAILED: 'The proving process could not be started.',
  E_CANCELLED: 'The job was cancelled.',
  E_TIMEOUT: 'The job took longer than its time limit and was stopped.',
  E_SHUTTING_DOWN: 'The prover is shutting down and takes no new jobs.',
  E_DISK_FULL: 'There is not enough free disk space to write this file.',
  E_IO: 'A file could not be read or written.',
  E_SETTINGS_CORRUPT: 'The settings file was damaged; defaults were restored and the old file kept.',
  E_SETTINGS_INVALID: 'That value is not allowed for this setting.',
  E_FEED_INVALID: 'The update feed is malformed or has been tampered with.',
  E_FEED_SIGNATURE: 'The update information is not signed by the zkdesk release key, so nothing was downloaded.',
  E_BUNDLE_TAMPERED: 'The diagnostics bundle was changed after it was written.',
  E_UPDATE_CHANNEL_MISSING: 'The update server has no release for this channel yet.',
  E_UPDATE_CHECKSUM_MISMATCH: 'The downloaded update did not match its published checksum and was discarded.',
  E_UPDATE_UNREACHABLE: 'The update server could not be reached.',
  E_UPDATE_NOT_INSTALLABLE: 'This copy of zkdesk can download and check an update but cannot install it; install it with the desktop app.',
  E_FLAGS_INVALID: 'The feature flags file is unsigned, tampered with or expired, so it was ignored.',
  E_RELEASE_REFUSED: 'The release command was refused; nothing was published.',
  E_INTERNAL: 'Something went wrong inside zkdesk.',
} as const;

export type ErrorCode = keyof typeof errorCatalog;

export const errorCodes = Object.keys(errorCatalog) as ErrorCode[];

export type ErrorDetails = Record<string, string | number | boolean | null | undefined>;

/** What crosses a process boundary: plain data, no stack unless asked for. */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  details: ErrorDetails;
  helpId: string;
}

export function helpIdFor(code: ErrorCode): string {
  return `errors/${code}`;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCatalog, value);
}

export class ZkError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  readonly helpId: string;

  /** `message` overrides the catalogue sentence when the case is more specific. */
  constructor(code: ErrorCode, message?: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(message ?? errorCatalog[code], options);
    this.name = 'ZkError';
    this.code = code;
    this.details = details;
    this.helpId = helpIdFor(code);
  }

  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message, details: this.details, helpId: this.helpId };
  }

  static fromPayload(payload: ErrorPayload): ZkError {
    return new ZkError(payload.code, payload.message, payload.details);
  }

  /** Wraps anything thrown into a ZkError, keeping a ZkError as it is. */
  static wrap(error: unknown, fallback: ErrorCode = 'E_INTERNAL'): ZkError {
    if (error instanceof ZkError) return error;
    const reason = error instanceof Error ? error.message : String(error);
    return new ZkError(fallback, undefined, { reason }, { cause: error });
  }
}
