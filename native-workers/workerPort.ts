// The worker's side of the launcher: the same script runs as an Electron utility process
// (messages through process.parentPort) or a Node child process (process.send). Everything
// above this file is identical in both.
import type { MainToWorker, WorkerToMain } from '../common/workerProtocol.js';
import { isMainToWorker } from '../common/workerProtocol.js';

export interface WorkerPort {
  post(message: WorkerToMain): void;
  onMessage(listener: (message: MainToWorker) => void): void;
  /** Called when the parent goes away, so the worker does not outlive it. */
  onParentGone(listener: () => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export function connectToParent(): WorkerPort {
  const parentPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort) {
    return {
      post: (message) => parentPort.postMessage(message),
      onMessage: (listener) =>
        parentPort.on('message', (event) => {
          if (isMainToWorker(event.data)) listener(event.data);
        }),
      // Electron ends a utility process together with its parent.
      onParentGone: () => {},
    };
  }
  const send = process.send?.bind(process);
  if (send) {
    return {
      post: (message) => {
        if (process.connected) send(message);
      },
      onMessage: (listener) =>
        process.on('message', (message: unknown) => {
          if (isMainToWorker(message)) listener(message);
        }),
      onParentGone: (listener) => process.on('disconnect', listener),
    };
  }
  throw new Error('This script is a zkdesk worker: start it through a worker launcher, not directly.');
}
