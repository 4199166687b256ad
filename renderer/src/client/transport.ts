import type { PushedEvent } from './wire-types.js';

/** What a host answers to any call, before the typed client narrows it to one command. */
export type RawResult = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

export interface ConnectionState {
  connected: boolean;
  /** Why the last connection ended or could not be made, in words. */
  error?: string;
}

/**
 * How the console reaches the engine: the preload bridge in Electron, a WebSocket in a
 * browser. The client and the resync logic see only this, so both are tested against a
 * fake transport.
 */
export interface Transport {
  invoke(name: string, input: unknown): Promise<RawResult>;
  /** Every pushed batch, in the order the host sent it. */
  onEvents(listener: (events: PushedEvent[]) => void): () => void;
  /** Called with the current state at once, then on every change (a reconnect is a new `connected: true`). */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}

/** A listener set that a broken listener cannot break for the others. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(value: T): void {
    for (const listener of this.set) {
      try {
        listener(value);
      } catch (error) {
        console.error('launchdesk: a listener failed', error);
      }
    }
  }
}
