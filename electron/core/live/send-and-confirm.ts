import type { Clock } from '../time/clock.js';
import { classifySendError, describeTransactionError, type ProgramErrorNamer } from './rpc-errors.js';
import type { SendOptions } from './solana-rpc.js';
import type { SignatureStatus, TransactionReply } from './solana-rpc-schemas.js';

/** The calls the state machine makes (SolanaRpc has them; tests may wrap it). */
export interface ConfirmRpc {
  sendTransaction(base64: string, options: SendOptions): Promise<string>;
  getSignatureStatuses(signatures: string[], options: { searchTransactionHistory: boolean }): Promise<(SignatureStatus | null)[]>;
  getBlockHeight(): Promise<number>;
  getTransaction(signature: string): Promise<TransactionReply | null>;
}

/** Wakes the loop early when a subscription hears the signature (optional: polling alone is enough). */
export interface SignatureWatch {
  /** Resolves when the node says the signature is confirmed; never rejects. */
  readonly heard: Promise<void>;
  close(): void;
}

export interface SignedTransaction {
  signature: string;
  /** The signed bytes, base64: the only thing ever sent, first and on every re-send. */
  signedBytes: string;
  lastValidBlockHeight: number;
}

export interface ConfirmTiming {
  /** Between two status reads (default 400 ms, a slot). */
  pollIntervalMs?: number;
  /** Between two re-sends of the same bytes (default 2 s). */
  resendIntervalMs?: number;
  /**
   * Between two block-height reads (default 2 s, ~5 blocks): expiry is noticed at most that
   * late, and a pending buy costs a status read per poll plus a height read per 2 s.
   */
  heightIntervalMs?: number;
  /**
   * With no verdict by then, the outcome is unknown (default 90 s: a blockhash lives ~150
   * blocks, about 60-80 s, so a working RPC settles every transaction well before this).
   */
  deadlineMs?: number;
}

export interface ConfirmStats {
  sends: number;
  statusReads: number;
  heightReads: number;
  rpcErrors: number;
  elapsedMs: number;
}

export type ConfirmOutcome =
  /** Landed with meta.err null. */
  | { kind: 'landed'; transaction: TransactionReply; stats: ConfirmStats }
  /** Cannot have bought: refused in preflight, landed with an error, or expired with no status. */
  | { kind: 'failed'; reason: string; landed: boolean; stats: ConfirmStats }
  /** No evidence either way (RPC errors, the deadline): only a later reconcile can say. */
  | { kind: 'unknown'; reason: string; stats: ConfirmStats };

export interface SendAndConfirmOptions extends ConfirmTiming {
  rpc: ConfirmRpc;
  clock: Clock;
  /** Names the custom program errors of the transaction's instructions. */
  namer?: ProgramErrorNamer;
  watch?: (signature: string) => SignatureWatch;
}

/**
 * The life of ONE signed transaction. First send with preflight (a refusal there is proof it
 * was never forwarded); then, until a verdict: read the signature's status, read the block
 * height, and re-send THE SAME BYTES without preflight every few seconds (the node was told
 * maxRetries 0, so re-sending is ours to do). It never rebuilds nor re-signs: a rebuilt buy
 * is a second transaction that can land beside the first.
 *
 * Verdicts: a confirmed status → the transaction's meta decides (err null = landed, else
 * failed with the program's error named). The chain past lastValidBlockHeight → one last
 * status read searching the history: nothing = failed, "expired, never landed". RPC errors
 * throughout, or the deadline = unknown: failure is only ever said on evidence.
 */
export async function sendAndConfirm(signed: SignedTransaction, options: SendAndConfirmOptions): Promise<ConfirmOutcome> {
  const { rpc, clock, namer } = options;
  const pollMs = options.pollIntervalMs ?? 400;
  const resendMs = options.resendIntervalMs ?? 2_000;
  const deadlineMs = options.deadlineMs ?? 90_000;
  const heightMs = options.heightIntervalMs ?? 2_000;
  let lastHeightAt = -Infinity;
  const start = clock.now();
  const counts = { sends: 0, statusReads: 0, heightReads: 0, rpcErrors: 0 };
  const stats = (): ConfirmStats => ({ ...counts, elapsedMs: clock.now() - start });
  let lastProblem: string | undefined;
  const noted = (error: unknown) => {
    counts.rpcErrors += 1;
    lastProblem = error instanceof Error ? error.message : String(error);
  };
  const watch = options.watch?.(signed.signature);
  // Heard once, the subscription has said all it can; later sleeps are plain polls again.
  let wake = watch?.heard;

  try {
    counts.sends += 1;
    try {
      await rpc.sendTransaction(signed.signedBytes, { skipPreflight: false });
    } catch (error) {
      const verdict = classifySendError(error, namer);
      switch (verdict.kind) {
        case 'refused':
          return { kind: 'failed', reason: verdict.reason, landed: false, stats: stats() };
        case 'already-processed':
          lastProblem = 'the node said it was already processed; waiting for its status';
          break;
        case 'unknown':
          counts.rpcErrors += 1;
          lastProblem = `first send: ${verdict.reason}`;
          break;
        default: {
          const never: never = verdict;
          throw new Error(`unhandled verdict ${JSON.stringify(never)}`);
        }
      }
    }
    let lastSend = clock.now();

    for (;;) {
      if (clock.now() - start >= deadlineMs) {
        return { kind: 'unknown', reason: `no verdict within ${Math.round(deadlineMs / 1_000)} s${lastProblem ? `: ${lastProblem}` : ''}`, stats: stats() };
      }
      if (await sleep(clock, pollMs, wake)) wake = undefined;

      let status: SignatureStatus | null | undefined;
      try {
        counts.statusReads += 1;
        [status] = await rpc.getSignatureStatuses([signed.signature], { searchTransactionHistory: false });
      } catch (error) {
        noted(error);
      }
      if (status && isConfirmed(status)) {
        const verdict = await readLanded(rpc, signed.signature, namer, noted);
        if (verdict) return { ...verdict, stats: stats() } as ConfirmOutcome;
        continue;
      }

      let height: number | undefined;
      if (clock.now() - lastHeightAt >= heightMs) {
        lastHeightAt = clock.now();
        counts.heightReads += 1;
        try {
          height = await rpc.getBlockHeight();
        } catch (error) {
          noted(error);
        }
      }
      if (height !== undefined && height > signed.lastValidBlockHeight) {
        // It can no longer land. Did it, before? The status cache may have moved on: search the history.
        let final: SignatureStatus | null | undefined;
        try {
          counts.statusReads += 1;
          [final] = await rpc.getSignatureStatuses([signed.signature], { searchTransactionHistory: true });
        } catch (error) {
          noted(error);
          continue;
        }
        if (final === null || final === undefined) {
          return {
            kind: 'failed',
            reason: `expired, never landed: the chain is at block ${height}, past the transaction's last valid block ${signed.lastValidBlockHeight}, and no status was found`,
            landed: false,
            stats: stats(),
          };
        }
        if (isConfirmed(final)) {
          const verdict = await readLanded(rpc, signed.signature, namer, noted);
          if (verdict) return { ...verdict, stats: stats() } as ConfirmOutcome;
        }
        continue;
      }

      if (clock.now() - lastSend >= resendMs) {
        lastSend = clock.now();
        counts.sends += 1;
        try {
          await rpc.sendTransaction(signed.signedBytes, { skipPreflight: true });
        } catch (error) {
          // A failed re-send changes nothing: the status and the block height decide.
          noted(error);
        }
      }
    }
  } finally {
    watch?.close();
  }
}

function isConfirmed(status: SignatureStatus): boolean {
  return status.confirmationStatus === 'confirmed' || status.confirmationStatus === 'finalized' || (status.confirmationStatus == null && status.confirmations === null);
}

/** The landed transaction's meta decides; undefined while the node does not serve it yet. */
async function readLanded(
  rpc: ConfirmRpc,
  signature: string,
  namer: ProgramErrorNamer | undefined,
  noted: (error: unknown) => void,
): Promise<{ kind: 'landed'; transaction: TransactionReply } | { kind: 'failed'; reason: string; landed: true } | undefined> {
  let transaction: TransactionReply | null;
  try {
    transaction = await rpc.getTransaction(signature);
  } catch (error) {
    noted(error);
    return undefined;
  }
  if (!transaction?.meta) {
    noted(new Error('the status says it landed, but the node does not serve the transaction yet'));
    return undefined;
  }
  if (transaction.meta.err === null) return { kind: 'landed', transaction };
  return { kind: 'failed', reason: `landed with an error: ${describeTransactionError(transaction.meta.err, namer, transaction.meta.logMessages ?? [])}`, landed: true };
}

/** Waits `ms` on the injected clock, or less when the subscription hears the signature (then true). */
function sleep(clock: Clock, ms: number, heard: Promise<void> | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = clock.setTimeout(() => resolve(false), ms);
    void heard?.then(() => {
      clock.clearTimeout(timer);
      resolve(true);
    });
  });
}
