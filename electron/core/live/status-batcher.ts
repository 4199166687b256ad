import type { SignatureStatus } from './solana-rpc-schemas.js';

type StatusesFn = (signatures: string[], options: { searchTransactionHistory: boolean }) => Promise<(SignatureStatus | null)[]>;

/** The RPC accepts at most 256 signatures per getSignatureStatuses. */
export const MAX_SIGNATURES_PER_CALL = 256;

interface Waiting {
  signatures: string[];
  resolve: (statuses: (SignatureStatus | null)[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Status reads of every trade confirming at once, asked in one getSignatureStatuses per
 * event-loop turn (per history flag, up to 256 signatures a call) instead of one call per
 * trade per poll: ten buys in the air cost one read per poll, not ten, which matters on a
 * rate-limited node. A failed call fails every read it carried (each trade notes the error
 * and polls again, as it would alone).
 */
export function batchedStatuses(read: StatusesFn): StatusesFn {
  const queues = new Map<boolean, Waiting[]>();
  const flush = (history: boolean) => {
    const waiting = queues.get(history) ?? [];
    queues.delete(history);
    for (let start = 0; start < waiting.length; ) {
      const chunk: Waiting[] = [];
      let count = 0;
      while (start < waiting.length && (chunk.length === 0 || count + waiting[start]!.signatures.length <= MAX_SIGNATURES_PER_CALL)) {
        count += waiting[start]!.signatures.length;
        chunk.push(waiting[start]!);
        start += 1;
      }
      const unique = [...new Set(chunk.flatMap((w) => w.signatures))];
      read(unique, { searchTransactionHistory: history }).then(
        (statuses) => {
          const bySignature = new Map(unique.map((signature, i) => [signature, statuses[i] ?? null]));
          for (const w of chunk) w.resolve(w.signatures.map((s) => bySignature.get(s) ?? null));
        },
        (error: unknown) => {
          for (const w of chunk) w.reject(error);
        },
      );
    }
  };
  return (signatures, options) =>
    new Promise((resolve, reject) => {
      const history = options.searchTransactionHistory;
      let queue = queues.get(history);
      if (!queue) {
        queue = [];
        queues.set(history, queue);
        setImmediate(() => flush(history));
      }
      queue.push({ signatures, resolve, reject });
    });
}
