import { describe, expect, it } from 'vitest';
import { signFlags, verifySignedFlags } from '../../../main/services/updates/flags/flagsSignature.js';
import { generateSigningKeyPair } from '../../../main/services/updates/keys/signingKeys.js';
import { resolveFlags } from '../../../main/services/updates/flags/flagTargeting.js';
import type { FlagsPayload } from '../../../main/services/updates/flags/flagsDocument.js';

const payload: FlagsPayload = {
  schema: 'zkdesk-flags/1',
  serial: 3,
  issuedAt: '2025-01-01T00:00:00.000Z',
  expiresAt: '2099-01-01T00:00:00.000Z',
  flags: {
    'prover.rapidsnark': { enabled: true, cohorts: ['internal'] },
    'ui.newProfile': { enabled: true, cohorts: ['beta', 'stable'], percentage: 50 },
    'ui.off': { enabled: false },
  },
  killSwitches: {
    circuits: [{ circuitId: 'stress-16', reason: 'runs out of memory on 8 GB machines', cohorts: ['stable'] }],
    autoUpdate: { reason: '1.4.0 breaks installs', cohorts: ['beta'] },
  },
};

describe('signed flags', () => {
  const keys = generateSigningKeyPair();
  it('verifies what was signed with a trusted key', () => {
    expect(verifySignedFlags(signFlags(payload, keys.privateKeyPem), [keys.publicKeyPem]).serial).toBe(3);
  });
  it('rejects a tampered payload, a wrong signature and an untrusted key', () => {
    const signed = signFlags(payload, keys.privateKeyPem);
    const tampered = { ...signed, payload: signed.payload.replace('"serial": 3', '"serial": 4') };
    expect(() => verifySignedFlags(tampered, [keys.publicKeyPem])).toThrow(/signature does not match/);
    const other = generateSigningKeyPair();
    expect(() => verifySignedFlags(signed, [other.publicKeyPem])).toThrow(/does not trust/);
    expect(() => verifySignedFlags({ hello: 1 }, [keys.publicKeyPem])).toThrow(/not a signed flags document/);
  });
});

describe('cohorts and kill switches', () => {
  const id = '5b0a8f2e-1c3d-5e4f-8a6b-7c8d00000000';
  it('gives internal installs internal flags and beta testers the beta kill switch', () => {
    const internalBeta = resolveFlags(payload, { channel: 'beta', internal: true, stagingId: id });
    expect(internalBeta.enabled).toContain('prover.rapidsnark');
    expect(internalBeta.autoUpdateDisabled).toEqual({ reason: '1.4.0 breaks installs' });
    expect(internalBeta.disabledCircuits).toEqual([]);
    const stable = resolveFlags(payload, { channel: 'stable', internal: false, stagingId: id });
    expect(stable.enabled).not.toContain('prover.rapidsnark');
    expect(stable.enabled).not.toContain('ui.off');
    expect(stable.disabledCircuits.map((c) => c.circuitId)).toEqual(['stress-16']);
    expect(stable.autoUpdateDisabled).toBeNull();
  });
  it('turns a percentage flag on for about that share of installs, and never without an id', () => {
    let on = 0;
    for (let i = 0; i < 2000; i++) {
      const sid = `5b0a8f2e-1c3d-5e4f-8a6b-${i.toString(16).padStart(12, '0')}`;
      if (resolveFlags(payload, { channel: 'stable', internal: false, stagingId: sid }).enabled.includes('ui.newProfile')) on++;
    }
    expect(on).toBeGreaterThan(850);
    expect(on).toBeLessThan(1150);
    expect(resolveFlags(payload, { channel: 'stable', internal: false, stagingId: null }).enabled).not.toContain('ui.newProfile');
  });
});
