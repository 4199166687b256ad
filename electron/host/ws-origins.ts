const loopbackNames = ['127.0.0.1', 'localhost', '[::1]'];
const wildcard = new Set(['0.0.0.0', '::', '']);

/**
 * The origins a page of this server can have. The Host header is not consulted: a page of
 * another site reached through DNS rebinding would send a matching one. Bound to every
 * interface, only loopback names and the explicitly allowed origins (a VPS's public name,
 * a reverse proxy) count as our own.
 */
export function ownOrigins(bindHost: string, port: number, allowed: readonly string[]): Set<string> {
  const origins = new Set<string>();
  const isLoopback = bindHost === 'localhost' || bindHost === '::1' || bindHost.startsWith('127.');
  if (isLoopback || wildcard.has(bindHost)) for (const name of loopbackNames) origins.add(`http://${name}:${port}`);
  if (!wildcard.has(bindHost)) origins.add(displayOrigin(bindHost, port));
  for (const origin of allowed) origins.add(new URL(origin).origin);
  return origins;
}

/** The origin to print and open: a wildcard bind is reached through loopback on this machine. */
export function displayOrigin(bindHost: string, port: number): string {
  if (wildcard.has(bindHost)) return `http://127.0.0.1:${port}`;
  return `http://${bindHost.includes(':') ? `[${bindHost}]` : bindHost}:${port}`;
}
