import bs58 from 'bs58';
import type { CommandName, CommandOutput, EngineStatus } from '../../../shared/contract.js';
import type { AttemptUpdate } from '../../../shared/domain.js';
import { defaultSettings } from '../../../shared/settings.js';
import type { CommandHandlers, EnginePort, EventListener } from '../../../electron/core/engine-port.js';
import { EventSequencer } from '../../../electron/core/engine/event-sequencer.js';

/**
 * A stand-in engine for the host tests: valid outputs, every call recorded, events numbered
 * by the engine's own sequencer so `events.since` answers as the real engine does.
 */

export const testMint = bs58.encode(Uint8Array.from({ length: 32 }, (_, i) => i + 1));

export function sampleStatus(overrides: Partial<EngineStatus> = {}): EngineStatus {
  return {
    instanceId: 'test-instance',
    dataDir: '/tmp/launchdesk-test',
    startedAt: 1_700_000_000_000,
    mode: 'paper',
    killSwitch: false,
    storeHealthy: true,
    purchases: 0,
    inFlight: 0,
    unknown: 0,
    pendingApprovals: 0,
    counts: {},
    feeds: [],
    ...overrides,
  };
}

export function sampleAttempt(attemptId: string): AttemptUpdate {
  return {
    attemptId,
    stage: 'done',
    at: 1_700_000_000_000,
    mint: testMint,
    symbol: 'TEST',
    platform: 'pump.fun',
    module: 'sniper',
    solAmount: 0.1,
    signalReason: 'test',
    outcome: 'bought',
  };
}

const ok = { ok: true as const };

function outputs(): { [N in CommandName]: CommandOutput<N> } {
  const settings = defaultSettings();
  return {
    'status.get': sampleStatus(),
    'settings.get': settings,
    'killSwitch.set': ok,
    'module.update': settings.modules.sniper!,
    'limits.update': settings.limits,
    'blocklist.add': ok,
    'blocklist.remove': ok,
    'execution.update': settings.execution,
    'positions.list': { positions: [], totals: { open: 0, realizedSol: 0, unrealizedSol: 0 } },
    'positions.sell': { sellId: 's1' },
    'attempts.recent': [sampleAttempt('a1')],
    'blocked.list': [],
    'blocked.approveOnce': sampleAttempt('a2'),
    'blocked.dismiss': ok,
    'blocked.buyAgain': sampleAttempt('a3'),
    'blocked.markReconciled': ok,
    'history.list': { total: 0, records: [] },
    'history.totals': [],
    'session.snapshot': { seq: 0, status: sampleStatus(), settings, blocked: [], attempts: [] },
    'events.since': { events: [] },
  };
}

export interface FakeEngine {
  port: EnginePort;
  calls: { name: CommandName; input: unknown }[];
  emit: EventListener;
  sequencer: EventSequencer;
  listenerCount(): number;
}

export function fakeEngine(override: Partial<CommandHandlers> = {}, options: { ringSize?: number } = {}): FakeEngine {
  const calls: FakeEngine['calls'] = [];
  const sequencer = new EventSequencer(options.ringSize ?? 1_000);
  let listeners = 0;
  const fixed = outputs();
  const session: Partial<CommandHandlers> = {
    'session.snapshot': () => ({ ...fixed['session.snapshot'], seq: sequencer.lastSeq }),
    'events.since': ({ afterSeq }) => {
      const events = sequencer.since(afterSeq);
      return events === null ? { gap: true as const } : { events };
    },
  };
  const handlers = Object.fromEntries(
    (Object.keys(fixed) as CommandName[]).map((name) => [
      name,
      (input: unknown) => {
        calls.push({ name, input });
        const custom = (override[name] ?? session[name]) as ((input: unknown) => unknown) | undefined;
        return custom ? custom(input) : fixed[name];
      },
    ]),
  ) as unknown as CommandHandlers;
  return {
    port: {
      handlers,
      subscribe(listener) {
        const off = sequencer.subscribe(listener);
        listeners++;
        let on = true;
        return () => {
          if (on) listeners--;
          on = false;
          off();
        };
      },
    },
    calls,
    emit: sequencer.record,
    sequencer,
    listenerCount: () => listeners,
  };
}
