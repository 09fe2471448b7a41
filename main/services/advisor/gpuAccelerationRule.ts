// Proving runs on the CPU, but the window does not: without GPU acceleration Chromium draws
// the UI in software, on the same cores the prover needs, and the app feels sluggish.
import { makeWarning, type AdvisorInput, type AdvisorWarning } from '../../../common/advisor/advisorTypes.js';

/** Renderers that are software in disguise: Mesa's llvmpipe/softpipe, Windows' basic driver, SwiftShader. */
const SOFTWARE_RENDERER = /llvmpipe|softpipe|swiftshader|microsoft basic render|basic display adapter/i;

/** Chromium features whose status tells whether pages are drawn by the GPU. */
const ACCELERATION_FEATURES = ['gpu_compositing', 'rasterization', 'webgl'] as const;

export function gpuAccelerationRule(input: AdvisorInput): AdvisorWarning | null {
  const { chromiumGpu, gpu } = input.profile;
  if (chromiumGpu) {
    const off = ACCELERATION_FEATURES.filter((f) => {
      const status = chromiumGpu.featureStatus[f];
      return status !== undefined && !status.startsWith('enabled');
    });
    if (off.length === 0) return null;
    return makeWarning('gpu-no-hardware-acceleration', 'warning', {
      title: 'No GPU acceleration for the window',
      detail: `Chromium reports ${off.map((f) => `${f}: ${chromiumGpu.featureStatus[f]}`).join(', ')}. The interface is drawn by the CPU, which takes time from proofs and makes the window slow.`,
      evidence: {
        ...Object.fromEntries(off.map((f) => [f, chromiumGpu.featureStatus[f] ?? null])),
        glRenderer: chromiumGpu.glRenderer,
      },
      fix: 'Update the graphics driver; in a VM or remote session, enable 3D acceleration if you can.',
    });
  }
  if (gpu.status !== 'ok') return null;
  const models = gpu.controllers.map((c) => c.model);
  const hardware = models.filter((m) => !SOFTWARE_RENDERER.test(m));
  if (hardware.length > 0 || (gpu.nvidia.status === 'ok' && gpu.nvidia.gpus.length > 0)) return null;
  return makeWarning('gpu-no-hardware-acceleration', 'info', {
    title: models.length === 0 ? 'No GPU found' : 'Only a software renderer found',
    detail:
      (models.length === 0 ? 'No graphics adapter was found' : `The only graphics adapter is a software renderer (${models.join(', ')})`) +
      ': proving is unaffected, but the zkdesk window will be drawn by the CPU.',
    evidence: { controllers: models.length === 0 ? null : models.join(', '), nvidiaSmi: gpu.nvidia.status },
    fix: 'Nothing to do for the command line; for the app, use a machine or VM with a GPU driver.',
  });
}
