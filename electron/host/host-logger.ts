/** What the hosts log through; `console` fits, and tests pass a recorder. */
export interface HostLogger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
}

export const silentLogger: HostLogger = { info: () => {}, warn: () => {} };
