import type { CommandOutput } from '../../../shared/contract.js';

/** The shapes of the pushed-events and resync protocol, named once for the client. */
export type { LaunchdeskBridge, PushedEvent } from '../../../shared/wire.js';
export type SessionSnapshot = CommandOutput<'session.snapshot'>;
export type EventsSince = CommandOutput<'events.since'>;
