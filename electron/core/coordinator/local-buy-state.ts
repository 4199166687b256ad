/**
 * What this process knows without touching a file: the fast path of every check. The
 * cross-instance claim re-checks everything under the file lock, so this may lag other
 * instances but never lets a duplicate through.
 */
export class LocalBuyState {
  /** mint -> attemptId of the buy this process is running now. */
  readonly inFlight = new Map<string, string>();
  /** Mints whose buy by this process (or adopted from a dead one) has an unknown outcome. */
  readonly unknown = new Set<string>();
  /** Set when a store file is unreadable or a write failed: all buying is refused. */
  storeProblem: string | undefined;
}
