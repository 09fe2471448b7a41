// What the page gets as window.zkdesk: the real preload script run against a thin stand-in for
// Electron's contextBridge and ipcRenderer. Its keys are exactly the contract's domains and
// methods (plus `on` for the contract's events), with no way to name an arbitrary channel.
import { describe, expect, it, vi } from 'vitest';
import { ZkError } from '../../../common/errors.js';

const electron = vi.hoisted(() => ({ fake: null as unknown as import('./electronFake.js').ElectronFake }));
vi.mock('electron', async () => {
  const { createElectronFake } = await import('./electronFake.js');
  const { fake, module } = createElectronFake();
  electron.fake = fake;
  return module;
});

await import('../../../preload/preload.js');
const { methodNames, channelOf } = await import('../../../preload/contract.js');
const { buildApiObject } = await import('../../../preload/apiObject.js');

type Exposed = Record<string, Record<string, (input?: unknown) => Promise<unknown>> | ((...args: unknown[]) => unknown)>;

function exposedApi(): Exposed {
  const api = electron.fake.exposed.get('zkdesk');
  if (!api) throw new Error('preload exposed nothing as zkdesk');
  return api as Exposed;
}

describe('window.zkdesk, as the preload exposes it', () => {
  it('is the only thing exposed', () => {
    expect([...electron.fake.exposed.keys()]).toEqual(['zkdesk']);
  });

  it("has exactly the contract's methods, one function each, and `on`", () => {
    const api = exposedApi();
    const listed = Object.entries(api).flatMap(([domain, value]) =>
      typeof value === 'function' ? [domain] : Object.keys(value).map((method) => `${domain}.${method}`),
    );
    expect(listed.sort()).toEqual([...methodNames, 'on'].sort());
  });

  it('has no generic way to reach a channel', () => {
    const api = exposedApi();
    for (const name of ['send', 'invoke', 'ipcRenderer', 'sendSync', 'postMessage']) expect(api[name]).toBeUndefined();
    expect(Object.isFrozen(api)).toBe(true);
  });

  it("forwards a method to its own channel, nothing else", async () => {
    const api = exposedApi();
    const help = api.help as Record<string, () => Promise<unknown>>;
    await help.articles?.();
    expect(electron.fake.invoked.at(-1)).toEqual({ channel: channelOf('help.articles'), input: undefined });
  });

  it('refuses an event the contract does not name', () => {
    const on = exposedApi().on as (event: string, listener: () => void) => unknown;
    expect(() => on('anything.else', () => {})).toThrow(ZkError);
  });
});

describe('the answer envelope', () => {
  it('reaches the page as a ZkError with its code, message and help id', async () => {
    const api = buildApiObject({
      call: async () => ({ ok: false, error: { code: 'E_TIMEOUT', message: 'The proof took too long.', details: { limitSec: 1 }, helpId: 'errors/E_TIMEOUT' } }),
      subscribe: () => () => {},
    });
    const failure = await api.prover.jobs().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ZkError);
    expect(failure).toMatchObject({ code: 'E_TIMEOUT', message: 'The proof took too long.', helpId: 'errors/E_TIMEOUT' });
  });

  it('turns a code it does not know into E_INTERNAL rather than trusting it', async () => {
    const api = buildApiObject({
      call: async () => ({ ok: false as const, error: { code: 'E_MADE_UP' as 'E_INTERNAL', message: 'x', details: {}, helpId: 'errors/E_MADE_UP' } }),
      subscribe: () => () => {},
    });
    await expect(api.prover.jobs()).rejects.toMatchObject({ code: 'E_INTERNAL' });
  });
});
