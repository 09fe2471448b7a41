import { describe, it, expect } from 'vitest';
import { conservativePeakMemoryBytes } from '../../../main/services/advisor/memoryNeed.js';

const MiB = 1024 * 1024;

// Peak RSS of snarkjs fullProve measured on the development VM (2 cores) for the bundled
// circuits, with their real sizes from the built manifests.
const measured = [
  { id: 'poseidon-preimage', domainPower: 8, wires: 243, zkeyBytes: 137_531, peakMiB: 109 },
  { id: 'stress-12', domainPower: 12, wires: 4_035, zkeyBytes: 1_909_615, peakMiB: 175 },
  { id: 'stress-14', domainPower: 14, wires: 16_323, zkeyBytes: 7_709_551, peakMiB: 206 },
];

describe('conservative peak memory', () => {
  it.each(measured)('is above the measured peak for $id', ({ peakMiB, ...circuit }) => {
    const need = conservativePeakMemoryBytes(circuit, 2);
    expect(need).toBeGreaterThan(peakMiB * MiB);
    // Conservative, not absurd: within 2x of what a real proof used.
    expect(need).toBeLessThan(2 * peakMiB * MiB);
  });

  it('grows with the domain, the key and the number of threads', () => {
    const c = { domainPower: 16, wires: 65_000, zkeyBytes: 33e6 };
    const base = conservativePeakMemoryBytes(c, 4);
    expect(conservativePeakMemoryBytes({ ...c, domainPower: 18 }, 4)).toBeGreaterThan(base);
    expect(conservativePeakMemoryBytes({ ...c, zkeyBytes: 130e6 }, 4)).toBeGreaterThan(base);
    expect(conservativePeakMemoryBytes(c, 16)).toBeGreaterThan(base);
    expect(conservativePeakMemoryBytes(c, 0)).toBe(conservativePeakMemoryBytes(c, 1));
  });
});
