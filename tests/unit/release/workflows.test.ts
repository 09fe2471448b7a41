// The release and pull-request workflows, validated by action-validator (the GitHub Actions
// workflow schema, compiled to WebAssembly) and checked for what the release process relies on:
// every target in the matrix, signing from secrets, publishing at 0 % on beta, signed and verified.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';

const require = createRequire(import.meta.url);
const { validateWorkflow } = require('@action-validator/core') as { validateWorkflow(src: string): { errors: unknown[] } };
const root = path.resolve(import.meta.dirname, '../../..');
const read = (name: string) => readFileSync(path.join(root, '.github', 'workflows', name), 'utf8');

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: Step[]; strategy?: { matrix: { include: { target: string; os: string; package: string }[] } } }>;
}

describe('GitHub workflows', () => {
  it('both pass the workflow schema', () => {
    for (const name of ['release.yml', 'pull-request.yml']) expect(validateWorkflow(read(name)).errors, name).toEqual([]);
    // The validator is not a yes-machine: a job with neither steps nor a runner fails it.
    expect(validateWorkflow('on: push\njobs:\n  broken:\n    name: x\n').errors.length).toBeGreaterThan(0);
  });

  it('release: a tag builds every target, each with its packages, and signs where the secrets are', () => {
    const wf = yaml.load(read('release.yml')) as Workflow;
    expect(wf.on).toEqual({ push: { tags: ['v*'] } });
    const targets = wf.jobs.build!.strategy!.matrix.include;
    expect(targets.map((t) => t.target)).toEqual(['linux-x64', 'linux-arm64', 'mac-arm64', 'mac-x64', 'win-x64']);
    const byTarget = Object.fromEntries(targets.map((t) => [t.target, t]));
    expect(byTarget['linux-x64']!.package).toBe('--linux AppImage deb --x64');
    expect(byTarget['linux-arm64']!.package).toBe('--linux AppImage deb --arm64');
    expect(byTarget['mac-arm64']!.package).toBe('--mac dmg zip --arm64');
    expect(byTarget['mac-x64']!.package).toBe('--mac dmg zip --x64');
    expect(byTarget['win-x64']!.package).toBe('--win nsis --x64');
    const steps = wf.jobs.build!.steps;
    const runs = steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('npm run build'); // builds the native prover (build:native) too
    expect(runs).toContain('xvfb-run -a npx vitest run --project e2e');
    const pack = steps.find((s) => s.name === 'Package')!;
    expect(pack.run).toContain('electron-builder ${{ matrix.package }} --publish never');
    for (const secret of ['CSC_LINK', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID', 'WIN_CSC_LINK']) expect(Object.keys(pack.env ?? {})).toContain(secret);
  });

  it('release: publishes with zkdesk release feed build at 0 % on beta, signed, verified before upload', () => {
    const wf = yaml.load(read('release.yml')) as Workflow & { env: Record<string, string> };
    expect(wf.env.ZKDESK_RELEASE).toBe('production');
    const publish = wf.jobs.publish!.steps.find((s) => s.name?.startsWith('Build the channel files'))!;
    expect(publish.run).toMatch(/zkdesk\.js release feed build --artifacts installers --channel beta --version "\$version" \\\n\s+--feed feed --percent 0/);
    expect(publish.run).toContain('ZKDESK_FEED_KEY=');
    expect(publish.run).toContain('release verify --feed feed');
    expect(publish.env?.FEED_SIGNING_KEY).toBe('${{ secrets.FEED_SIGNING_KEY }}');
  });

  it('pull requests run the CI script', () => {
    const wf = yaml.load(read('pull-request.yml')) as Workflow;
    expect(Object.keys(wf.on)).toEqual(['pull_request']);
    expect(wf.jobs.test!.steps.some((s) => s.run === 'bash .ci/run')).toBe(true);
  });
});
