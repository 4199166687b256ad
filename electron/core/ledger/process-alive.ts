/**
 * Whether a process with this pid runs on this host now. Signal 0 checks without sending
 * anything; EPERM means it runs under another user. A pid can be reused by an unrelated
 * process, so "runs" proves nothing about who; only "does not run" is a fact.
 */
export function pidRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
