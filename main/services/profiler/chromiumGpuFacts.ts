// Chromium's own view of the GPU (Electron's app.getGPUFeatureStatus() and
// app.getGPUInfo('basic')), picked field by field like everything else in the profile. It
// lives here, free of Electron, so the picking is tested in Node; main/app/electronGpuInfo.ts
// only asks Electron and hands the answers over.
import type { ChromiumGpu } from '../../../common/profiler/systemProfile.js';

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function id(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** What the renderer learnt from `navigator.gpu.requestAdapter()` (adapter.info), if it asked. */
export interface WebGpuReport {
  adapter: boolean;
  vendor?: string;
  architecture?: string;
  description?: string;
}

export function chromiumGpuFrom(featureStatus: object, basicInfo: unknown, webgpu?: WebGpuReport): ChromiumGpu {
  const status: Record<string, string> = {};
  for (const [feature, value] of Object.entries(featureStatus)) {
    if (typeof value === 'string') status[feature] = value;
  }
  const info = record(basicInfo);
  const aux = record(info.auxAttributes);
  const devices = Array.isArray(info.gpuDevice) ? info.gpuDevice : [];
  const result: ChromiumGpu = {
    featureStatus: status,
    devices: devices.map((raw) => {
      const d = record(raw);
      return {
        active: Boolean(d.active),
        vendorId: id(d.vendorId),
        deviceId: id(d.deviceId),
        vendorString: str(d.vendorString),
        deviceString: str(d.deviceString),
        driverVendor: str(d.driverVendor),
        driverVersion: str(d.driverVersion),
      };
    }),
    glRenderer: str(aux.glRenderer),
    glVendor: str(aux.glVendor),
  };
  if (webgpu) {
    result.webgpu = {
      adapter: webgpu.adapter,
      vendor: str(webgpu.vendor),
      architecture: str(webgpu.architecture),
      description: str(webgpu.description),
    };
  }
  return result;
}
