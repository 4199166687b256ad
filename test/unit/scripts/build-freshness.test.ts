import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFresh, newestInput, rendererInputs } from '../../../scripts/build-freshness.mjs';
import { tempDataDir } from '../../support/engine-fixture.js';

const T = 1_700_000_000; // seconds

function write(file: string, atSeconds: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, 'x');
  fs.utimesSync(file, atSeconds, atSeconds);
}

/** A project with sources at T and a built bundle at `builtAt`. */
function project(builtAt: number) {
  const root = tempDataDir('fresh');
  write(path.join(root, 'renderer/src/app.tsx'), T);
  write(path.join(root, 'shared/contract.ts'), T);
  write(path.join(root, 'package.json'), T);
  write(path.join(root, 'renderer/node_modules/dep/index.js'), T + 1_000);
  write(path.join(root, 'dist-renderer/index.html'), builtAt);
  write(path.join(root, 'dist-renderer/assets/index.js'), builtAt);
  return { root, out: path.join(root, 'dist-renderer'), inputs: rendererInputs(root) };
}

describe('build freshness', () => {
  it('a bundle built after every source is fresh (node_modules under an input does not count)', () => {
    const { out, inputs } = project(T + 10);
    expect(newestInput(inputs)).toBe(T * 1_000);
    expect(isFresh(out, inputs)).toBe(true);
  });

  it('an edited source, an edited shared file or a changed lockfile makes it stale', () => {
    for (const changed of ['renderer/src/views/new-view.tsx', 'shared/settings.ts', 'package-lock.json']) {
      const { root, out, inputs } = project(T + 10);
      write(path.join(root, changed), T + 20);
      expect(isFresh(out, inputs), changed).toBe(false);
    }
  });

  it('a partial build (one old file left, or no index.html) and a missing bundle are stale', () => {
    const partial = project(T + 10);
    fs.utimesSync(path.join(partial.out, 'assets/index.js'), T - 10, T - 10);
    expect(isFresh(partial.out, partial.inputs)).toBe(false);
    const noIndex = project(T + 10);
    fs.rmSync(path.join(noIndex.out, 'index.html'));
    expect(isFresh(noIndex.out, noIndex.inputs)).toBe(false);
    const none = project(T + 10);
    fs.rmSync(none.out, { recursive: true });
    expect(isFresh(none.out, none.inputs)).toBe(false);
  });
});
