// The one Content-Security-Policy for the UI, whichever host serves it: scripts and styles only
// from the bundle, nothing inline or eval'd, no frames, no forms; `connect` adds what the host
// needs beyond 'self' (the headless host's WebSocket).
export function rendererCsp(connect: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${["'self'", ...connect].join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
