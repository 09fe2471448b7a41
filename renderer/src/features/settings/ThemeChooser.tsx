// Light, dark, or whatever the system uses (followed live). Saved at once.
import type { Settings } from '../../../../common/settings/settingsSchema.js';
import { useAppStore } from '../../stores/appStore.js';

const themes: Array<{ theme: Settings['theme']; label: string }> = [
  { theme: 'system', label: 'Follow the system' },
  { theme: 'light', label: 'Light' },
  { theme: 'dark', label: 'Dark' },
];

export function ThemeChooser({ current }: { current: Settings['theme'] }) {
  const saveSettings = useAppStore((s) => s.saveSettings);
  return (
    <section aria-labelledby="appearance-title">
      <h2 id="appearance-title">Appearance</h2>
      <fieldset>
        <legend>Theme</legend>
        {themes.map(({ theme, label }) => (
          <div className="radio" key={theme}>
            <input id={`theme-${theme}`} type="radio" name="theme" value={theme} checked={current === theme} onChange={() => void saveSettings({ theme })} />
            <label htmlFor={`theme-${theme}`}>{label}</label>
          </div>
        ))}
      </fieldset>
    </section>
  );
}
