// A finished proof: verified ✓, the timings, the public signals and the proof itself, and the
// two files a verifier needs (proof.json, public.json) to copy or save. The panel comes into
// view with the focus on its heading when the proof lands, so nobody has to hunt for it.
import { useEffect, useRef } from 'react';
import { useAppStore } from '../../stores/appStore.js';
import { formatBytes } from '../../format/formatBytes.js';
import { formatDuration } from '../../format/formatDuration.js';
import { ProofFileActions } from './ProofFileActions.js';

export function ProofResultPanel() {
  const result = useAppStore((s) => s.proofResult);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!result) return;
    heading.current?.focus({ preventScroll: true });
    heading.current?.closest('section')?.scrollIntoView({ block: 'start' });
  }, [result]);

  if (!result) return null;
  const { timings } = result;
  const rows: Array<[string, string]> = [
    ['Waiting', formatDuration(timings.queuedMs)],
    ['Witness', formatDuration(timings.witnessMs)],
    ['Proof', formatDuration(timings.proveMs)],
    ['Verification', formatDuration(timings.verifyMs)],
    ['Total', formatDuration(timings.totalMs)],
    ['Peak memory', formatBytes(result.peakRssBytes)],
    ['Made by', result.backend === 'native' ? 'the native prover' : 'snarkjs'],
  ];
  return (
    <section aria-labelledby="result-title" className="proof-result">
      <h2 id="result-title" ref={heading} tabIndex={-1}>
        Result
      </h2>
      <p className="verified-mark">Proof verified ✓</p>
      <ProofFileActions result={result} />
      <table className="timings">
        <caption>Timings</caption>
        <tbody>
          {rows.map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Public signals ({result.publicSignals.length})</h3>
      <ol className="signals">
        {result.publicSignals.map((signal, index) => (
          <li key={index}>
            <code>{signal}</code>
          </li>
        ))}
      </ol>
      <details>
        <summary>Proof (Groth16, {result.proof.curve})</summary>
        <pre className="code-block" tabIndex={0}>
          {JSON.stringify(result.proof, null, 2)}
        </pre>
      </details>
    </section>
  );
}
