/**
 * A chain read bounded in time with one clear error: web3.js's Connection has no timeout of
 * its own (a node that never answers holds a buy for minutes), and its errors do not say
 * what was being read.
 */
export const DEFAULT_READ_TIMEOUT_MS = 10_000;

export class ChainReadError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'ChainReadError';
  }
}

export async function readWithin<T>(what: string, timeoutMs: number, read: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new ChainReadError(`the RPC did not answer within ${timeoutMs} ms while reading ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([read(), timeout]);
  } catch (error) {
    if (error instanceof ChainReadError) throw error;
    throw new ChainReadError(`could not read ${what} from the RPC: ${error instanceof Error ? error.message : String(error)}`, error);
  } finally {
    clearTimeout(timer);
  }
}
