// The app's entry (package.json "main"). Started as `zkdesk <command>` (the launcher scripts in
// resources/bin add --zkdesk-cli; a deb's /usr/bin/zkdesk link passes the command first) it runs
// the command line in this process, with no window, and exits with its code: support engineers
// get doctor, profile, bundle, inspect and prove on a tester's machine without Node and without
// the runAsNode fuse. Otherwise it starts the desktop app.
import { app } from 'electron';
import { installedCliArgs, runInstalledCli } from '../cli/installedCli.js';
import { useWorkerLauncher } from '../cli/workerLauncherChoice.js';

async function runCommandLine(args: string[]): Promise<void> {
  // The packaged app's own circuits, help and keys, whatever the environment says.
  if (app.isPackaged) process.env.ZKDESK_RESOURCES_DIR = process.resourcesPath;
  app.dock?.hide();
  await app.whenReady();
  const { ElectronWorkerLauncher } = await import('./electronWorkerLauncher.js');
  useWorkerLauncher(() => new ElectronWorkerLauncher());
  const code = await runInstalledCli(args).catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    return 1;
  });
  app.exit(code);
}

const cliArgs = installedCliArgs(process.argv);
if (cliArgs === null) void import('./main.js');
else void runCommandLine(cliArgs);
