// Copy or save proof.json and public.json, formatted as snarkjs writes them. Saving opens a
// save dialog in the desktop app (main writes the file from the result it holds); in a browser
// on `zkdesk serve` the page has no dialog of its own, so the file downloads.
import { useState } from 'react';
import { zkdesk } from '../../api/zkdesk.js';
import { useAppStore } from '../../stores/appStore.js';
import { proofFileText, type ProofFile } from '../../../../common/prover/proofFiles.js';
import type { ProofResult } from '../../../../common/prover/proverTypes.js';
import { localError, toErrorView, type ErrorView } from '../../stores/errorView.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';
import { downloadText } from '../../app/downloadFile.js';

/** The clipboard API needs a focused, secure page; the older copy command covers the rest. */
async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Falls through to the selection copy below.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  const focused = document.activeElement as HTMLElement | null;
  document.body.append(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  focused?.focus();
  if (!copied) throw new Error('The browser refused to copy.');
}

export function ProofFileActions({ result }: { result: ProofResult }) {
  const nativeDialogs = useAppStore((s) => s.info?.capabilities.nativeDialogs ?? false);
  const [said, setSaid] = useState('');
  const [error, setError] = useState<ErrorView | null>(null);

  const copy = async (file: ProofFile) => {
    const { name, text } = proofFileText(result, file);
    try {
      await copyText(text);
      setError(null);
      setSaid(`Copied ${name} to the clipboard.`);
    } catch (reason) {
      setSaid('');
      setError(localError('E_IO', `${name} could not be copied: ${reason instanceof Error ? reason.message : String(reason)}`));
    }
  };

  const save = async (file: ProofFile) => {
    const { name, text } = proofFileText(result, file);
    setError(null);
    if (!nativeDialogs) {
      downloadText(name, text);
      setSaid(`${name} downloaded.`);
      return;
    }
    try {
      const { saved } = await zkdesk.prover.saveResult({ jobId: result.jobId, file });
      setSaid(saved ? `Saved ${name}.` : '');
    } catch (reason) {
      setSaid('');
      setError(toErrorView(reason));
    }
  };

  return (
    <div className="proof-files">
      <div className="actions" role="group" aria-label="Proof files">
        <button type="button" onClick={() => void copy('proof')}>
          Copy proof.json
        </button>
        <button type="button" onClick={() => void save('proof')}>
          Save proof.json
        </button>
        <button type="button" onClick={() => void copy('public')}>
          Copy public.json
        </button>
        <button type="button" onClick={() => void save('public')}>
          Save public.json
        </button>
      </div>
      <p role="status" className="hint">
        {said}
      </p>
      <ErrorNotice error={error} />
    </div>
  );
}
