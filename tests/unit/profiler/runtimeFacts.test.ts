import { describe, it, expect } from 'vitest';
import os from 'node:os';
import { collectRuntimeFacts } from '../../../main/services/profiler/runtimeFacts.js';
import { detectWasmFeatures } from '../../../main/services/profiler/wasmFeatures.js';
import { runtimeSectionSchema } from '../../../common/profiler/systemProfile.js';

describe('runtime facts of this process', () => {
  it('finds WebAssembly with SIMD and threads in Node 20', () => {
    expect(detectWasmFeatures()).toEqual({ available: true, simd: true, threads: true });
  });

  it('reports this Node, its architecture and usable parallelism, outside Electron', async () => {
    const facts = await collectRuntimeFacts();
    expect(facts.node).toBe(process.versions.node);
    expect(facts.v8).toBe(process.versions.v8);
    expect(facts.electron).toBeNull();
    expect(facts.arch).toBe(process.arch);
    expect(facts.availableParallelism).toBe(os.availableParallelism());
    expect(runtimeSectionSchema.safeParse({ status: 'ok', ...facts }).success).toBe(true);
  });

  it('reads Electron and Chromium versions when they are there', async () => {
    const facts = await collectRuntimeFacts({ node: '22.20.0', v8: '14.4', electron: '40.8.5', chrome: '144.0.7559.236' });
    expect(facts).toMatchObject({ electron: '40.8.5', chrome: '144.0.7559.236' });
  });
});
