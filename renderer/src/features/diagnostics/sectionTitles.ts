// What each bundle section is called on screen: the titles the bundle writer gives them. An
// opened bundle's summary carries only the section ids, and may come from another version.
import { sectionTitles, type SectionId } from '../../../../common/diagnostics/bundleManifest.js';

export function sectionTitle(id: string): string {
  return Object.hasOwn(sectionTitles, id) ? sectionTitles[id as SectionId] : id;
}

/** "Intel Intel Xeon®" → "Intel Xeon®": the probe's vendor is often the brand's first word too. */
export function withoutRepeatedWords(text: string): string {
  return text
    .split(/\s+/)
    .filter((word, i, words) => i === 0 || word.toLowerCase() !== words[i - 1]?.toLowerCase())
    .join(' ');
}
