// Where the compiled worker scripts are, for whichever launcher starts them.
import { fileURLToPath } from 'node:url';

export const proverWorkerScript = fileURLToPath(new URL('./prover.js', import.meta.url));
export const calibrationWorkerScript = fileURLToPath(new URL('./calibrate.js', import.meta.url));
