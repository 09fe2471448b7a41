import { describe, it, expect } from 'vitest';
import { chromiumGpuFrom } from '../../../main/services/profiler/chromiumGpuFacts.js';
import { chromiumGpuSchema } from '../../../common/profiler/systemProfile.js';

// The shape Electron's app.getGPUInfo('basic') returns on Windows (Chromium's GPUInfo), with
// keys zkdesk does not keep.
const basicInfo = {
  auxAttributes: { amdSwitchable: false, canSupportThreadedTextureMailbox: false, glResetNotificationStrategy: 0, inProcessGpu: false, passthroughCmdDecoder: true, sandboxed: true, subpixelFontRendering: true, visibilityCallbackCallCount: 0 },
  gpuDevice: [
    { active: true, cudaComputeCapabilityMajor: 8, deviceId: 9860, driverVendor: '', driverVersion: '32.0.15.5186', gpuPreference: 2, revision: 161, subSysId: 0x16101462, systemDeviceId: 109842, vendorId: 4318 },
  ],
  machineModelName: '',
  machineModelVersion: '',
};

describe('Chromium GPU view', () => {
  it('keeps feature status and device ids, drops everything else', () => {
    const facts = chromiumGpuFrom({ gpu_compositing: 'enabled', webgl: 'enabled', rasterization: 'enabled' }, basicInfo);
    expect(facts).toEqual({
      featureStatus: { gpu_compositing: 'enabled', webgl: 'enabled', rasterization: 'enabled' },
      devices: [{ active: true, vendorId: 4318, deviceId: 9860, vendorString: null, deviceString: null, driverVendor: null, driverVersion: '32.0.15.5186' }],
      glRenderer: null,
      glVendor: null,
    });
    expect(JSON.stringify(facts)).not.toContain('subSysId');
    expect(chromiumGpuSchema.safeParse(facts).success).toBe(true);
  });

  it('adds the WebGPU adapter the renderer reported', () => {
    const facts = chromiumGpuFrom({}, {}, { adapter: true, vendor: 'apple', architecture: 'metal-3' });
    expect(facts.webgpu).toEqual({ adapter: true, vendor: 'apple', architecture: 'metal-3', description: null });
    expect(facts.devices).toEqual([]);
  });
});
