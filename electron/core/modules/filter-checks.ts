import type { FilterResult } from '../../../shared/domain.js';

/** "7xKX…3f": enough of an address to recognise it in a sentence. */
export function shortAddress(address: string): string {
  return address.length <= 8 ? address : `${address.slice(0, 4)}…${address.slice(-2)}`;
}

/**
 * Measured SOL amounts: "12.5 SOL", "12.0 SOL", "0.125 SOL". Never rounded to one decimal
 * when that would lie: 4.99 must not read "5.0 SOL < min 5 SOL".
 */
export function formatSol(value: number): string {
  const text = Number.isInteger(value * 10) ? value.toFixed(1) : String(Number(value.toPrecision(6)));
  return `${text} SOL`;
}

// Built once: toLocaleString with options constructs a formatter per call (~50 µs), too slow
// for a module that may describe thousands of tokens a minute.
const usdFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const pctFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, useGrouping: false });

export function formatUsd(value: number): string {
  return `$${usdFormat.format(value)}`;
}

export function formatPct(value: number): string {
  return `${value >= 0 ? '+' : ''}${pctFormat.format(value)}%`;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Thresholds are shown as the trader typed them ("min 30 SOL"), not re-rounded. */
export function solLimit(value: number): string {
  return `${value} SOL`;
}

export function check(filter: string, passed: boolean, detail: string): FilterResult {
  return { filter, passed, detail: detail.slice(0, 300) };
}

export interface RangeCheck {
  filter: string;
  /** What is measured, for "market cap unknown". */
  label: string;
  value: number | undefined;
  /** `null` = no lower bound. */
  min: number | null;
  /** `null` = no upper bound. */
  max: number | null;
  format: (value: number) => string;
  /** How a threshold is written; defaults to `format`. */
  formatLimit?: (value: number) => string;
}

/** For amounts that cannot be negative, a minimum of 0 is no bound at all. */
export function minOrNone(min: number): number | null {
  return min > 0 ? min : null;
}

/**
 * One filter over a [min, max] range. A missing value fails only when a bound is set: we
 * cannot claim a token passed a threshold we could not measure.
 */
export function rangeCheck({ filter, label, value, min, max, format, formatLimit = format }: RangeCheck): FilterResult {
  const bounded = min !== null || max !== null;
  const bounds = [min !== null ? `min ${formatLimit(min)}` : '', max !== null ? `max ${formatLimit(max)}` : '']
    .filter(Boolean)
    .join(', ');
  if (value === undefined) {
    return bounded ? check(filter, false, `${label} unknown (${bounds})`) : check(filter, true, `${label} unknown, no bound set`);
  }
  if (min !== null && value < min) return check(filter, false, `${format(value)} < min ${formatLimit(min)}`);
  if (max !== null && value > max) return check(filter, false, `${format(value)} > max ${formatLimit(max)}`);
  return check(filter, true, bounded ? `${format(value)} within ${bounds}` : `${format(value)}, no bound set`);
}

/** Signal symbols are capped at 32 characters by the contract; feeds allow 64. */
export function signalSymbol(symbol: string | undefined): string {
  return (symbol ?? '').slice(0, 32);
}
