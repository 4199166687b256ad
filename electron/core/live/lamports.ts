export const LAMPORTS_PER_SOL = 1_000_000_000n;

/** SOL as the settings and orders carry it (a float) to whole lamports, rounded to the nearest. */
export function solToLamports(sol: number): bigint {
  if (!Number.isFinite(sol) || sol < 0) throw new Error(`not an amount of SOL: ${sol}`);
  // Split so 1e9 × sol never leaves the range where a double holds whole numbers exactly.
  const whole = Math.floor(sol);
  return BigInt(whole) * LAMPORTS_PER_SOL + BigInt(Math.round((sol - whole) * 1e9));
}

/** Lamports to SOL for display and the ledger's records (which keep SOL as numbers). */
export function lamportsToSol(lamports: bigint): number {
  const sign = lamports < 0n ? -1 : 1;
  const abs = lamports < 0n ? -lamports : lamports;
  return sign * (Number(abs / LAMPORTS_PER_SOL) + Number(abs % LAMPORTS_PER_SOL) / 1e9);
}

/** Whole tokens to raw units: `tokens` × 10^decimals, rounded down (never more than asked). */
export function tokensToRaw(tokens: number, decimals: number): bigint {
  if (!Number.isFinite(tokens) || tokens < 0) throw new Error(`not an amount of tokens: ${tokens}`);
  const [whole = '0', fraction = ''] = tokens.toFixed(Math.min(decimals, 20)).split('.');
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt((fraction + '0'.repeat(decimals)).slice(0, decimals) || '0');
}

export function rawToTokens(raw: bigint, decimals: number): number {
  const scale = 10n ** BigInt(decimals);
  const sign = raw < 0n ? -1 : 1;
  const abs = raw < 0n ? -raw : raw;
  return sign * (Number(abs / scale) + Number(abs % scale) / Number(scale));
}
