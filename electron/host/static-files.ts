import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { securityHeaders } from './security-headers.js';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Shown when no renderer has been built: the host works, the UI comes later. */
export const placeholderPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>launchdesk</title></head>
<body>
<h1>launchdesk</h1>
<p>The engine is running. The console UI has not been built yet.</p>
<p>Status: <code>GET /status?token=&lt;token&gt;</code>. Live events: WebSocket <code>/ws?token=&lt;token&gt;</code>.</p>
</body>
</html>
`;

export function sendText(res: ServerResponse, status: number, type: string, body: string, head = false): void {
  res.writeHead(status, { ...securityHeaders, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(head ? undefined : body);
}

/** The real file under `root` that a URL path names, or null: never outside root, never a dotfile. */
async function resolveInside(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.split(/[/\\]/).some((part) => part.startsWith('.') && part.length > 0)) return null;
  const wanted = path.resolve(root, `.${decoded.endsWith('/') ? `${decoded}index.html` : decoded}`);
  try {
    // realpath on both sides, so a symlink inside the directory cannot point out of it.
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(wanted)]);
    const relative = path.relative(realRoot, realFile);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
    return (await stat(realFile)).isFile() ? realFile : null;
  } catch {
    return null;
  }
}

/** Serves `urlPath` from the built renderer, or the placeholder page at / when there is none. */
export async function serveStatic(res: ServerResponse, rendererDir: string | null, urlPath: string, head: boolean): Promise<void> {
  const file = rendererDir === null ? null : await resolveInside(rendererDir, urlPath);
  if (file === null) {
    if (urlPath === '/' || urlPath === '/index.html') return sendText(res, 200, contentTypes['.html']!, placeholderPage, head);
    return sendText(res, 404, 'text/plain; charset=utf-8', 'not found', head);
  }
  const type = contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  const { size } = await stat(file);
  res.writeHead(200, { ...securityHeaders, 'Content-Type': type, 'Content-Length': size, 'Cache-Control': 'no-cache' });
  if (head) return void res.end();
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
