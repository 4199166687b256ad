import os from 'node:os';

/** The machine a figure was measured on, printed with every figure. */
export const machine = {
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
  memGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
};

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function summarize(samplesMs: number[]): { n: number; p50Ms: number; p99Ms: number; maxMs: number } {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 1_000) / 1_000;
  return { n: sorted.length, p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)), maxMs: round(sorted[sorted.length - 1] ?? NaN) };
}

export function report(bench: string, figures: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify({ bench, ...figures, machine }) + '\n');
}
