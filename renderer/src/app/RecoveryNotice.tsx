// When the settings file was damaged and rebuilt at start, say so once, with the help link.
import { useAppStore } from '../stores/appStore.js';
import { HelpLink } from '../features/help/HelpLink.js';

export function RecoveryNotice() {
  const recovery = useAppStore((s) => s.settingsRecovery);
  const dismissed = useAppStore((s) => s.recoveryDismissed);
  const dismiss = useAppStore((s) => s.dismissRecovery);
  if (!recovery || dismissed) return null;
  return (
    <div className="notice notice-warning" role="alert">
      <p>
        <strong>{recovery.message}</strong> <code className="error-code">{recovery.code}</code>
      </p>
      <p>
        <HelpLink helpId={recovery.helpId}>What happened to the settings</HelpLink>{' '}
        <button type="button" onClick={dismiss}>
          Understood
        </button>
      </p>
    </div>
  );
}
