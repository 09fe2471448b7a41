// Wires the contract to IPC: one handler per method channel. Each call is answered only for
// the app's own page (the sender's top frame must be zkdesk://app/index.html), and its input
// is parsed by the contract's schema in ZkdeskApi.dispatch before any service sees it.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { ZkError } from '../../common/errors.js';
import { channelOf, methodNames, type ApiResult } from '../../preload/contract.js';
import type { ZkdeskApi } from '../api/apiHandlers.js';
import { isAppUrl } from './appUrl.js';

export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export function wireIpc(api: ZkdeskApi, windows: () => BrowserWindow[]): () => void {
  for (const name of methodNames) {
    ipcMain.handle(channelOf(name), async (event, input: unknown): Promise<ApiResult<unknown>> => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: new ZkError('E_INPUT_INVALID', 'Refused: the call did not come from the zkdesk window.').toPayload() };
      }
      return api.dispatch(name, input);
    });
  }
  const unsubscribe = api.subscribe((event, payload) => {
    for (const window of windows()) {
      if (!window.isDestroyed()) window.webContents.send(channelOf(event), payload);
    }
  });
  return () => {
    unsubscribe();
    for (const name of methodNames) ipcMain.removeHandler(channelOf(name));
  };
}
