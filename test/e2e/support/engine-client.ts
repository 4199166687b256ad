import type { Page } from '@playwright/test';
import WebSocket from 'ws';
import type { CommandInput, CommandName, CommandOutput, CommandResult } from '../../../shared/contract.js';

/** A pushed event as it arrives: the name and payload of the contract, with the engine's sequence number. */
export interface ReceivedEvent {
  seq?: number;
  name: string;
  payload: unknown;
}

type Invoke = (name: CommandName, input: unknown) => Promise<CommandResult<CommandName>>;

/**
 * The tests' own line to an engine, over the transport the console uses (the WebSocket of
 * `serve`, or the preload bridge of the desktop app): commands to set a scene up or read the
 * store, and every pushed event since connecting, to wait on instead of sleeping.
 */
export class EngineClient {
  readonly events: ReceivedEvent[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly invoke: Invoke,
    readonly close: () => void,
  ) {}

  /** Over the WebSocket API of `serve`, authenticated like the console. */
  static async overWebSocket(serverUrl: string, token: string): Promise<EngineClient> {
    const ws = new WebSocket(`${serverUrl.replace(/^http/, 'ws')}ws?token=${token}`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    let nextId = 1;
    const waiting = new Map<number, { resolve: (r: CommandResult<CommandName>) => void; reject: (e: Error) => void }>();
    ws.on('close', () => {
      for (const { reject } of waiting.values()) reject(new Error('the engine socket closed'));
      waiting.clear();
    });
    const client = new EngineClient(
      (name, input) =>
        new Promise((resolve, reject) => {
          if (ws.readyState !== WebSocket.OPEN) return reject(new Error(`${name}: the engine socket is closed`));
          const id = nextId++;
          waiting.set(id, { resolve, reject });
          ws.send(JSON.stringify({ id, name, input }));
        }),
      () => ws.close(),
    );
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: unknown; result?: CommandResult<CommandName>; events?: ReceivedEvent[] };
      if (message.events) client.received(message.events);
      else if (typeof message.id === 'number' && message.result) {
        waiting.get(message.id)?.resolve(message.result);
        waiting.delete(message.id);
      }
    });
    return client;
  }

  /** Through the desktop app's preload bridge (`window.launchdesk`), from the test side. */
  static async overBridge(page: Page): Promise<EngineClient> {
    type Bridge = { invoke(n: string, i: unknown): Promise<CommandResult<CommandName>>; on(l: (b: unknown) => void): void };
    type BridgeWindow = { launchdesk: Bridge; __launchdeskE2eEvents(b: unknown): void };
    const client = new EngineClient(
      (name, input) => page.evaluate(([n, i]) => (globalThis as unknown as BridgeWindow).launchdesk.invoke(n, i), [name, input] as const),
      () => undefined,
    );
    await page.exposeBinding('__launchdeskE2eEvents', (_source, batch: ReceivedEvent[]) => client.received(batch));
    await page.evaluate(() => {
      const w = globalThis as unknown as BridgeWindow;
      w.launchdesk.on((batch) => w.__launchdeskE2eEvents(batch));
    });
    return client;
  }

  /** Calls a command and returns its output; a refusal throws with the engine's message. */
  async call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
    const result = (await this.invoke(name, input)) as CommandResult<N>;
    if (!result.ok) throw new Error(`${name} refused: ${result.error.message}`);
    return result.value;
  }

  tryCall<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandResult<N>> {
    return this.invoke(name, input) as Promise<CommandResult<N>>;
  }

  private received(batch: ReceivedEvent[]): void {
    this.events.push(...batch);
    for (const listener of this.listeners) listener();
  }

  /** Resolves with what `check` finds in the events so far (or later ones); rejects after `timeoutMs`. */
  waitForEvents<T>(what: string, check: (events: ReceivedEvent[]) => T | undefined | false, timeoutMs = 15_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const test = (): void => {
        const found = check(this.events);
        if (found === undefined || found === false) return;
        this.listeners.delete(test);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(test);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.listeners.add(test);
      test();
    });
  }
}
