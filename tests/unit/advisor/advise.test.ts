import { describe, it, expect } from 'vitest';
import { adviseCircuit, adviseMachine, rules } from '../../../main/services/advisor/advise.js';
import { exitCodeFor, verdictFrom } from '../../../common/advisor/readiness.js';
import type { AdvisorWarning, CircuitFacts } from '../../../common/advisor/advisorTypes.js';
import { circuitFactsFrom } from '../../../main/services/advisor/circuitFacts.js';
import { loadProfile, profileFixtureNames } from '../../support/profileFixtures.js';

const settings = { predictedTimeWarnSec: 30 };
const stress14: CircuitFacts = { id: 'stress-14', title: 'Stress 2^14', constraints: 16_320, domainPower: 14, wires: 16_323, zkeyBytes: 7_709_551 };
const big20: CircuitFacts = { id: 'big-20', title: 'Big 2^20', constraints: 1_040_000, domainPower: 20, wires: 1_040_003, zkeyBytes: 520_000_000 };

const w = (id: string, severity: AdvisorWarning['severity']): AdvisorWarning => ({ id, severity, title: id, detail: '', evidence: {}, helpId: `warnings/${id}`, fix: '' });

describe('readiness verdict', () => {
  it('is ready with nothing or only information, degraded with a warning, not supported with a blocker', () => {
    expect(verdictFrom([])).toEqual({ readiness: 'ready', reasons: [] });
    expect(verdictFrom([w('few-cores', 'info')])).toEqual({ readiness: 'ready', reasons: [] });
    expect(verdictFrom([w('on-battery', 'warning'), w('few-cores', 'info')])).toEqual({ readiness: 'degraded', reasons: ['on-battery'] });
    expect(verdictFrom([w('on-battery', 'warning'), w('memory-insufficient-for-circuit', 'blocker')])).toEqual({
      readiness: 'not-supported',
      reasons: ['memory-insufficient-for-circuit', 'on-battery'],
    });
  });

  it("maps to doctor's exit codes", () => {
    expect([exitCodeFor('ready'), exitCodeFor('degraded'), exitCodeFor('not-supported')]).toEqual([0, 1, 2]);
  });
});

describe('advising a machine and a circuit', () => {
  it('finds a strong desktop ready, and the struggling workstation degraded with every reason', () => {
    expect(adviseMachine(loadProfile('windows-desktop-rtx4090'), settings).verdict).toEqual({ readiness: 'ready', reasons: [] });
    const heavy = adviseMachine(loadProfile('linux-heavy-load-swap'), settings);
    expect(heavy.verdict.readiness).toBe('degraded');
    expect(heavy.warnings.map((x) => x.id)).toEqual(['low-available-memory', 'heavy-swap', 'high-cpu-load', 'low-disk-space']);
  });

  it('judges each circuit on its own: a 32-bit build can prove 2^14 but not 2^20', () => {
    const profile = loadProfile('windows-32bit-runtime');
    expect(adviseCircuit(profile, stress14, undefined, settings).verdict.readiness).toBe('degraded');
    const big = adviseCircuit(profile, big20, undefined, settings);
    expect(big.circuitId).toBe('big-20');
    expect(big.verdict.readiness).toBe('not-supported');
    expect(big.warnings[0]?.id).toBe('memory-insufficient-for-circuit');
  });

  it('never raises circuit warnings without a circuit', () => {
    for (const name of profileFixtureNames) {
      const ids = adviseMachine(loadProfile(name), settings).warnings.map((x) => x.id);
      expect(ids.filter((id) => /for-circuit|predicted-time/.test(id))).toEqual([]);
    }
  });

  it('passes the app version to the version rule', () => {
    const advice = adviseMachine(loadProfile('apple-silicon-m2pro'), settings, { appVersion: '0.9.0', channelLatest: '1.0.0' });
    expect(advice.warnings.map((x) => x.id)).toEqual(['app-outdated']);
  });

  it('lists blockers first, then warnings, then information, each with a help id', () => {
    for (const name of profileFixtureNames) {
      const { warnings } = adviseCircuit(loadProfile(name), big20, { totalMs: 120_000, peakMemoryBytes: 3e9 }, settings);
      const order = warnings.map((x) => ({ blocker: 0, warning: 1, info: 2 })[x.severity]);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      for (const x of warnings) expect(x.helpId).toBe(`warnings/${x.id}`);
      expect(new Set(warnings.map((x) => x.id)).size).toBe(warnings.length);
    }
  });

  it('every rule is a pure function: the same input gives the same answer and is left unchanged', () => {
    const profile = loadProfile('linux-heavy-load-swap');
    const before = JSON.stringify(profile);
    for (const rule of rules) expect(rule({ profile, settings, circuit: stress14 })).toEqual(rule({ profile, settings, circuit: stress14 }));
    expect(JSON.stringify(profile)).toBe(before);
  });
});

describe('circuit facts from a manifest', () => {
  it('takes the sizes the rules need, the key size from its artifact entry', () => {
    const artifact = { file: 'circuit.zkey', sha256: 'a'.repeat(64), bytes: 7_709_551 };
    expect(
      circuitFactsFrom({ id: 'stress-14', title: 'Stress 2^14', constraints: 16_320, domainPower: 14, wires: 16_323, artifacts: { wasm: artifact, zkey: artifact, vkey: artifact } }),
    ).toEqual(stress14);
  });
});
