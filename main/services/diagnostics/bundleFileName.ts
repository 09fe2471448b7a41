// What a diagnostics bundle is called, wherever it is written (the app, the host, `zkdesk
// bundle`): one name, so a support engineer can sort a folder of them and tell when each was made.

/** `zkdesk-diagnostics-20261204T181023Z.zip`: the UTC moment, to the second. */
export function bundleFileName(createdAt: Date | string): string {
  const iso = typeof createdAt === 'string' ? createdAt : createdAt.toISOString();
  return `zkdesk-diagnostics-${iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.zip`;
}
