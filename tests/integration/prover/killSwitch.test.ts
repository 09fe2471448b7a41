// The signed circuit kill switch through the real CLI: `zkdesk prove` and `zkdesk calibrate`
// refuse a circuit that the flags held in its data directory switch off (the same admission the
// app and the host go through), and a flags file signed by a key the app does not trust
// switches nothing off.
import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../node/resourcePaths.js';
import { signFlags } from '../../../main/services/updates/flags/flagsSignature.js';
import { generateSigningKeyPair } from '../../../main/services/updates/keys/signingKeys.js';
import { registry } from '../../support/proverHarness.js';

const run = promisify(execFile);
const root = projectRoot();
const trustedKeys = generateSigningKeyPair();
let tmp: string;
let resources: string;

async function prove(dataDir: string, out: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const inputFile = path.join(tmp, 'input.json');
  await writeFile(inputFile, JSON.stringify(await registry.sampleInput('stress-12')));
  return zkdesk(dataDir, ['prove', '--circuit', 'stress-12', '--input', inputFile, '--out', out]);
}

async function zkdesk(dataDir: string, command: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = [path.join(root, 'bin', 'zkdesk.js'), '--data-dir', dataDir, '--json', ...command];
  try {
    const { stdout, stderr } = await run(process.execPath, args, { env: { ...process.env, ZKDESK_RESOURCES_DIR: resources } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A data directory holding a flags.json (as the last update check left it) that switches stress-12 off. */
async function dataDirSwitchingOff(name: string, signingKeyPem: string): Promise<string> {
  const dataDir = path.join(tmp, name);
  await mkdir(path.join(dataDir, 'cache'), { recursive: true });
  const signed = signFlags(
    {
      schema: 'zkdesk-flags/1',
      serial: 3,
      issuedAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2099-01-01T00:00:00.000Z',
      flags: {},
      killSwitches: { circuits: [{ circuitId: 'stress-12', reason: 'its proving key is being replaced' }], autoUpdate: null },
    },
    signingKeyPem,
  );
  await writeFile(path.join(dataDir, 'cache', 'flags.json'), JSON.stringify(signed));
  return dataDir;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-killswitch-'));
  // The shipped resources, with our test key as the one the app trusts.
  resources = path.join(tmp, 'resources');
  await mkdir(path.join(resources, 'keys'), { recursive: true });
  await symlink(path.join(root, 'resources', 'circuits'), path.join(resources, 'circuits'));
  await writeFile(path.join(resources, 'keys', `flags-signing-${trustedKeys.keyId}.pem`), trustedKeys.publicKeyPem);
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));

describe('the circuit kill switch', () => {
  it('zkdesk prove refuses a circuit the signed flags switch off, with the reason, and writes no proof', async () => {
    const out = path.join(tmp, 'refused-out');
    const { code, stderr } = await prove(await dataDirSwitchingOff('switched-off', trustedKeys.privateKeyPem), out);
    expect(code).not.toBe(0);
    expect(stderr).toContain('E_CIRCUIT_DISABLED');
    expect(stderr).toContain('its proving key is being replaced');
    await expect(access(path.join(out, 'proof.json'))).rejects.toThrow();
  });

  it('a flags file signed by a key the app does not trust switches nothing off', async () => {
    const stranger = generateSigningKeyPair();
    const out = path.join(tmp, 'proved-out');
    const { code, stdout, stderr } = await prove(await dataDirSwitchingOff('untrusted', stranger.privateKeyPem), out);
    expect(code, stderr).toBe(0);
    expect((JSON.parse(stdout) as { verified: boolean }).verified).toBe(true);
    await access(path.join(out, 'proof.json'));
  });

  it('zkdesk calibrate refuses when its reference circuit is switched off, and stores no calibration', async () => {
    const dataDir = await dataDirSwitchingOff('calibrate-switched-off', trustedKeys.privateKeyPem);
    const { code, stderr } = await zkdesk(dataDir, ['calibrate']);
    expect(code).not.toBe(0);
    expect(stderr).toContain('E_CIRCUIT_DISABLED');
    expect(stderr).toContain('its proving key is being replaced');
    await expect(access(path.join(dataDir, 'calibration.json'))).rejects.toThrow();
  });
});
