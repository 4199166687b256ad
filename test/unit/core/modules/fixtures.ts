import bs58 from 'bs58';
import { buySignalSchema, type BuySignal, type BuySignalInput, type FilterResult } from '../../../../shared/domain.js';
import { isSolanaAddress } from '../../../../shared/mint.js';
import type { ModuleSettings } from '../../../../shared/settings.js';

/** A real-looking base58 address from fixed bytes, different for each n. */
export function address(n: number): string {
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = (n * 131 + i * 29 + ((n >>> 8) * 7) + ((n >>> 16) * 13) + 17) & 0xff;
  bytes[0] = (n & 0x7f) + 1;
  bytes[1] = (n >>> 7) & 0xff;
  bytes[2] = (n >>> 15) & 0xff;
  return bs58.encode(bytes);
}

/** A mint ending in "pump", like pump.fun's vanity mints. */
export function pumpMint(n: number): string {
  for (let k = n * 1000; ; k++) {
    const text = address(k).slice(0, -4) + 'pump';
    if (isSolanaAddress(text)) return text;
  }
}

export function moduleSettings(filters: Record<string, unknown> = {}, solAmount = 0.1): ModuleSettings {
  return { enabled: true, solAmount, dailyBudgetSol: 5, requireApproval: false, filters, exits: { takeProfitPct: 0, stopLossPct: 0, trailingStopPct: 0, maxHoldMinutes: 0 } };
}

/** Every signal must satisfy the contract the coordinator parses with. */
export function parsed(signals: BuySignalInput[]): BuySignal[] {
  return signals.map((s) => buySignalSchema.parse(s));
}

export function only(signals: BuySignalInput[]): BuySignal {
  const all = parsed(signals);
  if (all.length !== 1) throw new Error(`expected exactly one signal, got ${all.length}`);
  return all[0] as BuySignal;
}

export function filterNamed(signal: BuySignal, name: string): FilterResult {
  const found = signal.filters.find((f) => f.filter === name);
  if (found === undefined) throw new Error(`no filter "${name}" in ${signal.filters.map((f) => f.filter).join(', ')}`);
  return found;
}

export function failedFilters(signal: BuySignal): string[] {
  return signal.filters.filter((f) => !f.passed).map((f) => f.filter);
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/**
 * Many distinct addresses, fast (bs58.encode costs ~30 µs a call on a loaded machine). Any
 * 44-character base58 text whose first digit is '2'..'H' decodes to exactly 32 bytes
 * (58^43 > 2^248 and 17 x 58^43 < 2^256), so the digits of n are written into a fixed one.
 */
export function bulkAddress(n: number): string {
  let digits = '';
  for (let rest = n; digits.length < 8; rest = Math.floor(rest / 58)) digits = (BASE58[rest % 58] as string) + digits;
  return `9mPkw5vZq3xTy7Rg2NcLfHs4DbJe6WaU${digits}pump`;
}
