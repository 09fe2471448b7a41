// Builds `window.zkdesk` from the contract: one object per domain, one function per method,
// each forwarding to a transport (Electron IPC in preload, HTTP in the browser host). The
// answer's envelope is unwrapped here, so a failure reaches the UI as an error with its code
// and help id. No Electron, no Node, no DOM: both transports share it.
import { ZkError, isErrorCode } from '../common/errors.js';
import { isEventName, methodNames, type ApiResult, type EventName, type EventPayload, type MethodName, type ZkdeskApi } from './contract.js';

export interface Transport {
  call(method: MethodName, input: unknown): Promise<ApiResult<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

function unwrap(result: ApiResult<unknown>): unknown {
  if (result.ok) return result.value;
  const { code, message, details } = result.error;
  throw new ZkError(isErrorCode(code) ? code : 'E_INTERNAL', message, details);
}

export function buildApiObject(transport: Transport): ZkdeskApi {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const name of methodNames) {
    const [domain, method] = name.split('.') as [string, string];
    api[domain] ??= {};
    api[domain][method] = async (input?: unknown) => unwrap(await transport.call(name, input));
  }
  const on = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): (() => void) => {
    if (!isEventName(event)) throw new ZkError('E_INPUT_INVALID', `"${String(event)}" is not a zkdesk event.`);
    return transport.subscribe(event, listener as (payload: unknown) => void);
  };
  return Object.freeze({ ...api, on }) as unknown as ZkdeskApi;
}
