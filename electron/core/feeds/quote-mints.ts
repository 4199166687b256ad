/**
 * Mints the launchpads quote their curves in. PumpPortal sometimes mis-parses a create and
 * names the pool's quote mint as the new token (no name, symbol or uri, default curve
 * figures): such a "launch" must never reach a module, or the sniper buys USDC.
 */
export const QUOTE_MINTS: ReadonlyMap<string, string> = new Map([
  ['So11111111111111111111111111111111111111112', 'wSOL'],
  ['EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v', 'USDC'],
  ['Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB', 'USDT'],
  // bonk.fun also launches USD1-quoted tokens.
  ['USD1ttGY1N17NEEHLmELoaybftRBUSErhqYiQzvEmuB', 'USD1'],
]);

/** The quote token's symbol when `mint` is one, else undefined. */
export function quoteMintSymbol(mint: string): string | undefined {
  return QUOTE_MINTS.get(mint);
}
