// The advisor's view of a circuit, read from its manifest: what doctor and the app pass to
// adviseCircuit for a bundled circuit or a user's package.
import type { CircuitManifest } from '../../../common/prover/circuitManifest.js';
import type { CircuitFacts } from '../../../common/advisor/advisorTypes.js';

export function circuitFactsFrom(manifest: Pick<CircuitManifest, 'id' | 'title' | 'constraints' | 'domainPower' | 'wires' | 'artifacts'>): CircuitFacts {
  return {
    id: manifest.id,
    title: manifest.title,
    constraints: manifest.constraints,
    domainPower: manifest.domainPower,
    wires: manifest.wires,
    zkeyBytes: manifest.artifacts.zkey.bytes,
  };
}
