// systeminformation's graphics() runs nvidia-smi with execFileSync and no timeout on Linux and
// Windows. On the event loop, a driver that takes seconds to wake (or never answers) froze every
// other section's time limit, and in the app the whole main process. So graphics() runs in a
// worker thread whose own copy of child_process refuses nvidia-smi: our probe (nvidiaSmiProbe.ts)
// asks it asynchronously, under a time limit, and its answer is merged in gpuFactsFrom. The
// thread is abandoned if anything else in it hangs; a thread blocked in a synchronous call
// would also hold up process exit, which is why nvidia-smi is kept out rather than waited out.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Systeminformation } from 'systeminformation';

const systeminformationPath = createRequire(import.meta.url).resolve('systeminformation');

// A CommonJS script evaluated in the thread: no compiled file to locate in dist/ or an asar.
const threadScript = `
const { parentPort } = require('node:worker_threads');
const childProcess = require('node:child_process');
const execFileSync = childProcess.execFileSync;
childProcess.execFileSync = function (file, ...rest) {
  if (/nvidia-smi(\\.exe)?$/i.test(String(file))) throw new Error('nvidia-smi is probed separately');
  return execFileSync.call(this, file, ...rest);
};
require(${JSON.stringify(systeminformationPath)}).graphics().then(
  (graphics) => parentPort.postMessage({ ok: true, graphics }),
  (error) => parentPort.postMessage({ ok: false, message: String((error && error.message) || error) }),
);
`;

type ThreadAnswer = { ok: true; graphics: Systeminformation.GraphicsData } | { ok: false; message: string };

export function graphicsInThread(limitMs: number): Promise<Systeminformation.GraphicsData> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(threadScript, { eval: true });
    // A thread stuck in execFileSync must not keep a CLI alive after it printed the profile.
    worker.unref();
    const finish = (settle: () => void): void => {
      clearTimeout(timer);
      worker.removeAllListeners();
      // Nothing the abandoned thread says afterwards matters, but an unheard 'error' would throw.
      worker.on('error', () => {});
      void worker.terminate();
      settle();
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`graphics gave no answer within ${limitMs} ms`))), limitMs);
    timer.unref();
    worker.once('message', (answer: ThreadAnswer) =>
      finish(() => (answer.ok ? resolve(answer.graphics) : reject(new Error(answer.message)))),
    );
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', (code) => finish(() => reject(new Error(`graphics thread exited with code ${code}`))));
  });
}
