import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../../../renderer/src/client/client.js';
import { EventSync, type ResyncNotice, type SyncTarget } from '../../../../renderer/src/client/event-sync.js';
import type { PushedEvent, SessionSnapshot } from '../../../../renderer/src/client/wire-types.js';
import { attempt, attemptEvent, FakeTransport, snapshot } from '../fakes.js';

class Recorder implements SyncTarget {
  snapshots: SessionSnapshot[] = [];
  applied: number[] = [];
  notices: ResyncNotice[] = [];
  failures: string[] = [];
  applySnapshot(s: SessionSnapshot): void {
    this.snapshots.push(s);
  }
  applyEvents(events: PushedEvent[]): void {
    this.applied.push(...events.map((e) => e.seq));
  }
  resynced(notice: ResyncNotice): void {
    this.notices.push(notice);
  }
  syncFailed(message: string): void {
    this.failures.push(message);
  }
}

const ev = (seq: number): PushedEvent => attemptEvent(seq, attempt(seq));

function setup(handlers: Record<string, (input: unknown) => unknown>) {
  const transport = new FakeTransport(handlers);
  const target = new Recorder();
  const sync = new EventSync(createClient(transport), target);
  sync.start();
  return { transport, target, sync };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('EventSync', () => {
  it('takes a snapshot on connect, then applies events after its seq in order, each once', async () => {
    const { transport, target, sync } = setup({ 'session.snapshot': () => snapshot(5, [attempt(1)]) });
    transport.setConnected(true);
    await sync.idle();
    expect(target.snapshots).toHaveLength(1);
    expect(sync.seq).toBe(5);
    transport.push([ev(4), ev(5), ev(6), ev(7)]);
    transport.push([ev(7), ev(8)]);
    expect(target.applied).toEqual([6, 7, 8]);
    expect(target.notices).toEqual([]);
  });

  it('ignores an event without a seq instead of applying it out of order', async () => {
    const { transport, target, sync } = setup({ 'session.snapshot': () => snapshot(1) });
    transport.setConnected(true);
    await sync.idle();
    transport.push([{ name: 'alert', payload: { level: 'info', source: 'x', message: 'm', at: 1 } } as unknown as PushedEvent, ev(2)]);
    expect(target.applied).toEqual([2]);
  });

  it('holds events that arrive while the snapshot is on its way and applies those after it', async () => {
    let answer!: (s: SessionSnapshot) => void;
    const { transport, target, sync } = setup({ 'session.snapshot': () => new Promise<SessionSnapshot>((r) => (answer = r)) });
    transport.setConnected(true);
    transport.push([ev(9), ev(10), ev(11)]);
    answer(snapshot(10));
    await sync.idle();
    expect(target.applied).toEqual([11]);
  });

  it('on a seq gap asks events.since for what it missed and applies it before the rest', async () => {
    const { transport, target, sync } = setup({
      'session.snapshot': () => snapshot(2),
      'events.since': (input) => {
        expect(input).toEqual({ afterSeq: 3, instanceId: 'inst-1' });
        return { events: [ev(4), ev(5)] };
      },
    });
    transport.setConnected(true);
    await sync.idle();
    transport.push([ev(3)]);
    transport.push([ev(6), ev(7)]);
    await sync.idle();
    expect(target.applied).toEqual([3, 4, 5, 6, 7]);
    expect(target.snapshots).toHaveLength(1);
    expect(target.notices).toEqual([{ kind: 'replayed', count: 2 }]);
  });

  it('when the engine no longer has the missed events (gap: true) it takes a fresh snapshot', async () => {
    let snapshots = 0;
    const { transport, target, sync } = setup({
      'session.snapshot': () => (++snapshots === 1 ? snapshot(1) : snapshot(50)),
      'events.since': () => ({ gap: true }),
    });
    transport.setConnected(true);
    await sync.idle();
    transport.push([ev(40)]);
    await sync.idle();
    transport.push([ev(50), ev(51)]);
    expect(target.snapshots.map((s) => s.seq)).toEqual([1, 50]);
    expect(target.applied).toEqual([51]);
    expect(target.notices).toEqual([{ kind: 'snapshot' }]);
  });

  it('after a reconnect replays what was missed from the last seq and says so', async () => {
    const { transport, target, sync } = setup({
      'session.snapshot': () => snapshot(3),
      'events.since': (input) => ({ events: [4, 5, 6].filter((s) => s > (input as { afterSeq: number }).afterSeq).map(ev) }),
    });
    transport.setConnected(true);
    await sync.idle();
    transport.push([ev(4)]);
    transport.setConnected(false);
    transport.setConnected(true);
    await sync.idle();
    expect(transport.callsOf('events.since')).toEqual([{ afterSeq: 4, instanceId: 'inst-1' }]);
    expect(target.applied).toEqual([4, 5, 6]);
    expect(target.notices).toEqual([{ kind: 'replayed', count: 2 }]);
    expect(target.snapshots).toHaveLength(1);
  });

  it('reports a failed snapshot and tries again on a later batch', async () => {
    let fail = true;
    const { transport, target, sync } = setup({
      'session.snapshot': () => {
        if (fail) throw new Error('store unreadable');
        return snapshot(8);
      },
    });
    transport.setConnected(true);
    await sync.idle();
    expect(target.failures).toEqual(['store unreadable']);
    fail = false;
    transport.push([ev(9)]);
    await sync.idle();
    // The retry waits a little, so a failing engine is not asked again on every batch.
    expect(transport.callsOf('session.snapshot')).toHaveLength(1);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 2_100);
    transport.push([ev(10)]);
    await sync.idle();
    expect(target.snapshots.map((s) => s.seq)).toEqual([8]);
    expect(target.applied).toEqual([9, 10]);
  });
});
