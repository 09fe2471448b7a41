// `zkdesk release …`: the tooling for the people who ship. Each subcommand is a thin shell
// over a function in main/services/updates/release/, where the rules live and are tested.
import path from 'node:path';
import semver from 'semver';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ZkError } from '../../../common/errors.js';
import { makeContext, type CliContext } from '../cliContext.js';
import { registerFlagsCommands } from '../release/flagsCommands.js';
import { registerKeygenCommand } from '../release/keygenCommand.js';
import { feedKeyOption, feedSignerFrom, shippedFeedKeys } from '../release/feedSigningKey.js';
import { isUpdateChannel, type FeedPlatform, type UpdateChannel } from '../../../common/updates/updateChannel.js';
import { buildFeed } from '../../services/updates/release/feedBuild.js';
import { setStaging, type StagingChange } from '../../services/updates/release/feedStaging.js';
import { promoteRelease } from '../../services/updates/release/feedPromote.js';
import { rollbackRelease } from '../../services/updates/release/feedRollback.js';
import { verifyFeed } from '../../services/updates/release/feedVerify.js';
import { simulateRollout } from '../../services/updates/release/rolloutSimulation.js';
import { startFeedServer } from '../../services/updates/release/feedServer.js';
import { parseStagingPercent } from '../../services/updates/release/stagingPercentArgument.js';

function channelArg(value: string): UpdateChannel {
  if (!isUpdateChannel(value)) throw new ZkError('E_RELEASE_REFUSED', `Unknown channel "${value}": use stable or beta.`);
  return value;
}

function feedDirOf(cmd: Command): string {
  return path.resolve(cmd.opts<{ feed: string }>().feed);
}

function percentOf(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseStagingPercent(text);
}

function describePercent(p: number | null): string {
  return p === null ? '100 % (no staging)' : `${p} %`;
}

function copyNote(c: StagingChange): string {
  return c.copyOf ? ` (the beta copy of ${c.copyOf})` : '';
}

function describeStagingChange(c: StagingChange): string {
  if (c.from === c.to) return `${c.fileName} ${c.version}${copyNote(c)}: stays at ${describePercent(c.to)}`;
  return `${c.fileName} ${c.version}${copyNote(c)}: ${describePercent(c.from)} → ${describePercent(c.to)}`;
}

/** The simulation's "(…)" after the version: no nested brackets, no "staging 100 % (no staging)". */
function describeSimulatedStaging(p: number | null): string {
  if (p === null) return 'not staged: offered to everyone';
  if (p === 0) return 'halted';
  return `staged at ${p} %`;
}

function warn(text: string): void {
  process.stderr.write(`warning: ${text}\n`);
}

function done(ctx: CliContext, json: unknown, lines: string[]): void {
  if (ctx.json) ctx.printJson(json);
  else for (const line of lines) ctx.out(line);
}

export function registerReleaseCommand(program: Command): void {
  const release = program.command('release').description('build, stage, promote and roll back update feeds');

  const feed = release.command('feed').description('channel files and the key that signs them');
  registerKeygenCommand(feed, 'feed');

  feed
    .command('build')
    .description('write latest*.yml / beta*.yml from the installers, merged with what the feed publishes')
    .requiredOption('--artifacts <dir>', 'folder with the installers electron-builder produced')
    .requiredOption('--channel <channel>', 'stable or beta')
    .requiredOption('--version <version>', 'the version the installers carry')
    .option('--feed <dir>', 'the feed folder (a mirror of what the update server serves)', 'feed')
    .option('--notes <file>', 'release notes (markdown or text)')
    .option('--percent <n>', "start the rollout at this whole percentage (default: the channel's current one; everyone for a new release)")
    .option(...feedKeyOption)
    .action(async (_opts, cmd: Command) => {
      const ctx = makeContext(cmd.optsWithGlobals());
      const o = cmd.opts<{ artifacts: string; channel: string; version: string; notes?: string; percent?: string; key?: string }>();
      const percent = percentOf(o.percent);
      const changes = await buildFeed({
        artifactsDir: path.resolve(o.artifacts),
        feedDir: feedDirOf(cmd),
        channel: channelArg(o.channel),
        version: o.version,
        ...(o.notes ? { releaseNotes: await readFile(o.notes, 'utf8') } : {}),
        ...(percent !== undefined ? { stagingPercentage: percent } : {}),
        signer: await feedSignerFrom(o.key),
      });
      done(
        ctx,
        { ok: true, changes },
        changes.map(
          (c) =>
            `${c.fileName}: ${c.previousVersion === c.version ? 'merged into' : `${c.previousVersion ?? 'new'} →`} ${c.version}, ` +
            `${c.files.length} file(s), ${describePercent(c.stagingPercentage)}`,
        ),
      );
    });

  release
    .command('stage')
    .description("set the rollout percentage of a channel's current release, on every platform")
    .requiredOption('--channel <channel>', 'stable or beta')
    .requiredOption('--percent <n>', 'a whole percentage, 0–100 (10 means 10 %)')
    .option('--feed <dir>', 'the feed folder', 'feed')
    .option(...feedKeyOption)
    .action(async (_opts, cmd: Command) => {
      const ctx = makeContext(cmd.optsWithGlobals());
      const o = cmd.opts<{ channel: string; percent: string; key?: string }>();
      const percent = parseStagingPercent(o.percent);
      const changes = await setStaging(feedDirOf(cmd), channelArg(o.channel), percent, { signer: await feedSignerFrom(o.key) });
      done(ctx, { ok: true, changes }, changes.map(describeStagingChange));
    });

  release
    .command('halt')
    .description('stop a rollout: no further install is offered the current release')
    .requiredOption('--channel <channel>', 'stable or beta')
    .option('--feed <dir>', 'the feed folder', 'feed')
    .option(...feedKeyOption)
    .action(async (_opts, cmd: Command) => {
      const ctx = makeContext(cmd.optsWithGlobals());
      const o = cmd.opts<{ channel: string; key?: string }>();
      const changes = await setStaging(feedDirOf(cmd), channelArg(o.channel), 0, { action: 'halt', signer: await feedSignerFrom(o.key) });
      const stopped = changes.filter((c) => c.from !== 0);
      done(ctx, { ok: true, alreadyHalted: stopped.length === 0, changes }, [
        ...changes.map((c) => `${c.fileName} ${c.version}${copyNote(c)}: ${c.from === 0 ? 'already halted' : `halted (was ${describePercent(c.from)})`}`),
        stopped.length === 0
          ? 'It was already halted; nothing changed.'
          : 'Installs that already downloaded it keep it; to take it back from them, use release rollback.',
      ]);
    });

  release
    .command('promote')
    .description('offer the exact installers of one channel on another')
    .requiredOption('--from <channel>', 'usually beta')
    .requiredOption('--to <channel>', 'usually stable')
    .option('--percent <n>', 'start the promoted rollout at this whole percentage')
    .option('--feed <dir>', 'the feed folder', 'feed')
    .option(...feedKeyOption)
    .action(async (_opts, cmd: Command) => {
      const ctx = makeContext(cmd.optsWithGlobals());
      const o = cmd.opts<{ from: string; to: string; percent?: string; key?: string }>();
      const percent = percentOf(o.percent);
      const changes = await promoteRelease({
        feedDir: feedDirOf(cmd),
        from: channelArg(o.from),
        to: channelArg(o.to),
        ...(percent !== undefined ? { stagingPercentage: percent } : {}),
        signer: await feedSignerFrom(o.key),
      });
      const to = channelArg(o.to);
      const prereleases = [...new Set(changes.map((c) => c.version))].filter((v) => to === 'stable' && semver.prerelease(v) !== null);
      for (const version of prereleases) {
        const final = `${semver.major(version)}.${semver.minor(version)}.${semver.patch(version)}`;
        warn(
          `${version} is a prerelease version and is now on stable: stable users are offered a beta build. ` +
            `If that is not what you meant, halt stable, rebuild it as ${final} and publish that with feed build --channel stable.`,
        );
      }
      done(
        ctx,
        { ok: true, changes, warnings: prereleases.map((v) => `${v} is a prerelease version on stable`) },
        changes.map((c) => `${c.fromFile} → ${c.toFile}: ${c.replaced ?? 'new'} → ${c.version}, ${describePercent(c.stagingPercentage)}`),
      );
    });

  release
    .command('rollback')
    .description('halt the current release and republish a known good build under a new, higher version')
    .requiredOption('--to <version>', 'the known good version (published from this feed before)')
    .requiredOption('--channel <channel>', 'stable or beta')
    .option('--artifacts <dir>', 'the known good build, rebuilt with the new version')
    .option('--version <version>', 'the new version the rebuild carries (default: the next one above everything published)')
    .option('--percent <n>', 'rollout percentage for the republished build (default: everyone)')
    .option('--feed <dir>', 'the feed folder', 'feed')
    .option(...feedKeyOption)
    .action(async (_opts, cmd: Command) => {
      const ctx = makeContext(cmd.optsWithGlobals());
      const o = cmd.opts<{ to: string; channel: string; artifacts?: string; version?: string; percent?: string; key?: string }>();
      const percent = percentOf(o.percent);
      const channel = channelArg(o.channel);
      const result = await rollbackRelease({
        feedDir: feedDirOf(cmd),
        channel,
        to: o.to,
        ...(o.artifacts ? { artifactsDir: path.resolve(o.artifacts) } : {}),
        ...(o.version ? { version: o.version } : {}),
        ...(percent !== undefined ? { stagingPercentage: percent } : {}),
        signer: await feedSignerFrom(o.key),
      });
      const stopped = result.halted.filter((c) => c.from !== 0);
      const lines = [
        stopped.length > 0
          ? `halted ${result.badVersions.join(', ')} on ${channel} (${stopped.map((c) => c.fileName).join(', ')})`
          : `${result.badVersions.join(', ')} was already halted on ${channel}`,
      ];
      if (result.published) {
        lines.push(...result.published.map((c) => `${c.fileName}: ${c.previousVersion ?? 'new'} → ${c.version} (the ${o.to} build)`));
      } else {
        lines.push(
          `Clients never install an older version by themselves. Rebuild ${o.to} as ${result.republishAs}, then run:`,
          `  zkdesk release rollback --to ${o.to} --channel ${channel} --artifacts <rebuilt installers> --version ${result.republishAs}`,
        );
      }
      done(ctx, { ok: true, ...result }, lines);
    });

  release
    .command('verify')
    .description('check every channel file as clients will: its signature, its version against its installers, each installer (size and sha512), and no missing file')
    .option('--feed <dir>', 'the feed folder', 'feed')
    .option('--public-key <file...>', 'feed public key(s) to check signatures against (default: the feed-signing-*.pem keys in resources/keys)')
    .action(async (_opts, cmd: Command) => {
      const ctx = makeContext(cmd.optsWithGlobals());
      const o = cmd.opts<{ publicKey?: string[] }>();
      const keys = o.publicKey ? await Promise.all(o.publicKey.map((k) => readFile(k, 'utf8'))) : shippedFeedKeys();
      const report = await verifyFeed(feedDirOf(cmd), { trustedFeedKeys: keys });
      done(ctx, { ok: report.problems.length === 0, ...report }, [
        ...report.channelFiles.map(
          (f) => `${f.fileName}: ${f.version}, ${f.entries} file(s), ${describePercent(f.stagingPercentage)}${f.signedBy ? `, signed by ${f.signedBy}` : ''}`,
        ),
        ...report.problems.map((p) => `PROBLEM ${p.file}: ${p.problem}`),
      ]);
      if (report.problems.length > 0) {
        throw new ZkError('E_FEED_INVALID', `The feed has ${report.problems.length} problem(s); clients would fail on them.`, {
          first: report.problems[0]?.problem,
        });
      }
    });

  release
    .command('simulate')
    .description('how many installs on each channel would be offered which version (electron-updater staging maths)')
    .option('--installs <n>', 'installs to simulate', '10000')
    .option('--beta-share <n>', 'percentage of installs on beta', '10')
    .option('--current <version>', 'the version the installs run now', '0.0.0')
    .option('--platform <platform>', 'linux, win32 or darwin', 'linux')
    .option('--arch <arch>', 'x64, arm64, …', 'x64')
    .option('--seed <text>', 'seed for the simulated staging ids', 'zkdesk')
    .option('--feed <dir>', 'the feed folder', 'feed')
    .action(async (_opts, cmd: Command) => {
      const ctx = makeContext(cmd.optsWithGlobals());
      const o = cmd.opts<{ installs: string; betaShare: string; current: string; platform: string; arch: string; seed: string }>();
      const installs = Number(o.installs);
      const betaPercent = Number(o.betaShare);
      if (!Number.isInteger(installs) || installs < 1 || installs > 10_000_000) {
        throw new ZkError('E_RELEASE_REFUSED', `--installs ${o.installs} is not a whole number from 1 to 10,000,000.`);
      }
      if (!(betaPercent >= 0 && betaPercent <= 100)) throw new ZkError('E_RELEASE_REFUSED', `--beta-share ${o.betaShare} is not 0–100.`);
      if (!['linux', 'win32', 'darwin'].includes(o.platform)) throw new ZkError('E_RELEASE_REFUSED', `Unknown platform ${o.platform}.`);
      const outcomes = await simulateRollout({
        feedDir: feedDirOf(cmd),
        installs,
        betaPercent,
        currentVersion: o.current,
        platform: o.platform as FeedPlatform,
        arch: o.arch,
        seed: o.seed,
      });
      done(
        ctx,
        { ok: true, installs, currentVersion: o.current, outcomes },
        outcomes.map((c) =>
          c.latestVersion === null
            ? `${c.channel} (${c.channelFile}): ${c.installs} installs, no release on this channel`
            : `${c.channel} (${c.channelFile}): ${c.installs} installs on ${o.current}; ${c.offered} offered ${c.latestVersion} ` +
              `(${describeSimulatedStaging(c.stagingPercentage)}), ${c.stagedOut} waiting their turn, ` +
              `${c.halted > 0 ? `${c.halted} held back by the halt, ` : ''}${c.upToDate} already on it, ` +
              `${c.olderOnChannel} ahead of the channel`,
        ),
      );
    });

  release
    .command('serve')
    .description('serve a feed folder on 127.0.0.1 for testing builds (Ctrl-C stops it)')
    .requiredOption('--dir <feed>', 'the feed folder')
    .option('--port <n>', 'port (default: any free one)', '0')
    .action(async (_opts, cmd: Command) => {
      const ctx = makeContext(cmd.optsWithGlobals());
      const o = cmd.opts<{ dir: string; port: string }>();
      // One line per request: what a test build asked for (channel file, signature, blockmaps, ranges) and got.
      const server = await startFeedServer({
        dir: o.dir,
        port: Number(o.port),
        ...(ctx.json ? {} : { onServed: (r) => ctx.out(`${r.method} ${r.path} ${r.status} ${r.bytes} bytes`) }),
      });
      done(ctx, { ok: true, url: server.url }, [`serving ${path.resolve(o.dir)} at ${server.url}`]);
      await new Promise<void>((resolve) => {
        const stop = () => void server.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

  registerFlagsCommands(release);
}
