import { describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../../shared/settings.js';
import { createClient } from '../../../../renderer/src/client/client.js';
import { createAppState } from '../../../../renderer/src/state/app-state.js';
import { attempt, engineStatus, FakeTransport, mintOf, position, snapshot } from '../fakes.js';

const state = () => createAppState(createClient(new FakeTransport()), { feedCapacity: 100 });

describe('app state as the sync target', () => {
  it('puts each pushed event in its slice', () => {
    const s = state();
    const settings = { ...defaultSettings(), killSwitch: true };
    const blocked = [
      { kind: 'pending-approval' as const, mint: mintOf(0), symbol: 'A', module: 'sniper' as const, platform: 'pump.fun' as const, attemptId: 'a0', since: 1, solAmount: 0.1, signalReason: 'r' },
    ];
    s.target.applyEvents([
      { seq: 1, name: 'attempt', payload: attempt(1) },
      { seq: 2, name: 'status', payload: engineStatus({ inFlight: 1 }) },
      { seq: 3, name: 'status', payload: engineStatus({ inFlight: 2 }) },
      { seq: 4, name: 'settings', payload: settings },
      { seq: 5, name: 'blocked', payload: blocked },
      { seq: 6, name: 'alert', payload: { level: 'error', source: 'store', message: 'unreadable', at: 1 } },
    ]);
    expect(s.attempts.getState().ring.at(0)?.attemptId).toBe('a1');
    expect(s.status.getState().status?.inFlight).toBe(2);
    expect(s.settings.getState().settings?.killSwitch).toBe(true);
    expect(s.blocked.getState().entries).toEqual(blocked);
    expect(s.status.getState().alerts.map((a) => a.message)).toEqual(['unreadable']);
  });

  it('a snapshot fills every slice and clears an earlier sync error', () => {
    const s = state();
    s.target.syncFailed('connection lost');
    expect(s.status.getState().syncError).toBe('connection lost');
    s.target.applySnapshot(snapshot(9, [attempt(1), attempt(2)]));
    expect(s.status.getState().syncError).toBeNull();
    expect(s.attempts.getState().ring.size).toBe(2);
    expect(s.settings.getState().settings).toEqual(defaultSettings());
  });

  it('a later snapshot merges its attempts into the feed instead of repeating them', () => {
    const s = state();
    s.target.applySnapshot(snapshot(1, [attempt(1, { stage: 'claimed', outcome: undefined })]));
    s.target.applySnapshot(snapshot(5, [attempt(1), attempt(2)]));
    const { ring, counters } = s.attempts.getState();
    expect(ring.size).toBe(2);
    expect(ring.at(0)?.outcome).toBe('bought');
    expect(counters.sniper).toMatchObject({ attempts: 2, bought: 2 });
  });

  it('takes the positions from the snapshot, asks for them when it has none (unusable ledger), and takes each positions event whole', async () => {
    const totals = { open: 1, realizedSol: 0, unrealizedSol: 0.02 };
    const transport = new FakeTransport({ 'positions.list': () => ({ positions: [position(1)], totals }) });
    const s = createAppState(createClient(transport));
    s.target.applySnapshot(snapshot(1));
    await vi.waitFor(() => expect(s.positions.getState().positions?.map((p) => p.id)).toEqual(['p1']));
    expect(transport.callsOf('positions.list')).toEqual([{ includeClosed: true, limit: 5_000 }]);
    s.target.applyEvents([{ seq: 2, name: 'positions', payload: { positions: [position(2), position(3)], totals: { ...totals, open: 2 } } }]);
    expect(s.positions.getState().positions?.map((p) => p.id)).toEqual(['p2', 'p3']);
    expect(s.positions.getState().totals?.open).toBe(2);
    s.target.applySnapshot({ ...snapshot(9), positions: { positions: [position(4)], totals } });
    expect(s.positions.getState().positions?.map((p) => p.id)).toEqual(['p4']);
    expect(transport.callsOf('positions.list')).toHaveLength(1);
  });
});
