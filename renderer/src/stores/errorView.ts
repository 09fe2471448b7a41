// What the UI shows of a failure: the stable code, the sentence, and the help article that
// explains it. Every error the store keeps goes through here, so every one can link to help.
import { ZkError, errorCatalog, helpIdFor, type ErrorCode } from '../../../common/errors.js';

export interface ErrorView {
  code: string;
  message: string;
  helpId: string;
}

export function toErrorView(error: unknown): ErrorView {
  if (error instanceof ZkError) return { code: error.code, message: error.message, helpId: error.helpId };
  const reason = error instanceof Error ? error.message : String(error);
  return { code: 'E_INTERNAL', message: `${errorCatalog.E_INTERNAL} (${reason})`, helpId: helpIdFor('E_INTERNAL') };
}

/** An error raised in the UI itself (a malformed JSON input), with the catalogue's help link. */
export function localError(code: ErrorCode, message?: string): ErrorView {
  return { code, message: message ?? errorCatalog[code], helpId: helpIdFor(code) };
}
