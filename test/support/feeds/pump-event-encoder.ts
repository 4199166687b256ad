import { createRequire } from 'node:module';
import type { BorshCoder as BorshCoderType } from '@coral-xyz/anchor';
import { BN } from 'bn.js';
import { PublicKey } from '@solana/web3.js';
import { pumpSdk } from '../../../electron/core/feeds/pump-sdk.js';

/**
 * Builds real pump.fun event log lines by ENCODING with the IDL the SDK ships, so tests
 * exercise the production decode path rather than a hand-made byte layout.
 */
const require = createRequire(import.meta.url);
const { BorshCoder } = require('@coral-xyz/anchor') as { BorshCoder: typeof BorshCoderType };
const idl = pumpSdk.pumpIdl;
const coder = new BorshCoder(idl as never);

function dataLine(eventName: string, fields: Record<string, unknown>): string {
  const event = idl.events?.find((e) => e.name === eventName);
  if (!event) throw new Error(`no ${eventName} in the IDL`);
  const body = coder.types.encode(eventName, fields);
  return `Program data: ${Buffer.concat([Buffer.from(event.discriminator), body]).toString('base64')}`;
}

const zeroKey = PublicKey.default;
const lamports = (sol: number) => new BN(Math.round(sol * 1e9).toString());
const units = (tokens: number) => new BN(Math.round(tokens * 1e6).toString());

export interface CreateInput {
  mint: PublicKey;
  creator: PublicKey;
  name?: string;
  symbol?: string;
  uri?: string;
  vSol?: number;
  vTokens?: number;
  quoteMint?: PublicKey;
}

export function createEventLine(input: CreateInput): string {
  return dataLine('CreateEvent', {
    name: input.name ?? 'Test Coin',
    symbol: input.symbol ?? 'TEST',
    uri: input.uri ?? 'https://ipfs.io/ipfs/QmTest',
    mint: input.mint,
    bonding_curve: PublicKey.unique(),
    user: input.creator,
    creator: input.creator,
    timestamp: new BN(1_700_000_000),
    virtual_token_reserves: units(input.vTokens ?? 1_073_000_000),
    virtual_sol_reserves: lamports(input.vSol ?? 30),
    real_token_reserves: units(793_100_000),
    token_total_supply: units(1_000_000_000),
    token_program: PublicKey.unique(),
    is_mayhem_mode: false,
    is_cashback_enabled: false,
    quote_mint: input.quoteMint ?? zeroKey,
    virtual_quote_reserves: new BN(0),
    creator_fee_bps: new BN(0),
    is_holder_reward: false,
  });
}

export interface TradeInput {
  mint: PublicKey;
  user: PublicKey;
  isBuy: boolean;
  sol: number;
  tokens: number;
  vSol?: number;
  vTokens?: number;
}

export function tradeEventLine(input: TradeInput): string {
  return dataLine('TradeEvent', {
    mint: input.mint,
    sol_amount: lamports(input.sol),
    token_amount: units(input.tokens),
    is_buy: input.isBuy,
    user: input.user,
    timestamp: new BN(1_700_000_001),
    virtual_sol_reserves: lamports(input.vSol ?? 31),
    virtual_token_reserves: units(input.vTokens ?? 1_038_000_000),
    real_sol_reserves: lamports(1),
    real_token_reserves: units(758_000_000),
    fee_recipient: PublicKey.unique(),
    fee_basis_points: new BN(95),
    fee: new BN(1000),
    creator: PublicKey.unique(),
    creator_fee_basis_points: new BN(5),
    creator_fee: new BN(10),
    track_volume: true,
    total_unclaimed_tokens: new BN(0),
    total_claimed_tokens: new BN(0),
    current_sol_volume: new BN(0),
    last_update_timestamp: new BN(0),
    ix_name: input.isBuy ? 'buy' : 'sell',
    mayhem_mode: false,
    cashback_fee_basis_points: new BN(0),
    cashback: new BN(0),
    buyback_fee_basis_points: new BN(0),
    buyback_fee: new BN(0),
    shareholders: [],
    quote_mint: zeroKey,
    quote_amount: new BN(0),
    virtual_quote_reserves: new BN(0),
    real_quote_reserves: new BN(0),
    holder_rewards_bps: new BN(0),
    holder_rewards: new BN(0),
  });
}

export function completeEventLine(mint: PublicKey, user: PublicKey): string {
  return dataLine('CompleteEvent', {
    user,
    mint,
    bonding_curve: PublicKey.unique(),
    timestamp: new BN(1_700_000_002),
    quote_mint: zeroKey,
  });
}

/** Wraps event lines the way the runtime logs one pump.fun instruction. */
export function pumpInvocation(...lines: string[]): string[] {
  const pump = pumpSdk.PUMP_PROGRAM_ID.toBase58();
  return [
    `Program ${pump} invoke [1]`,
    'Program log: Instruction: Buy',
    ...lines,
    `Program ${pump} consumed 40000 of 200000 compute units`,
    `Program ${pump} success`,
  ];
}
