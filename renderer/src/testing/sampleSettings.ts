// Settings as the host would answer them: the schema's own defaults, so a test never carries a
// stale copy of the settings shape.
import { settingsSchema, type Settings } from '../../../common/settings/settingsSchema.js';

export function defaultSettings(overrides: Partial<Settings> = {}): Settings {
  return { ...settingsSchema.parse({ installId: '5b0f8d52-6c1e-4d7a-9a53-2f1f4f6f9b10' }), ...overrides };
}
