// A file the page hands to the browser's downloads: how the browser host (zkdesk serve) saves
// what the desktop app saves through main's own dialog (proof files, the feedback file).

export function downloadText(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has handed the file to the browser's download.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
