import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { dataDirPaths } from '../../../../electron/core/data-dir-paths.js';
import { defaultExecution, type Settings } from '../../../../shared/settings.js';
import type { PushedEvent } from '../../../../shared/wire.js';
import { randomMint, signal, tempDataDir, useTestEngines } from '../../../support/engine-fixture.js';

const engineFor = useTestEngines();

/** Two instances on one data dir, each refreshing from the ledger every 50 ms. */
async function twoInstances() {
  const dataDir = tempDataDir();
  const a = await engineFor({ dataDir, ledgerRefreshMs: 50 });
  const b = await engineFor({ dataDir, ledgerRefreshMs: 50 });
  return { dataDir, a, b };
}

describe('one truth for the rules that move money', () => {
  it('kill switch on in A: B refuses at once (read inside its claim), and it survives B\'s later changes and a restart', async () => {
    const { dataDir, a, b } = await twoInstances();
    await a.engine.port.handlers['killSwitch.set']({ on: true });
    expect((await b.engine.coordinator.requestBuy(signal(randomMint()))).reason?.code).toBe('kill-switch');
    // B changes other settings afterwards: each change starts from the ledger, never B's memory.
    await b.engine.port.handlers['limits.update']({ maxSolPerBuy: 3 });
    await b.engine.port.handlers['blocklist.add']({ address: randomMint() });
    await b.engine.port.handlers['module.update']({ module: 'volume', patch: { solAmount: 0.2 } });
    expect(a.engine.ledger?.rules().killSwitch).toBe(true);
    await b.stop();
    const c = await engineFor({ dataDir });
    expect(c.engine.status().killSwitch).toBe(true);
    expect((await c.engine.coordinator.requestBuy(signal(randomMint()))).reason?.code).toBe('kill-switch');
    expect(b.trader.orders).toEqual([]);
    expect(c.trader.orders).toEqual([]);
  });

  it('a change in A reaches B\'s settings, its status and its `settings` event within a second', async () => {
    const { a, b } = await twoInstances();
    const seen: Settings[] = [];
    b.engine.onSettingsChanged((s) => seen.push(s));
    const events: PushedEvent[] = [];
    b.engine.port.subscribe((e) => events.push(e));
    const started = Date.now();
    await a.engine.port.handlers['limits.update']({ dailySpendCapSol: 7 });
    await a.engine.port.handlers['module.update']({ module: 'trending', patch: { solAmount: 0.3 } });
    await vi.waitFor(
      () => {
        expect(b.engine.settings()).toMatchObject({ limits: { dailySpendCapSol: 7 }, modules: { trending: { solAmount: 0.3 } } });
        expect(events.some((e) => e.name === 'settings' && (e.payload as Settings).modules.trending.solAmount === 0.3)).toBe(true);
      },
      { timeout: 1_000, interval: 20 },
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(seen.at(-1)?.limits.dailySpendCapSol).toBe(7);
    expect(seen.at(-1)?.revision).toBe(a.engine.settings().revision);
  });

  it('a change sent with the revision it was made against is refused once another change came first', async () => {
    const { a, b } = await twoInstances();
    const seenByB = b.engine.settings().revision;
    await a.engine.port.handlers['blocklist.add']({ address: randomMint() });
    const call = <T>(fn: () => T) => Promise.resolve().then(fn);
    await expect(call(() => b.engine.port.handlers['killSwitch.set']({ on: false, revision: seenByB }))).rejects.toThrow(/settings changed meanwhile/);
    await expect(call(() => b.engine.port.handlers['module.update']({ module: 'sniper', patch: { enabled: false }, revision: seenByB }))).rejects.toThrow(
      /settings changed meanwhile/,
    );
    expect(a.engine.ledger?.rules().blocklist).toHaveLength(1);
    const current = a.engine.settings().revision;
    await b.engine.port.handlers['limits.update']({ maxConcurrentBuys: 9, revision: current });
    expect(b.engine.settings()).toMatchObject({ revision: current + 1, limits: { maxConcurrentBuys: 9 } });
  });

  it('module settings changed in two instances at once: neither change is lost', async () => {
    const { dataDir, a, b } = await twoInstances();
    await Promise.all([
      a.engine.port.handlers['module.update']({ module: 'sniper', patch: { solAmount: 0.25 } }),
      b.engine.port.handlers['module.update']({ module: 'volume', patch: { solAmount: 0.35 } }),
    ]);
    const c = await engineFor({ dataDir });
    const modules = c.engine.settings().modules;
    expect(modules.sniper.solAmount).toBe(0.25);
    expect(modules.volume.solAmount).toBe(0.35);
  });
});

describe('execution settings (slippage, priority fee, compute units), kept in settings.json', () => {
  it('defaults until changed; a change is validated whole, reaches the other instance and its settings event, and survives a restart', async () => {
    const { dataDir, a, b } = await twoInstances();
    expect(a.engine.settings().execution).toEqual(defaultExecution);
    const events: PushedEvent[] = [];
    b.engine.port.subscribe((e) => events.push(e));
    const saved = await a.engine.port.handlers['execution.update']({ slippagePct: 2.5, priorityFee: { mode: 'fixed', microLamports: 50_000, capMicroLamports: 100_000 } });
    expect(saved).toEqual({ ...defaultExecution, slippagePct: 2.5, priorityFee: { mode: 'fixed', microLamports: 50_000, capMicroLamports: 100_000 } });
    await vi.waitFor(
      () => expect(events.some((e) => e.name === 'settings' && (e.payload as Settings).execution.slippagePct === 2.5)).toBe(true),
      { timeout: 1_000, interval: 20 },
    );
    expect(b.engine.settings().execution).toEqual(saved);
    expect(JSON.parse(fs.readFileSync(dataDirPaths(dataDir).settings, 'utf8')).execution).toEqual(saved);
    await a.stop();
    await b.stop();
    const c = await engineFor({ dataDir });
    expect(c.engine.settings().execution).toEqual(saved);
  });

  it('an invalid change is refused and nothing is saved; a stale revision is refused', async () => {
    const { a, b } = await twoInstances();
    const call = <T>(fn: () => T) => Promise.resolve().then(fn);
    await expect(call(() => a.engine.port.handlers['execution.update']({ computeUnitLimit: 5 }))).rejects.toThrow(/computeUnitLimit/);
    expect(a.engine.settings().execution).toEqual(defaultExecution);
    const seenByB = b.engine.settings().revision;
    await a.engine.port.handlers['execution.update']({ computeUnitLimit: 300_000 });
    await expect(call(() => b.engine.port.handlers['execution.update']({ slippagePct: 1, revision: seenByB }))).rejects.toThrow(/settings changed meanwhile/);
    await vi.waitFor(() => expect(b.engine.settings().execution.computeUnitLimit).toBe(300_000), { timeout: 1_000, interval: 20 });
    expect(b.engine.settings().execution.slippagePct).toBe(defaultExecution.slippagePct);
  });

  it('module changes keep the execution settings, and execution changes keep the modules', async () => {
    const { a } = await twoInstances();
    await a.engine.port.handlers['execution.update']({ slippagePct: 4 });
    await a.engine.port.handlers['module.update']({ module: 'volume', patch: { solAmount: 0.4 } });
    await a.engine.port.handlers['execution.update']({ computeUnitLimit: 250_000 });
    expect(a.engine.settings()).toMatchObject({ execution: { slippagePct: 4, computeUnitLimit: 250_000 }, modules: { volume: { solAmount: 0.4 } } });
  });
});
