// One probe, one time limit, one section: a probe that throws or does not answer in time
// becomes `{ status: 'unavailable', reason }` instead of holding up or failing the profile.
import type { UnavailableSection } from '../../../common/profiler/systemProfile.js';

export type Section<F> = ({ status: 'ok' } & F) | UnavailableSection;

export async function sectionWithin<F extends object>(name: string, limitMs: number, probe: () => Promise<F>): Promise<Section<F>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<UnavailableSection>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'unavailable', reason: `${name} probe gave no answer within ${limitMs} ms` }), limitMs);
    // A probe that never settles must not keep the CLI alive after the profile is printed.
    timer.unref();
  });
  const attempt = (async (): Promise<Section<F>> => {
    try {
      const facts = await probe();
      return { status: 'ok', ...facts };
    } catch (error) {
      return { status: 'unavailable', reason: `${name} probe failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  })();
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
