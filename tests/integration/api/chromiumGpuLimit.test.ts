// Chromium's GPU view comes from its GPU process (the Electron app only). When that process is
// wedged, the machine profile must still come back, complete but for Chromium's part.
import { afterAll, describe, expect, it } from 'vitest';
import { openTestServices, type TestServices } from '../../support/servicesHarness.js';

const opened: TestServices[] = [];
afterAll(async () => Promise.all(opened.map((o) => o.close())));

describe("Chromium's GPU view", () => {
  it('is left out, not waited for, when the GPU process never answers', async () => {
    // Stands in for Electron's app.getGPUInfo, which cannot run here: it never settles.
    const services = await openTestServices('chromium-gpu-hung', { chromiumGpu: () => new Promise(() => {}) });
    opened.push(services);
    const profile = await services.services.profiles.current({ fresh: true });
    expect(profile.cpu.status).toBe('ok');
    expect(profile.chromiumGpu).toBeUndefined();
  });
});
