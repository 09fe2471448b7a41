// The update state, every case of the union in words, with the one choice each case offers.
// 'older-on-channel' is the one that needs care: after a switch from beta to stable the channel
// offers an older build, and nothing is installed unless the user says so. A beta tester whose
// turn in a staged rollout has not come may take the release now ("Get it now"); a halted
// release is offered to no one, so it gets neither that button nor a promise that it will come.
import type { UpdateState } from '../../../../common/updates/updateState.js';
import { useAppStore } from '../../stores/appStore.js';
import { HelpLink } from '../help/HelpLink.js';
import { Markdown } from '../help/Markdown.js';

/** What the release team wrote about a release (markdown, sanitised by Markdown), shown before anything is downloaded. */
function ReleaseNotes({ version, notes }: { version: string; notes: string | null }) {
  if (!notes || notes.trim() === '') return null;
  return (
    <section className="release-notes" aria-label={`What is new in ${version}`}>
      <h4>What is new in {version}</h4>
      <Markdown text={notes} className="markdown release-notes-text" />
    </section>
  );
}

function Rollout({ state }: { state: Extract<UpdateState, { kind: 'available' | 'not-available' }> }) {
  if (!state.rollout || state.rollout.stagingPercentage === null || state.rollout.stagingPercentage === 0) return null;
  return (
    <p className="hint">
      Staged rollout: this release goes to {state.rollout.stagingPercentage}% of installs; this install is at {state.rollout.positionPercent.toFixed(0)}%.
    </p>
  );
}

function DowngradeChoice({ current, offered, channel }: { current: string; offered: string; channel: string }) {
  const acceptDowngrade = useAppStore((s) => s.acceptDowngrade);
  const declineDowngrade = useAppStore((s) => s.declineDowngrade);
  const declined = useAppStore((s) => s.downgradeDeclined);
  if (declined) {
    return (
      <p>
        You keep {current}. The {channel} channel will offer an update once it has a release newer than {current}.
      </p>
    );
  }
  return (
    <fieldset className="choice">
      <legend>
        The {channel} channel’s newest release is {offered}, older than the installed {current}. What would you like?
      </legend>
      <div className="actions">
        <button type="button" onClick={declineDowngrade}>
          Keep {current} until {channel} catches up
        </button>
        <button type="button" onClick={() => void acceptDowngrade()}>
          Install {offered} now
        </button>
      </div>
      <HelpLink helpId="guides/updates-and-channels">How channels and switching work</HelpLink>
    </fieldset>
  );
}

function StagedOut({ version, channel }: { version: string | null; channel: string }) {
  const checkForUpdates = useAppStore((s) => s.checkForUpdates);
  if (channel !== 'beta') {
    return <p>Version {version} is being rolled out in stages and has not reached this install yet. It will, without you doing anything.</p>;
  }
  return (
    <>
      <p>Version {version} is being rolled out to beta testers in stages and has not reached this install yet. It will by itself, or you can take it now.</p>
      <button type="button" onClick={() => void checkForUpdates({ getItNow: true })}>
        Get it now
      </button>
    </>
  );
}

export function UpdateStateView() {
  const state = useAppStore((s) => s.updateState);
  const checkForUpdates = useAppStore((s) => s.checkForUpdates);
  const downloadUpdate = useAppStore((s) => s.downloadUpdate);
  const installUpdate = useAppStore((s) => s.installUpdate);
  const updatable = useAppStore((s) => s.info?.capabilities.updates ?? true);
  const installable = useAppStore((s) => s.info?.capabilities.updateInstall ?? true);
  if (!updatable) {
    // zkdesk serve without a feed: nothing here can update, and a red error would say otherwise.
    return (
      <p className="update-state" data-update-kind="unmanaged">
        This copy of zkdesk does not update itself: it runs from a checkout or an install on this machine. The desktop app
        checks the channel above; <code>zkdesk serve --update-feed &lt;url&gt;</code> checks a feed from here.
      </p>
    );
  }
  const check = (
    <button type="button" onClick={() => void checkForUpdates()}>
      Check for updates
    </button>
  );
  switch (state.kind) {
    case 'idle':
      return (
        <div className="update-state" data-update-kind={state.kind}>
          <p>No update check has run yet.</p>
          {check}
        </div>
      );
    case 'checking':
      return (
        <p className="update-state" data-update-kind={state.kind} role="status">
          Checking the {state.channel} channel…
        </p>
      );
    case 'available':
      return (
        <div className="update-state" data-update-kind={state.kind}>
          {state.isDowngrade ? (
            <DowngradeChoice current={useAppStore.getState().info?.version ?? 'the installed version'} offered={state.version} channel={state.channel} />
          ) : (
            <>
              <p>
                Version {state.version} is available on the {state.channel} channel.
              </p>
              <ReleaseNotes version={state.version} notes={state.releaseNotes} />
              <button type="button" onClick={() => void downloadUpdate()}>
                Download {state.version}
              </button>
            </>
          )}
          <Rollout state={state} />
        </div>
      );
    case 'downloading':
      return (
        <div className="update-state" data-update-kind={state.kind}>
          <p role="status">
            Downloading {state.version}: {Math.round(state.percent)}%
          </p>
          <progress aria-label={`Download of ${state.version}`} max={100} value={state.percent} />
        </div>
      );
    case 'downloaded':
      return (
        <div className="update-state" data-update-kind={state.kind}>
          <p>Version {state.version} is ready.</p>
          {installable ? (
            <button type="button" className="primary" onClick={() => void installUpdate()}>
              Restart and install {state.version}
            </button>
          ) : (
            <p data-update-install="unsupported">
              It was downloaded and checked, but this copy of zkdesk runs in a browser (zkdesk serve) and cannot install it. Install it
              with the desktop app. <HelpLink helpId="errors/E_UPDATE_NOT_INSTALLABLE">Why</HelpLink>
            </p>
          )}
        </div>
      );
    case 'not-available':
      return (
        <div className="update-state" data-update-kind={state.kind} data-reason={state.reason}>
          {state.reason === 'up-to-date' && (
            <p>
              {state.currentVersion} is the newest release on the {state.channel} channel.
            </p>
          )}
          {state.reason === 'older-on-channel' && <DowngradeChoice current={state.currentVersion} offered={state.latestVersion ?? 'an older release'} channel={state.channel} />}
          {state.reason === 'staged-out' && <StagedOut version={state.latestVersion} channel={state.channel} />}
          {state.reason === 'halted' && (
            <p>
              Version {state.latestVersion} was halted by the release team: no install is offered it, and it will not arrive by itself. The next release will be offered as usual.
            </p>
          )}
          {state.reason === 'auto-update-disabled' && (
            <p>Updates are paused for this install by the release team while they look into a problem. Nothing will be downloaded until they resume them.</p>
          )}
          <Rollout state={state} />
          {check}
        </div>
      );
    case 'error':
      return (
        <div className="update-state notice notice-error" data-update-kind={state.kind} role="alert">
          <p>
            <strong>{state.message}</strong> <code className="error-code">{state.code}</code>
          </p>
          <p>
            <HelpLink helpId={`errors/${state.code}`}>What {state.code} means and what to do</HelpLink>
          </p>
          {check}
        </div>
      );
  }
}
