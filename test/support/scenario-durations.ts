/**
 * How long the multi-process tests freeze and storm. The CI default keeps the suite well
 * inside its budget yet still freezes a process longer than any time-based judgement the
 * engine ever made (the old heartbeat went stale after 10 s; the reconcile loop runs every
 * 10 s): a run in which nothing is taken over after 16 s frozen is one where time plays no
 * part. LAUNCHDESK_LONG_FAULTS=1 runs the lengths the issue names (60 s one instance, 30 s
 * all three) and a longer storm.
 */
const long = process.env.LAUNCHDESK_LONG_FAULTS === '1';

export const scenario = {
  long,
  /** One instance stopped mid-buys while the others go on. */
  freezeOneMs: long ? 60_000 : 16_000,
  /** All instances stopped at once: a laptop's sleep. */
  freezeAllMs: long ? 30_000 : 12_000,
  /** How long a liveness file stays garbled while its owner runs. */
  garbledLivenessMs: long ? 30_000 : 14_000,
  /** Fault points in the storm (SIGKILL with restart, or SIGSTOP then SIGCONT). */
  stormPoints: long ? 300 : 110,
  /** Claim trials with a holder killed inside its transaction. */
  claimTrials: long ? 1_000 : 210,
};
