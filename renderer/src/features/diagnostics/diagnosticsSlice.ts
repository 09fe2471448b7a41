// Diagnostics: the bundle preview and the sections the user unticked, the bundle written from
// exactly that preview, a bundle opened to read, and feedback.
import { zkdesk } from '../../api/zkdesk.js';
import type { BundleSummaryView, WrittenBundleView } from '../../../../preload/contract.js';
import type { BundlePreview } from '../../../../common/diagnostics/bundleViews.js';
import type { SectionId } from '../../../../common/diagnostics/bundleManifest.js';
import type { SliceCreator } from '../../stores/storeTypes.js';
import { toErrorView, type ErrorView } from '../../stores/errorView.js';

export interface FeedbackOutcome {
  queued: boolean;
  sent: boolean;
  /** Messages left in the outbox after this one. */
  waiting: number;
}

export interface DiagnosticsSlice {
  bundlePreview: BundlePreview | null;
  bundlePlanId: string | null;
  excludedSections: SectionId[];
  previewLoading: boolean;
  writtenBundle: WrittenBundleView | null;
  bundleWriting: boolean;
  revealed: boolean | null;
  /** The app's save dialog for a copy of the written bundle: saved, cancelled, or not asked yet. */
  bundleSaved: boolean | null;
  openedBundle: BundleSummaryView | null;
  bundleOpening: boolean;
  feedbackOutcome: FeedbackOutcome | null;
  feedbackSending: boolean;
  /** Messages waiting in the outbox (no address, or it did not answer); null until asked. */
  feedbackWaiting: number | null;
  /** Each error sits beside the form that caused it: making a bundle, opening one, feedback. */
  bundleError: ErrorView | null;
  openError: ErrorView | null;
  feedbackError: ErrorView | null;
  previewBundle(): Promise<void>;
  toggleSection(id: SectionId, included: boolean): void;
  writeBundle(): Promise<void>;
  revealBundle(): Promise<void>;
  saveBundle(): Promise<void>;
  loadFeedbackWaiting(): Promise<void>;
  openBundle(path?: string): Promise<void>;
  /** True when the message reached the outbox (sent or kept for later): the form may clear. */
  sendFeedback(message: string, attachBundle: boolean): Promise<boolean>;
}

export const createDiagnosticsSlice: SliceCreator<DiagnosticsSlice> = (set, get) => ({
  bundlePreview: null,
  bundlePlanId: null,
  excludedSections: [],
  previewLoading: false,
  writtenBundle: null,
  bundleWriting: false,
  revealed: null,
  bundleSaved: null,
  openedBundle: null,
  bundleOpening: false,
  feedbackOutcome: null,
  feedbackSending: false,
  feedbackWaiting: null,
  bundleError: null,
  openError: null,
  feedbackError: null,

  async previewBundle() {
    set({ previewLoading: true, bundleError: null, writtenBundle: null, revealed: null, bundleSaved: null });
    try {
      const { planId, preview } = await zkdesk.diagnostics.preview({});
      set({ bundlePreview: preview, bundlePlanId: planId, excludedSections: [], previewLoading: false });
    } catch (error) {
      set({ bundleError: toErrorView(error), previewLoading: false });
    }
  },

  toggleSection(id, included) {
    const rest = get().excludedSections.filter((s) => s !== id);
    set({ excludedSections: included ? rest : [...rest, id] });
  },

  async writeBundle() {
    const planId = get().bundlePlanId;
    if (!planId) return;
    set({ bundleWriting: true, bundleError: null, revealed: null, bundleSaved: null });
    try {
      const writtenBundle = await zkdesk.diagnostics.write({ planId, exclude: get().excludedSections });
      set({ writtenBundle, bundleWriting: false });
    } catch (error) {
      set({ bundleError: toErrorView(error), bundleWriting: false });
    }
  },

  async revealBundle() {
    const written = get().writtenBundle;
    if (!written) return;
    try {
      set({ revealed: (await zkdesk.diagnostics.reveal({ handle: written.handle })).revealed });
    } catch (error) {
      set({ bundleError: toErrorView(error) });
    }
  },

  async saveBundle() {
    const written = get().writtenBundle;
    if (!written) return;
    try {
      set({ bundleSaved: (await zkdesk.diagnostics.saveBundle({ handle: written.handle })).saved });
    } catch (error) {
      set({ bundleError: toErrorView(error) });
    }
  },

  async loadFeedbackWaiting() {
    try {
      set({ feedbackWaiting: (await zkdesk.diagnostics.feedbackFile()).count });
    } catch (error) {
      set({ feedbackError: toErrorView(error) });
    }
  },

  async openBundle(path) {
    // The last bundle's summary goes at once: under a new path it would read as that file's.
    set({ openError: null, openedBundle: null, bundleOpening: true });
    try {
      const summary = await zkdesk.diagnostics.open(path === undefined ? {} : { path });
      set({ openedBundle: summary, bundleOpening: false });
    } catch (error) {
      set({ openError: toErrorView(error), bundleOpening: false });
    }
  },

  async sendFeedback(message, attachBundle) {
    set({ feedbackSending: true, feedbackOutcome: null, feedbackError: null });
    try {
      const outcome = await zkdesk.diagnostics.feedback({ message, attachBundle });
      set({ feedbackOutcome: outcome, feedbackSending: false, feedbackWaiting: outcome.waiting });
      return outcome.queued;
    } catch (error) {
      set({ feedbackError: toErrorView(error), feedbackSending: false });
      return false;
    }
  },
});
