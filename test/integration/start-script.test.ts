import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { electronExecutable } from '../e2e/support/browser.js';
import { tempDataDir } from '../support/engine-fixture.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `npm start` as a new user runs it, where no Electron binary could be downloaded. */
describe.skipIf(electronExecutable() !== undefined)('npm start without the Electron binary', () => {
  it('says so, runs the headless console with the same flags, prints its URL, and stops cleanly', async () => {
    const dataDir = tempDataDir('start');
    const child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs'), '--data-dir', dataDir, '--duration', '2', '--quiet'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(output).toMatch(/Electron binary is not installed, so no window: starting the headless console instead/);
    expect(output).toMatch(/node node_modules\/electron\/install\.js/);
    expect(output).toContain(`data dir: ${dataDir}`);
    expect(output).toMatch(/console: http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}/);
    expect(code).toBe(0);
  }, 90_000);
});
