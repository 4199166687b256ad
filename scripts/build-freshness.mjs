// Whether a build output is older than what it is built from, by file times: enough to
// skip a 5-10 s Vite build on an unchanged tree, and it errs towards rebuilding (a checkout
// or an edit makes an input newer; a missing or partial output is never fresh).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Folders never part of an input tree. */
const skipped = new Set(['node_modules', '.git', 'dist', 'dist-renderer']);

/** Every file under `entry` (a file or a folder), depth-first; missing entries yield nothing. */
function* files(entry) {
  let info;
  try {
    info = statSync(entry);
  } catch {
    return;
  }
  if (info.isFile()) {
    yield { file: entry, mtimeMs: info.mtimeMs };
    return;
  }
  if (!info.isDirectory()) return;
  for (const name of readdirSync(entry)) {
    if (!skipped.has(name)) yield* files(path.join(entry, name));
  }
}

/** Newest modification time among the inputs, or 0 when there are none. */
export function newestInput(inputs) {
  let newest = 0;
  for (const input of inputs) for (const { mtimeMs } of files(input)) newest = Math.max(newest, mtimeMs);
  return newest;
}

/**
 * True when `outputDir` holds `marker` and every file in it is at least as new as every
 * input. The oldest output counts, so an interrupted build is never taken for a whole one.
 */
export function isFresh(outputDir, inputs, marker = 'index.html') {
  let oldest = Infinity;
  let hasMarker = false;
  for (const { file, mtimeMs } of files(outputDir)) {
    oldest = Math.min(oldest, mtimeMs);
    if (path.relative(outputDir, file) === marker) hasMarker = true;
  }
  return hasMarker && oldest >= newestInput(inputs);
}

/** What the renderer bundle is built from: its sources, the shared contract, the dependencies. */
export function rendererInputs(root) {
  return ['renderer', 'shared', 'package.json', 'package-lock.json'].map((p) => path.join(root, p));
}
