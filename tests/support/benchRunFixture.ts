// One run in the shape `npm run bench` (bench/provingBench.ts) saves under <dataDir>/bench/:
// stress-12 with zkdesk's warm proof at the given median, the other contestants fixed.
export function benchRunFixture(createdAt: string, zkdeskWarmMs: number, cpu = 'this machine') {
  const who = (medianMs: number) => ({ medianMs, peakRssBytes: 180_000_000, samplesMs: [medianMs] });
  return {
    kind: 'proving',
    createdAt,
    machine: { cpu, cores: 2, totalMemoryBytes: 8e9, node: process.versions.node },
    results: [
      {
        circuit: 'stress-12',
        constraints: 4032,
        domainPower: 12,
        rounds: 7,
        summary: { a_snarkjsCold: who(1140), b_snarkjsWarm: who(720), c_zkdeskWarm: who(zkdeskWarmMs), d_zkdeskCold: who(1950) },
        ratios: { cOverB: zkdeskWarmMs / 720, aOverC: 1140 / zkdeskWarmMs },
      },
    ],
  };
}
