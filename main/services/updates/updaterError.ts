// electron-updater fails with plain Errors that carry a string `code` (builder-util-runtime's
// newError) or Node's network codes; the UI and the CLI speak ZkError codes. This is the one
// place that translates, so a new updater failure needs one line here, not a hunt.
import { ZkError, type ErrorCode } from '../../../common/errors.js';

const updaterCodes: Record<string, ErrorCode> = {
  ERR_UPDATER_CHANNEL_FILE_NOT_FOUND: 'E_UPDATE_CHANNEL_MISSING',
  ERR_UPDATER_INVALID_UPDATE_INFO: 'E_FEED_INVALID',
  ERR_UPDATER_INVALID_VERSION: 'E_FEED_INVALID',
  ERR_UPDATER_NO_FILES_PROVIDED: 'E_FEED_INVALID',
  ERR_UPDATER_NO_CHECKSUM: 'E_FEED_INVALID',
  ERR_UPDATER_INVALID_SIGNATURE: 'E_FEED_INVALID',
  ERR_CHECKSUM_MISMATCH: 'E_UPDATE_CHECKSUM_MISMATCH',
  ECONNREFUSED: 'E_UPDATE_UNREACHABLE',
  ECONNRESET: 'E_UPDATE_UNREACHABLE',
  ENOTFOUND: 'E_UPDATE_UNREACHABLE',
  ETIMEDOUT: 'E_UPDATE_UNREACHABLE',
  EAI_AGAIN: 'E_UPDATE_UNREACHABLE',
  ENOSPC: 'E_DISK_FULL',
};

export function updaterErrorToZkError(error: unknown): ZkError {
  if (error instanceof ZkError) return error;
  const raw = error as { code?: unknown; statusCode?: unknown; message?: unknown } | null;
  const updaterCode = typeof raw?.code === 'string' ? raw.code : undefined;
  const reason = typeof raw?.message === 'string' ? firstLine(raw.message) : String(error);
  const mapped = updaterCode ? updaterCodes[updaterCode] : undefined;
  if (mapped) return new ZkError(mapped, undefined, { updaterCode, reason }, { cause: error });
  // A server that answers 5xx, or a download that fails with "status 404", is a feed problem
  // the user cannot fix, but it is not a tampered feed either: call it unreachable.
  const status = typeof raw?.statusCode === 'number' ? raw.statusCode : statusInMessage(reason);
  if (status !== null) return new ZkError('E_UPDATE_UNREACHABLE', undefined, { status, reason }, { cause: error });
  return new ZkError('E_INTERNAL', undefined, { updaterCode, reason }, { cause: error });
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? text;
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

function statusInMessage(message: string): number | null {
  const match = /status (\d{3})/.exec(message);
  return match ? Number(match[1]) : null;
}
