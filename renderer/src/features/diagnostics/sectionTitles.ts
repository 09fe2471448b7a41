// What each bundle section is called on screen. An opened bundle's summary carries only the
// section ids; Record<SectionId, …> makes a new section a type error here until it has a name.
import type { SectionId } from '../../../../main/services/diagnostics/bundleManifest.js';

const titles: Record<SectionId, string> = {
  profile: 'System profile',
  calibration: 'Calibration',
  warnings: 'Environment warnings',
  updateState: 'Update state',
  settings: 'Settings (redacted)',
  jobs: 'Job history',
  crashes: 'Crash reports',
  logs: 'Logs',
  bench: 'Benchmark results',
  crashDumps: 'Crash dumps (minidumps)',
};

export function sectionTitle(id: string): string {
  return Object.hasOwn(titles, id) ? titles[id as SectionId] : id;
}

/** "Intel Intel Xeon®" → "Intel Xeon®": the probe's vendor is often the brand's first word too. */
export function withoutRepeatedWords(text: string): string {
  return text
    .split(/\s+/)
    .filter((word, i, words) => i === 0 || word.toLowerCase() !== words[i - 1]?.toLowerCase())
    .join(' ');
}
