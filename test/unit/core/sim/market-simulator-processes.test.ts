import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MarketSimulator } from '../../../../electron/core/sim/market-simulator.js';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./fixtures/print-sim-events.ts', import.meta.url));

describe('MarketSimulator across OS processes', () => {
  it('two processes with the same seed see the same tokens at the same offsets', async () => {
    const args = ['--import', 'tsx', script, '99', '2000', '1700000000000'];
    const [a, b] = await Promise.all([run(process.execPath, args), run(process.execPath, args)]);
    const here = new MarketSimulator({ seed: 99, startAt: 1_700_000_000_000 }).take(2_000).map((e) => JSON.stringify(e));
    expect(a.stdout.trimEnd().split('\n')).toEqual(here);
    expect(b.stdout).toBe(a.stdout);
  });
});
