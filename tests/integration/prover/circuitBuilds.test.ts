// The app's circuit builds (main/services/prover/circuitBuilds.ts) where they cannot succeed: an
// installed app (no build script, no compiler) says so and what to do instead, and a build that
// breaks says which step failed and why, with a code and its article. Real build script and
// compiler; the successful build is the browser journey's (buildUnbuiltCircuit.test.ts).
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CircuitBuilds } from '../../../main/services/prover/circuitBuilds.js';
import type { CircuitBuildState } from '../../../common/prover/circuitBuild.js';
import { circuitBuilderScript, projectRoot } from '../../../node/resourcePaths.js';

let circuitsDir: string;

beforeAll(async () => {
  circuitsDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'zkdesk-circuit-builds-')), 'circuits');
  await cp(path.join(projectRoot(), 'resources', 'circuits', 'lib'), path.join(circuitsDir, 'lib'), { recursive: true });
  await mkdir(path.join(circuitsDir, 'broken'), { recursive: true });
  // A signal used before it is declared: circom refuses it.
  await writeFile(path.join(circuitsDir, 'broken', 'circuit.circom'), 'pragma circom 2.1.6;\n\ntemplate Broken() {\n  signal output y;\n  y <== x * x;\n}\n\ncomponent main = Broken();\n');
  await writeFile(path.join(circuitsDir, 'broken', 'circuit.json'), JSON.stringify({ title: 'Broken', ptauPower: 8, committed: false }));
  await mkdir(path.join(circuitsDir, 'small'), { recursive: true });
  await writeFile(path.join(circuitsDir, 'small', 'circuit.circom'), 'pragma circom 2.1.6;\n\ninclude "../lib/stress.circom";\n\ncomponent main { public [k] } = Stress(100);\n');
  await writeFile(path.join(circuitsDir, 'small', 'circuit.json'), JSON.stringify({ title: 'Small', ptauPower: 8, committed: false }));
});

function ended(builds: CircuitBuilds, circuitId: string): Promise<CircuitBuildState> {
  return new Promise((resolve) => {
    const off = builds.on((state) => {
      if (state.circuitId !== circuitId || state.state === 'running') return;
      off();
      resolve(state);
    });
  });
}

afterAll(async () => rm(path.dirname(circuitsDir), { recursive: true, force: true }));

describe('building a circuit from the app', () => {
  it('in an installed app, which has no compiler, says it cannot and what to do instead', async () => {
    const builds = new CircuitBuilds({ circuitsDir, builderScript: path.join(circuitsDir, 'no-such-build-script.js'), env: {} });
    const plan = await builds.plan('broken');
    expect(plan).toMatchObject({ possible: false, reason: expect.stringContaining('has no circuit compiler') });
    expect(plan.possible ? '' : plan.remedy).toContain('npm run circuits -- --only broken --include-large');
    await expect(builds.start('broken')).rejects.toMatchObject({ code: 'E_CIRCUIT_NOT_BUILT' });
  });

  it.skipIf(!process.env.ZKDESK_PTAU_DIR)('a build that breaks marks its step failed and says why', async () => {
    const builds = new CircuitBuilds({ circuitsDir, builderScript: circuitBuilderScript(), env: { ...process.env, ZKDESK_PTAU_DIR: path.resolve(projectRoot(), process.env.ZKDESK_PTAU_DIR ?? '') } });
    expect(await builds.plan('broken')).toMatchObject({ possible: true, ptauFile: expect.stringMatching(/^dev_\d+\.ptau$/) });
    const finished = new Promise<CircuitBuildState>((resolve) => builds.on((state) => state.state !== 'running' && resolve(state)));
    expect((await builds.start('broken')).state).toBe('running');
    const state = await finished;
    expect(state.state).toBe('failed');
    expect(state.steps.map((s) => `${s.step}: ${s.state}`)).toEqual(['compile: failed', 'setup: waiting', 'beacon: waiting', 'vkey: waiting', 'sample: waiting', 'manifest: waiting']);
    expect(state.error).toMatchObject({ code: 'E_CIRCUIT_NOT_BUILT', helpId: 'errors/E_CIRCUIT_NOT_BUILT', message: expect.stringMatching(/^The build of Broken failed: circom failed/) });
    expect(builds.current('broken')?.state).toBe('failed');
  }, 60_000);

  it.skipIf(!process.env.ZKDESK_PTAU_DIR)('a stopped build is cancelled, leaves nothing that reads as built, and can be started again', async () => {
    const builds = new CircuitBuilds({ circuitsDir, builderScript: circuitBuilderScript(), env: { ...process.env, ZKDESK_PTAU_DIR: path.resolve(projectRoot(), process.env.ZKDESK_PTAU_DIR ?? '') } });
    const stopped = ended(builds, 'small');
    await builds.start('small');
    expect(builds.cancel('broken')).toBe(false);
    expect(builds.cancel('small')).toBe(true);
    const state = await stopped;
    expect(state).toMatchObject({ state: 'cancelled', error: { code: 'E_CANCELLED' } });
    expect(state.steps.some((s) => s.state === 'running')).toBe(false);
    expect(await builds.plan('small')).toMatchObject({ possible: true });

    const again = ended(builds, 'small');
    await builds.start('small');
    expect((await again).state).toBe('built');
    expect(await builds.plan('small')).toMatchObject({ possible: false, reason: 'Small is built already.' });
  }, 120_000);
});
