// Diagnostics: the bundle preview and the sections the user unticked, the bundle written from
// exactly that preview, a bundle opened to read, and feedback.
import { zkdesk } from '../../api/zkdesk.js';
import type { BundleSummaryView, WrittenBundleView } from '../../../../preload/contract.js';
import type { BundlePreview } from '../../../../main/services/diagnostics/bundleViews.js';
import type { SectionId } from '../../../../main/services/diagnostics/bundleManifest.js';
import type { SliceCreator } from '../../stores/storeTypes.js';
import { toErrorView, type ErrorView } from '../../stores/errorView.js';

export interface FeedbackOutcome {
  queued: boolean;
  sent: boolean;
}

export interface DiagnosticsSlice {
  bundlePreview: BundlePreview | null;
  bundlePlanId: string | null;
  excludedSections: SectionId[];
  previewLoading: boolean;
  writtenBundle: WrittenBundleView | null;
  bundleWriting: boolean;
  revealed: boolean | null;
  openedBundle: BundleSummaryView | null;
  feedbackOutcome: FeedbackOutcome | null;
  feedbackSending: boolean;
  diagnosticsError: ErrorView | null;
  previewBundle(): Promise<void>;
  toggleSection(id: SectionId, included: boolean): void;
  writeBundle(): Promise<void>;
  revealBundle(): Promise<void>;
  openBundle(path?: string): Promise<void>;
  sendFeedback(message: string, attachBundle: boolean): Promise<void>;
}

export const createDiagnosticsSlice: SliceCreator<DiagnosticsSlice> = (set, get) => ({
  bundlePreview: null,
  bundlePlanId: null,
  excludedSections: [],
  previewLoading: false,
  writtenBundle: null,
  bundleWriting: false,
  revealed: null,
  openedBundle: null,
  feedbackOutcome: null,
  feedbackSending: false,
  diagnosticsError: null,

  async previewBundle() {
    set({ previewLoading: true, diagnosticsError: null, writtenBundle: null, revealed: null });
    try {
      const { planId, preview } = await zkdesk.diagnostics.preview({});
      set({ bundlePreview: preview, bundlePlanId: planId, excludedSections: [], previewLoading: false });
    } catch (error) {
      set({ diagnosticsError: toErrorView(error), previewLoading: false });
    }
  },

  toggleSection(id, included) {
    const rest = get().excludedSections.filter((s) => s !== id);
    set({ excludedSections: included ? rest : [...rest, id] });
  },

  async writeBundle() {
    const planId = get().bundlePlanId;
    if (!planId) return;
    set({ bundleWriting: true, diagnosticsError: null, revealed: null });
    try {
      const writtenBundle = await zkdesk.diagnostics.write({ planId, exclude: get().excludedSections });
      set({ writtenBundle, bundleWriting: false });
    } catch (error) {
      set({ diagnosticsError: toErrorView(error), bundleWriting: false });
    }
  },

  async revealBundle() {
    const written = get().writtenBundle;
    if (!written) return;
    try {
      set({ revealed: (await zkdesk.diagnostics.reveal({ path: written.path })).revealed });
    } catch (error) {
      set({ diagnosticsError: toErrorView(error) });
    }
  },

  async openBundle(path) {
    set({ diagnosticsError: null });
    try {
      const summary = await zkdesk.diagnostics.open(path === undefined ? {} : { path });
      if (summary) set({ openedBundle: summary });
    } catch (error) {
      set({ diagnosticsError: toErrorView(error) });
    }
  },

  async sendFeedback(message, attachBundle) {
    set({ feedbackSending: true, feedbackOutcome: null, diagnosticsError: null });
    try {
      set({ feedbackOutcome: await zkdesk.diagnostics.feedback({ message, attachBundle }), feedbackSending: false });
    } catch (error) {
      set({ diagnosticsError: toErrorView(error), feedbackSending: false });
    }
  },
});
