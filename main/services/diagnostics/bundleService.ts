// The bundle API the app's views call: preview, then write exactly what was previewed; open a
// bundle and summarise it; compare two. A preview keeps its plan under an id, so the bytes the
// user looked at are the bytes written, even if a log line is added in between.
import { randomUUID } from 'node:crypto';
import { ZkError } from '../../../common/errors.js';
import { planBundle, type BundlePlan } from './bundlePlan.js';
import { DEFAULT_SIZE_CAP_BYTES, previewBundle, type BundlePreview, type SelectionOptions } from './bundleSelection.js';
import { writeBundle, type WrittenBundle } from './bundleWriter.js';
import { openBundle } from './bundleReader.js';
import { summarizeBundle, type BundleSummary } from './bundleInspector.js';
import { diffBundles, type BundleDiff } from './bundleDiff.js';
import type { BundleSources } from './bundleSources.js';
import type { Redactor } from './redact.js';
import type { SectionId } from '../../../common/diagnostics/bundleManifest.js';

export interface BundleServiceOptions {
  dataDir: string;
  sources: BundleSources;
  redactor: () => Redactor;
  app: () => { version: string; channel: string };
  installId: () => string | null;
  now?: () => Date;
}

export interface BundleChoices {
  exclude?: SectionId[];
  include?: SectionId[];
  sizeCapBytes?: number;
}

const KEPT_PLANS = 4;

export class BundleService {
  private readonly plans = new Map<string, BundlePlan>();

  constructor(private readonly options: BundleServiceOptions) {}

  async preview(request: BundleChoices & { sinceDays?: number | null } = {}): Promise<{ planId: string; preview: BundlePreview }> {
    const plan = await planBundle({
      dataDir: this.options.dataDir,
      sources: this.options.sources,
      redactor: this.options.redactor(),
      sinceDays: request.sinceDays ?? null,
      ...(this.options.now ? { now: this.options.now } : {}),
    });
    const planId = randomUUID();
    this.plans.set(planId, plan);
    while (this.plans.size > KEPT_PLANS) this.plans.delete(this.plans.keys().next().value as string);
    return { planId, preview: previewBundle(plan, this.selection(request), { app: this.options.app(), installId: this.options.installId() }) };
  }

  /** Re-selects with the user's final choices (a section unticked after the preview) and writes. */
  async write(planId: string, outPath: string, choices: BundleChoices = {}): Promise<WrittenBundle> {
    const plan = this.plans.get(planId);
    if (!plan) throw new ZkError('E_INTERNAL', 'That preview has expired; preview the bundle again.', { planId });
    const written = await writeBundle(plan, { ...this.selection(choices), outPath, app: this.options.app(), installId: this.options.installId() });
    this.plans.delete(planId);
    return written;
  }

  async inspect(file: string): Promise<BundleSummary> {
    return summarizeBundle(await openBundle(file));
  }

  async diff(a: string, b: string): Promise<BundleDiff> {
    return diffBundles(await openBundle(a), await openBundle(b));
  }

  private selection(choices: BundleChoices): SelectionOptions {
    return { sizeCapBytes: choices.sizeCapBytes ?? DEFAULT_SIZE_CAP_BYTES, exclude: choices.exclude ?? [], include: choices.include ?? [] };
  }
}
