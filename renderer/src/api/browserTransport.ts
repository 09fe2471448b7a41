// How the UI reaches zkdesk when it runs in a browser against `zkdesk serve`: each method is a
// POST to /api/call with the token from the page's URL, events arrive over one WebSocket.
// Under Electron the preload script provides window.zkdesk instead and this is never used.
import type { ApiResult, EventName, MethodName } from '../../../preload/contract.js';
import type { Transport } from '../../../preload/apiObject.js';

export function browserTransport(token: string, origin = window.location.origin): Transport {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let socket: WebSocket | null = null;
  let retryMs = 500;

  const connect = (): void => {
    socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/api/events?token=${encodeURIComponent(token)}`);
    socket.onopen = () => {
      retryMs = 500;
    };
    socket.onmessage = (message: MessageEvent<string>) => {
      const { event, payload } = JSON.parse(message.data) as { event: EventName; payload: unknown };
      for (const listener of listeners.get(event) ?? []) listener(payload);
    };
    socket.onclose = () => {
      // The host restarted or the network blinked: reconnect with backoff while anyone listens.
      socket = null;
      if ([...listeners.values()].some((set) => set.size > 0)) {
        setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, 10_000);
      }
    };
  };

  return {
    async call(method: MethodName, input: unknown): Promise<ApiResult<unknown>> {
      let response: Response;
      try {
        response = await fetch('/api/call', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Zkdesk-Token': token },
          body: JSON.stringify({ method, input }),
        });
      } catch {
        return { ok: false, error: { code: 'E_IO', message: 'zkdesk is not reachable: is `zkdesk serve` still running?', details: {}, helpId: 'errors/E_IO' } };
      }
      if (!response.ok) {
        return { ok: false, error: { code: 'E_INTERNAL', message: `The host refused the call (${response.status}).`, details: { status: response.status }, helpId: 'errors/E_INTERNAL' } };
      }
      return (await response.json()) as ApiResult<unknown>;
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      if (!socket) connect();
      return () => {
        set.delete(listener);
      };
    },
  };
}
