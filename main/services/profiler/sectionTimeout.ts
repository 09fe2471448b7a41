// One probe, one time limit, one section: a probe that throws or does not answer in time
// becomes `{ status: 'unavailable', reason }` instead of holding up or failing the profile.
//
// On a busy machine a healthy probe can miss its first limit (a first profile came back with
// CPU, memory, OS and disk all "unavailable"). Given `late`, a section that timed out is
// labelled `retrying` and the probe is given more time in the background, then asked again;
// whatever it finally answers is handed to `late.onAnswer`, so the profile fills in.
import type { UnavailableSection } from '../../../common/profiler/systemProfile.js';

export type Section<F> = ({ status: 'ok' } & F) | UnavailableSection;

export interface LateAnswers<F> {
  /** The section once the probe answered after all, or a final `unavailable` when it never did. */
  onAnswer(section: Section<F>): void;
  /** How long each background try may take. */
  retryLimitMs: number;
  /** Fresh calls of the probe after the first one gave up. */
  retries: number;
}

function attemptOf<F extends object>(name: string, probe: () => Promise<F>): Promise<Section<F>> {
  return (async (): Promise<Section<F>> => {
    try {
      const facts = await probe();
      return { status: 'ok', ...facts };
    } catch (error) {
      return { status: 'unavailable', reason: `${name} probe failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  })();
}

/** The attempt's answer, or null when it has not come within limitMs. */
async function within<F>(attempt: Promise<Section<F>>, limitMs: number): Promise<Section<F> | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), limitMs);
    // A probe that never settles must not keep the CLI alive after the profile is printed.
    timer.unref();
  });
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function sectionWithin<F extends object>(name: string, limitMs: number, probe: () => Promise<F>, late?: LateAnswers<F>): Promise<Section<F>> {
  const first = attemptOf(name, probe);
  const answer = await within(first, limitMs);
  if (answer) return answer;
  const reason = `${name} probe gave no answer within ${limitMs} ms`;
  if (!late) return { status: 'unavailable', reason };
  void keepTrying(name, probe, first, late);
  return { status: 'unavailable', reason: `${reason}; still trying in the background`, retrying: true };
}

/** The first attempt is given more time; then the probe is called afresh, up to `retries` times. */
async function keepTrying<F extends object>(name: string, probe: () => Promise<F>, first: Promise<Section<F>>, late: LateAnswers<F>): Promise<void> {
  let attempt = first;
  let last: Section<F> | null = null;
  for (let tries = 0; tries <= late.retries; tries++) {
    if (tries > 0) attempt = attemptOf(name, probe);
    last = await within(attempt, late.retryLimitMs);
    if (last?.status === 'ok') break;
  }
  late.onAnswer(last ?? { status: 'unavailable', reason: `${name} probe gave no answer, even given ${late.retryLimitMs} ms in the background (${late.retries + 1} tries)` });
}
