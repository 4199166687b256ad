import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Raydium's SDK is GPL-3.0: the app builds LaunchLab instructions itself and only tests load
 * the SDK (eslint's no-restricted-imports says the same at lint time). This walks the app's
 * sources, so a require() or dynamic import() that the lint rule would not see is caught too.
 */
const root = join(import.meta.dirname, '../../../../..');
const appDirs = ['electron', 'shared', 'renderer', 'scripts'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [path] : [];
  });
}

describe('app code and the GPL Raydium SDK', () => {
  it('no app source names @raydium-io/raydium-sdk-v2', () => {
    const files = appDirs.flatMap((dir) => sources(join(root, dir)));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((file) => /@raydium-io\//.test(readFileSync(file, 'utf8'))).map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });

  it('the SDK stays a devDependency', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    expect(pkg.dependencies?.['@raydium-io/raydium-sdk-v2']).toBeUndefined();
    expect(pkg.devDependencies?.['@raydium-io/raydium-sdk-v2']).toBeDefined();
  });
});
