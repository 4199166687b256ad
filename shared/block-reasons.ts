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
] as const;
export type BlockReasonCode = (typeof blockReasonCodes)[number];

export const limitNames = ['max-sol-per-buy', 'module-daily-budget', 'daily-spend-cap', 'max-concurrent-buys'] as const;
export type LimitName = (typeof limitNames)[number];

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
    default:
      return assertNever(reason);
  }
}

export { assertNever };
