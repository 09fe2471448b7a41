// Adds Chromium's GPU view to a profile in the Electron app (the CLI has no Chromium to ask).
// Call it after app 'ready': getGPUInfo needs the GPU process. The picking is done by
// chromiumGpuFrom, which is tested in plain Node.
import type { App } from 'electron';
import type { ChromiumGpu } from '../../common/profiler/systemProfile.js';
import { chromiumGpuFrom, type WebGpuReport } from '../services/profiler/chromiumGpuFacts.js';

export async function readChromiumGpu(app: Pick<App, 'getGPUFeatureStatus' | 'getGPUInfo'>, webgpu?: WebGpuReport): Promise<ChromiumGpu> {
  const featureStatus = app.getGPUFeatureStatus();
  const basic = await app.getGPUInfo('basic');
  return chromiumGpuFrom(featureStatus, basic, webgpu);
}
