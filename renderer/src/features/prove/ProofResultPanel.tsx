// A finished proof: verified ✓, the timings, the public signals and the proof itself.
import { useAppStore } from '../../stores/appStore.js';
import { formatBytes } from '../../format/formatBytes.js';
import { formatDuration } from '../../format/formatDuration.js';

export function ProofResultPanel() {
  const result = useAppStore((s) => s.proofResult);
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
      <h2 id="result-title">Result</h2>
      <p className="verified-mark">Proof verified ✓</p>
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
