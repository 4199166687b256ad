import bs58 from 'bs58';
import type { CommandName, CommandOutput, EngineStatus } from '../../../shared/contract.js';
import type { AttemptUpdate } from '../../../shared/domain.js';
import { defaultSettings } from '../../../shared/settings.js';
import type { CommandHandlers, EnginePort, EventListener } from '../../../electron/core/engine-port.js';

/** A stand-in engine for the host tests: valid outputs, every call recorded. */

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
    'attempts.recent': [sampleAttempt('a1')],
    'blocked.list': [],
    'blocked.approveOnce': sampleAttempt('a2'),
    'blocked.dismiss': ok,
    'blocked.buyAgain': sampleAttempt('a3'),
    'blocked.markReconciled': ok,
    'history.list': { total: 0, records: [] },
  };
}

export interface FakeEngine {
  port: EnginePort;
  calls: { name: CommandName; input: unknown }[];
  emit: EventListener;
  listenerCount(): number;
}

export function fakeEngine(override: Partial<CommandHandlers> = {}): FakeEngine {
  const calls: FakeEngine['calls'] = [];
  const listeners = new Set<EventListener>();
  const fixed = outputs();
  const handlers = Object.fromEntries(
    (Object.keys(fixed) as CommandName[]).map((name) => [
      name,
      (input: unknown) => {
        calls.push({ name, input });
        const custom = override[name] as ((input: unknown) => unknown) | undefined;
        return custom ? custom(input) : fixed[name];
      },
    ]),
  ) as unknown as CommandHandlers;
  return {
    port: {
      handlers,
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    calls,
    emit: (name, payload) => {
      for (const listener of listeners) listener(name, payload);
    },
    listenerCount: () => listeners.size,
  };
}
