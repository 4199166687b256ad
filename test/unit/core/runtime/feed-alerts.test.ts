import { describe, expect, it } from 'vitest';
import { FeedAlerts, type CollectedAlert } from '../../../../electron/core/runtime/feed-alerts.js';

describe('FeedAlerts', () => {
  it('hands every alert on at once, keeps the newest, and replays them into a sink attached later', () => {
    const shown: CollectedAlert[] = [];
    const alerts = new FeedAlerts(() => 42, (a) => shown.push(a), 2);
    alerts.for('pumpportal')('error', 'API key required');
    alerts.for('dexscreener')('warning', 'rate limited');
    alerts.raise('info', 'x', 'third');
    expect(shown.map((a) => a.message)).toEqual(['API key required', 'rate limited', 'third']);
    expect(alerts.all()).toEqual([
      { level: 'warning', source: 'dexscreener', message: 'rate limited', at: 42 },
      { level: 'info', source: 'x', message: 'third', at: 42 },
    ]);
    const sunk: string[] = [];
    alerts.attach((level, source, message) => sunk.push(`${level} ${source} ${message}`));
    alerts.for('solana-rpc')('error', 'down');
    expect(sunk).toEqual(['warning dexscreener rate limited', 'info x third', 'error solana-rpc down']);
  });
});
