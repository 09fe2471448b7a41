import { describe, expect, it } from 'vitest';
import type { WrittenBundleView } from '../../../../preload/contract.js';
import type { BundlePreview } from '../../../../common/diagnostics/bundleViews.js';
import { ZkError } from '../../../../common/errors.js';
import { testHost } from '../../testing/testHost.js';
import { useAppStore } from '../../stores/appStore.js';

const preview = { files: [] } as unknown as BundlePreview;
const written = { path: '/data/bundles/zkdesk-bundle.zip', bytes: 1234 } as unknown as WrittenBundleView;

describe('diagnostics slice', () => {
  it('writes exactly the previewed plan less the sections the user unticked', async () => {
    testHost.answer({ 'diagnostics.preview': () => ({ planId: 'plan-1', preview }), 'diagnostics.write': () => written });
    const { previewBundle, toggleSection } = useAppStore.getState();
    await previewBundle();
    toggleSection('logs', false);
    toggleSection('settings', false);
    toggleSection('settings', true);
    await useAppStore.getState().writeBundle();
    expect(testHost.calls.at(-1)).toMatchObject({ method: 'diagnostics.write', input: { planId: 'plan-1', exclude: ['logs'] } });
    expect(useAppStore.getState()).toMatchObject({ writtenBundle: written, bundleWriting: false, bundleError: null });
  });

  it('a new preview starts from every section ticked again', async () => {
    testHost.answer({ 'diagnostics.preview': () => ({ planId: 'plan-2', preview }) });
    useAppStore.getState().toggleSection('jobs', false);
    await useAppStore.getState().previewBundle();
    expect(useAppStore.getState().excludedSections).toEqual([]);
  });

  it('keeps each error beside the form that caused it', async () => {
    testHost.answer({
      'diagnostics.open': () => {
        throw new ZkError('E_BUNDLE_TAMPERED', 'This bundle was changed after it was written.');
      },
      'diagnostics.feedback': () => ({ queued: true, sent: false, waiting: 1 }),
    });
    await useAppStore.getState().openBundle('/tmp/b.zip');
    expect(await useAppStore.getState().sendFeedback('The proof hangs at 80 %', false)).toBe(true);
    const state = useAppStore.getState();
    expect(state.openError?.code).toBe('E_BUNDLE_TAMPERED');
    expect(state.bundleError).toBeNull();
    expect(state.feedbackError).toBeNull();
    expect(state.feedbackOutcome).toEqual({ queued: true, sent: false, waiting: 1 });
    expect(state.feedbackWaiting).toBe(1);
  });

  it('tells the feedback form not to clear when the message did not reach the outbox', async () => {
    testHost.answer({
      'diagnostics.feedback': () => {
        throw new ZkError('E_DISK_FULL');
      },
    });
    expect(await useAppStore.getState().sendFeedback('hello', false)).toBe(false);
    expect(useAppStore.getState().feedbackError?.code).toBe('E_DISK_FULL');
  });
});
