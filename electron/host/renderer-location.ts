import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the console UI is: the production build (dist-renderer/) when it exists, else the
 * placeholder page in renderer/. Null when neither has an index.html.
 */
export function findRendererDir(projectRoot: string): string | null {
  for (const dir of ['dist-renderer', 'renderer']) {
    const candidate = path.join(projectRoot, dir);
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
  }
  return null;
}
