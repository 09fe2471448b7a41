// A host for renderer unit tests: the real contract and the real api object (the same
// buildApiObject the preload and the browser transport use), over a transport whose answers the
// test gives. Every call's input is parsed by the contract's schema first, as main does, so a
// slice that sends something main would refuse fails here too. The real host runs in the browser
// end-to-end tests; this stands in for it only where a DOM without a server is the point.
import { parseInput, type ApiResult, type EventName, type EventPayload, type MethodInput, type MethodName, type MethodOutput } from '../../../preload/contract.js';
import { buildApiObject, type Transport } from '../../../preload/apiObject.js';
import { ZkError } from '../../../common/errors.js';

type Handler<N extends MethodName> = (input: MethodInput<N>) => MethodOutput<N> | Promise<MethodOutput<N>>;
export type Handlers = { [N in MethodName]?: Handler<N> };

export interface FakeHost {
  /** Answers these methods from now on (replacing earlier answers for the same methods). */
  answer(handlers: Handlers): void;
  /** Every call made, in order, with the input as the contract parsed it. */
  readonly calls: Array<{ method: MethodName; input: unknown }>;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  reset(): void;
}

export function createFakeHost(): { host: FakeHost; transport: Transport } {
  let handlers: Handlers = {};
  const calls: Array<{ method: MethodName; input: unknown }> = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const transport: Transport = {
    async call(method, input): Promise<ApiResult<unknown>> {
      const parsed = parseInput(method, input);
      if (!parsed.ok) return { ok: false, error: new ZkError('E_INPUT_INVALID', `The page sent ${method} an input main would refuse: ${parsed.problem}`).toPayload() };
      calls.push({ method, input: parsed.value });
      const handler = handlers[method] as ((input: unknown) => unknown) | undefined;
      if (!handler) return { ok: false, error: new ZkError('E_INTERNAL', `The test gave no answer for ${method}.`).toPayload() };
      try {
        return { ok: true, value: await handler(parsed.value) };
      } catch (error) {
        return { ok: false, error: ZkError.wrap(error).toPayload() };
      }
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  const host: FakeHost = {
    answer(more) {
      handlers = { ...handlers, ...more };
    },
    calls,
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    reset() {
      handlers = {};
      calls.length = 0;
    },
  };
  return { host, transport };
}

export { buildApiObject };
