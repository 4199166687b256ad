import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * electron-builder.yml cannot be run here (packaging downloads Electron), so its fields are
 * checked against what the app needs: the targets, what goes into the package and what
 * never does, the icons, and native modules outside the asar archive.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const config = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** electron-builder's rule for `files`: the last pattern that matches a path decides; `!` excludes. */
function packaged(file: string): boolean {
  let included = false;
  for (const pattern of config.files as string[]) {
    const negated = pattern.startsWith('!');
    if (path.matchesGlob(file, negated ? pattern.slice(1) : pattern)) included = !negated;
  }
  return included;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const data = fs.readFileSync(file);
  expect(data.subarray(1, 4).toString('latin1'), `${file} is a PNG`).toBe('PNG');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

const targets = (platform: string) => (config[platform].target as (string | { target: string })[]).map((t) => (typeof t === 'string' ? t : t.target));

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(config.appId).toMatch(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*){2,}$/);
    expect(config.productName).toBe('launchdesk');
  });

  it('builds AppImage and deb for Linux, nsis for Windows, dmg for macOS', () => {
    expect(targets('linux').sort()).toEqual(['AppImage', 'deb']);
    expect(targets('win')).toEqual(['nsis']);
    expect(targets('mac')).toEqual(['dmg']);
    // A deb without a maintainer is refused by the packager.
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
  });

  it('packages the main and preload bundles, the console bundle and package.json', () => {
    for (const file of ['package.json', pkg.main, 'dist/electron/preload.cjs', 'dist-renderer/index.html', 'dist-renderer/assets/index-AbC123.js', 'dist-renderer/assets/index-AbC123.css', 'dist-renderer/favicon.svg']) {
      expect(packaged(file), file).toBe(true);
    }
    expect(pkg.main).toBe('dist/electron/main.js');
  });

  it('packages no sources, tests, docs, CI, configs or source maps', () => {
    for (const file of [
      'electron/main.ts',
      'electron/core/engine.ts',
      'shared/contract.ts',
      'renderer/src/main.tsx',
      'renderer/index.html',
      'scripts/start.mjs',
      'test/unit/host/electron-main.test.ts',
      'test/e2e/feed.spec.ts',
      'docs/screenshots/feed.png',
      '.ci/run',
      'README.md',
      'tsconfig.json',
      'vitest.config.ts',
      'playwright.config.ts',
      'eslint.config.js',
      'electron-builder.yml',
      'build/icon.png',
      'dist-renderer/assets/index-AbC123.js.map',
      'dist/electron/main.js.map',
    ]) {
      expect(packaged(file), file).toBe(false);
    }
  });

  it('takes the native module from production dependencies, rebuilt for Electron and outside the asar', () => {
    expect(pkg.dependencies['better-sqlite3']).toBeDefined();
    // electron-builder refuses electron among the dependencies: it would ship twice.
    expect(pkg.dependencies.electron).toBeUndefined();
    expect(pkg.devDependencies.electron).toBeDefined();
    expect(config.npmRebuild).toBe(true);
    expect(config.asar).toBe(true);
    const unpacked = (file: string) => (config.asarUnpack as string[]).some((pattern) => path.matchesGlob(file, pattern));
    expect(unpacked('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true);
    expect(unpacked('node_modules/some-other/prebuilds/linux-x64/addon.node')).toBe(true);
    expect(unpacked('node_modules/better-sqlite3/lib/index.js')).toBe(false);
  });

  it('turns off running the binary as Node and the inspector flags', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true });
  });

  it('has the icons it names: a 512x512 PNG, the Linux set by size, a Windows .ico with 256x256', () => {
    const resources = path.join(root, config.directories.buildResources as string);
    expect(pngSize(path.join(root, config.mac.icon as string))).toEqual({ width: 512, height: 512 });
    expect(pngSize(path.join(resources, 'icon.png'))).toEqual({ width: 512, height: 512 });
    const linuxIcons = fs.readdirSync(path.join(root, config.linux.icon as string));
    expect(linuxIcons).toEqual(expect.arrayContaining(['16x16.png', '32x32.png', '48x48.png', '64x64.png', '128x128.png', '256x256.png', '512x512.png']));
    for (const name of linuxIcons) {
      const size = Number(/^(\d+)x\1\.png$/.exec(name)?.[1]);
      expect(pngSize(path.join(root, config.linux.icon as string, name)), name).toEqual({ width: size, height: size });
    }
    const ico = fs.readFileSync(path.join(root, config.win.icon as string));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(sizes).toContain(256);
    expect(sizes).toContain(16);
  });
});
