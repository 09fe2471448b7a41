// Choose a circuit: the bundled ones (and packages opened this session) in one list. A circuit
// that is listed but not built says why it cannot be chosen, and builds here where it can
// (NotBuiltCircuits.tsx).
import { useEffect } from 'react';
import { useAppStore } from '../../stores/appStore.js';
import { NotBuiltCircuits } from './NotBuiltCircuits.js';

export function CircuitPicker() {
  const circuits = useAppStore((s) => s.circuits);
  const selected = useAppStore((s) => s.selectedCircuitId);
  const selectCircuit = useAppStore((s) => s.selectCircuit);
  const loadCircuits = useAppStore((s) => s.loadCircuits);
  const notBuilt = circuits.filter((c) => !c.built);

  useEffect(() => {
    void loadCircuits();
  }, [loadCircuits]);

  return (
    <div className="field">
      <label htmlFor="circuit-select">Circuit</label>
      <select id="circuit-select" value={selected ?? ''} onChange={(e) => void selectCircuit(e.target.value)} aria-describedby={notBuilt.length > 0 ? 'not-built-note' : undefined}>
        <option value="" disabled>
          Choose a circuit…
        </option>
        {circuits.map((c) => (
          <option key={c.id} value={c.id} disabled={!c.built}>
            {c.title}
            {c.source === 'package' ? ' (package)' : ''}
            {c.built ? '' : ' (not built)'}
          </option>
        ))}
      </select>
      <NotBuiltCircuits circuits={circuits} />
    </div>
  );
}
