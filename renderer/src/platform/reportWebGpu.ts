// Asks this browser engine whether WebGPU gives an adapter, and tells zkdesk, so the machine
// profile (and a support bundle) says what the UI's own engine can use. Best effort: a missing
// API or a refusal is itself the answer.
import { zkdesk } from '../api/zkdesk.js';

interface GpuAdapterInfo {
  vendor?: string;
  architecture?: string;
  description?: string;
}
interface GpuLike {
  requestAdapter(): Promise<{ info?: GpuAdapterInfo } | null>;
}

export async function reportWebGpu(): Promise<void> {
  const gpu = (navigator as Navigator & { gpu?: GpuLike }).gpu;
  let adapter: { info?: GpuAdapterInfo } | null = null;
  try {
    adapter = gpu ? await gpu.requestAdapter() : null;
  } catch {
    adapter = null;
  }
  const info = adapter?.info ?? {};
  await zkdesk.profile.reportWebGpu({
    adapter: adapter !== null,
    vendor: info.vendor || null,
    architecture: info.architecture || null,
    description: info.description || null,
  });
}
