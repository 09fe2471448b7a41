// The preload script: exposes exactly the contract as `window.zkdesk` through contextBridge,
// forwarding each method to its own IPC channel. No generic send(channel, ...args): the
// renderer cannot name a channel the contract does not have.
import { contextBridge, ipcRenderer } from 'electron';
import { buildApiObject } from './apiObject.js';
import { channelOf, type ApiResult } from './contract.js';

const api = buildApiObject({
  call: (method, input) => ipcRenderer.invoke(channelOf(method), input) as Promise<ApiResult<unknown>>,
  subscribe: (event, listener) => {
    const handler = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channelOf(event), handler);
    return () => {
      ipcRenderer.removeListener(channelOf(event), handler);
    };
  },
});

contextBridge.exposeInMainWorld('zkdesk', api);
