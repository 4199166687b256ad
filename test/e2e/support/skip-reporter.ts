import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Lists every skipped test by name with its reason at the end of the run, so "skipped"
 * never hides what did not run and why (the list reporter shows the names only).
 */
export default class SkipReporter implements Reporter {
  private readonly skipped: string[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const reason = test.annotations.find((a) => a.type === 'skip' || a.type === 'fixme')?.description ?? 'no reason given';
    this.skipped.push(`  - ${test.titlePath().filter(Boolean).join(' › ')}: ${reason}`);
  }

  onEnd(): void {
    if (this.skipped.length === 0) return;
    process.stdout.write(`\nSkipped (${this.skipped.length}):\n${this.skipped.join('\n')}\n`);
  }

  printsToStdio(): boolean {
    return true;
  }
}
