import type { CommandName, CommandResult } from '../../shared/contract.js';
import type { EnginePort } from '../core/engine-port.js';
import { systemClock, type Clock } from '../core/time/clock.js';
import { isAppUrl, urlForLog } from './app-url.js';
import { dispatch } from './dispatch.js';
import { EventBatcher } from './event-batcher.js';
import { silentLogger, type HostLogger } from './host-logger.js';
import { EVENTS_CHANNEL, INVOKE_CHANNEL } from '../../shared/wire.js';

/**
 * The parts of Electron's ipcMain / IpcMainInvokeEvent / WebContents this host uses, so it
 * runs against fakes in plain Node; Electron's own objects satisfy these shapes.
 */
export interface IpcFrameLike {
  readonly url: string;
  /** null for a top-level frame; a sub-frame never speaks for the app. */
  readonly parent?: unknown;
}
export interface IpcInvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: IpcFrameLike | null;
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}
export interface WebContentsLike {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface IpcHostOptions {
  ipcMain: IpcMainLike;
  /** The app window's webContents: the only sender answered and the only receiver of events. */
  webContents: WebContentsLike;
  engine: EnginePort;
  /** What the window loads: file:// URL of the bundled renderer's index.html, or the dev server URL. */
  appUrl: string;
  clock?: Clock;
  logger?: HostLogger;
  validateOutput?: boolean;
  batchIntervalMs?: number;
}

export interface IpcHost {
  close(): void;
}

type AnyResult = CommandResult<CommandName>;

function refuse(message: string): AnyResult {
  return { ok: false, error: { code: 'bad-request', message } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function startIpcHost(options: IpcHostOptions): IpcHost {
  const { ipcMain, webContents, engine, appUrl } = options;
  const logger = options.logger ?? silentLogger;

  function senderProblem(event: IpcInvokeEventLike): string | null {
    if (event.sender.id !== webContents.id) return 'not the app window';
    const frame = event.senderFrame;
    if (frame === null) return 'frame gone';
    if (frame.parent !== null && frame.parent !== undefined) return 'a sub-frame';
    if (!isAppUrl(frame.url, appUrl)) return 'a page that is not the app';
    return null;
  }

  ipcMain.handle(INVOKE_CHANNEL, async (event, message): Promise<AnyResult> => {
    const problem = senderProblem(event);
    if (problem !== null) {
      // Never the payload: it came from a page we do not trust.
      logger.warn('ipc: refused a call', { reason: problem, senderId: event.sender.id, frame: urlForLog(event.senderFrame?.url ?? '') });
      return refuse('sender not allowed');
    }
    if (!isRecord(message)) return refuse('expected a message {name, input}');
    return dispatch(engine.handlers, message.name, message.input, { validateOutput: options.validateOutput });
  });

  const batcher = new EventBatcher({
    clock: options.clock ?? systemClock,
    intervalMs: options.batchIntervalMs,
    flush: (events) => {
      if (!webContents.isDestroyed()) webContents.send(EVENTS_CHANNEL, events);
    },
  });
  const unsubscribe = engine.subscribe(batcher.push);

  return {
    close() {
      unsubscribe();
      batcher.stop();
      ipcMain.removeHandler(INVOKE_CHANNEL);
    },
  };
}
