import { describe, expect, it } from 'vitest';
import { StatusPublisher } from '../../../../electron/core/engine/status-publisher.js';
import { ManualClock } from '../../../../electron/core/time/clock.js';
import type { EngineStatus } from '../../../../shared/contract.js';
import { sampleStatus } from '../../host/fake-engine.js';

const flush = () => new Promise((r) => setImmediate(r));

describe('StatusPublisher', () => {
  it('sends a changing status at most 4 times a second, and the latest one last', async () => {
    const clock = new ManualClock();
    let purchases = 0;
    const sent: EngineStatus[] = [];
    const publisher = new StatusPublisher({ clock, status: () => sampleStatus({ purchases }), emit: (s) => sent.push(s), minIntervalMs: 250 });
    // 1,000 changes over 2 s, each followed by a poke.
    for (let ms = 0; ms < 2_000; ms += 2) {
      purchases++;
      publisher.poke();
      clock.advance(2);
      await flush();
    }
    clock.advance(250);
    await flush();
    expect(sent.length).toBeGreaterThanOrEqual(8);
    expect(sent.length).toBeLessThanOrEqual(9);
    expect(sent.at(-1)!.purchases).toBe(1_000);
  });

  it('sends nothing when nothing changed', async () => {
    const clock = new ManualClock();
    const sent: EngineStatus[] = [];
    const publisher = new StatusPublisher({ clock, status: () => sampleStatus(), emit: (s) => sent.push(s) });
    for (let i = 0; i < 10; i++) {
      publisher.poke();
      clock.advance(300);
      await flush();
    }
    expect(sent).toHaveLength(1);
  });
});
