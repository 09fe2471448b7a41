// Whether an installer's name carries exactly one version. A substring test would take
// zkdesk-0.3.0-beta.1-linux-x86_64.AppImage for a 0.3.0 build (and publish a beta as the final
// release), or zkdesk-10.3.0.deb for 0.3.0. The version must stand between name boundaries: not
// after a digit or a dot, and not followed by more version (".1", "0", or a prerelease such as
// "-beta.1", "-rc2", "-7"). What electron-builder puts after the version (-linux, _amd64, -x64,
// .exe) is not version.
const prereleaseStart = /^-(?:\d+(?:[._-]|$)|(?:alpha|beta|rc|pre|preview|dev|next|canary|nightly|snapshot)(?:[.\d]|$))/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function nameCarriesVersion(fileName: string, version: string): boolean {
  const pattern = new RegExp(`(?<![0-9A-Za-z.])v?${escapeRegExp(version)}`, 'gi');
  for (const match of fileName.matchAll(pattern)) {
    const rest = fileName.slice((match.index ?? 0) + match[0].length);
    if (rest === '') return true;
    if (/^[0-9A-Za-z]/.test(rest)) continue; // 0.3.0 inside 0.3.01 or 0.3.0beta
    if (/^\.\d/.test(rest)) continue; // 0.3.0-beta inside 0.3.0-beta.1
    if (prereleaseStart.test(rest)) continue; // 0.3.0 inside 0.3.0-beta.1
    return true;
  }
  return false;
}
