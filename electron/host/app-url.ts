/**
 * Whether a frame shows the app itself: the same file as the bundled renderer (any hash or
 * query, for client-side routing), or the same origin as the configured dev server.
 */
export function isAppUrl(frameUrl: string, appUrl: string): boolean {
  let frame: URL;
  let app: URL;
  try {
    frame = new URL(frameUrl);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') return frame.protocol === 'file:' && frame.host === app.host && frame.pathname === app.pathname;
  if (app.protocol !== 'http:' && app.protocol !== 'https:') return false;
  return frame.origin === app.origin;
}

/** A URL cut down to where it points, for logs: no query, no hash, no credentials. */
export function urlForLog(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' ? `file://${parsed.pathname}` : parsed.origin;
  } catch {
    return '(unparsable url)';
  }
}
