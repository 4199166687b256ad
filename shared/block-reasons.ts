import { z } from 'zod';

/**
 * Why the coordinator refused a buy. A closed set: the UI, the audit log and the
 * tests switch over it exhaustively, so a new reason cannot be forgotten anywhere.
 */
export const blockReasonCodes = [
  'already-bought',
  'in-flight-here',
  'in-flight-elsewhere',
  'unknown-outcome',
  'module-off',
  'kill-switch',
  'blocklisted',
  'limit-reached',
  'approval-required',
  'filter-failed',
  'store-unavailable',
  'balance-unknown',
] as const;
export type BlockReasonCode = (typeof blockReasonCodes)[number];

export const limitNames = [
  'max-sol-per-buy',
  'module-daily-budget',
  'daily-spend-cap',
  'max-concurrent-buys',
  'max-sol-per-hour',
  'max-open-positions',
  'sol-reserve',
] as const;
export type LimitName = (typeof limitNames)[number];

/** What each limit refuses, in the trader's words (the console's help text and the README say the same). */
export const limitDescriptions: Record<LimitName, string> = {
  'max-sol-per-buy': 'A buy whose most it can cost (the amount plus slippage and fees, live) is above "max SOL per buy" is refused.',
  'module-daily-budget': "A buy that would take the module's spend in the last 24 hours (open buys at their most) past its daily budget is refused.",
  'daily-spend-cap': 'A buy that would take the spend of all modules in the last 24 hours (open buys at their most) past the daily cap is refused.',
  'max-concurrent-buys': 'A buy is refused while that many buys are already in flight in all instances.',
  'max-sol-per-hour': 'A buy that would take the spend of all modules in the last hour (open buys at their most) past the hourly cap is refused.',
  'max-open-positions': 'A buy is refused while that many positions are open or being bought.',
  'sol-reserve': "A live buy is refused when the wallet's balance, less what open buys may still take and this buy's most, would go below the reserve.",
};

export const blockReasonSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('already-bought') }),
  z.object({ code: z.literal('in-flight-here') }),
  z.object({ code: z.literal('in-flight-elsewhere'), instanceId: z.string() }),
  z.object({ code: z.literal('unknown-outcome') }),
  z.object({ code: z.literal('module-off') }),
  z.object({ code: z.literal('kill-switch') }),
  z.object({ code: z.literal('blocklisted') }),
  z.object({ code: z.literal('limit-reached'), limit: z.enum(limitNames), detail: z.string() }),
  z.object({ code: z.literal('approval-required') }),
  z.object({ code: z.literal('filter-failed'), filter: z.string(), detail: z.string() }),
  z.object({ code: z.literal('store-unavailable'), detail: z.string() }),
  z.object({ code: z.literal('balance-unknown'), detail: z.string() }),
]);
export type BlockReason = z.infer<typeof blockReasonSchema>;

function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}

/** The sentence a trader reads next to a blocked attempt. */
export function describeBlockReason(reason: BlockReason): string {
  switch (reason.code) {
    case 'already-bought':
      return 'Already bought: this token is in the purchase history.';
    case 'in-flight-here':
      return 'A buy of this token is already in flight in this app.';
    case 'in-flight-elsewhere':
      return `A buy of this token is in flight in another instance (${reason.instanceId}).`;
    case 'unknown-outcome':
      return 'An earlier buy of this token has an unknown outcome; it stays blocked until reconciled.';
    case 'module-off':
      return 'The module that sent this signal is switched off.';
    case 'kill-switch':
      return 'The kill switch is on: all buying is stopped.';
    case 'blocklisted':
      return 'This token or its creator is on the blocklist.';
    case 'limit-reached':
      return `Limit reached (${reason.limit}): ${reason.detail}.`;
    case 'approval-required':
      return 'This module needs your approval before it buys.';
    case 'filter-failed':
      return `Filter "${reason.filter}" failed: ${reason.detail}.`;
    case 'store-unavailable':
      return `Buying is refused because the ledger cannot be used: ${reason.detail}.`;
    case 'balance-unknown':
      return `Live buying is refused until the wallet's balance is known: ${reason.detail}.`;
    default:
      return assertNever(reason);
  }
}

export { assertNever };
