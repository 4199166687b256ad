import type { Fence } from '../traders/trader.js';

/** The fence columns intents and sells share. */
export interface FenceColumns {
  signature: string | null;
  signed_bytes: Buffer | null;
  blockhash: string | null;
  last_valid_block_height: number | null;
}

/** The fence a row holds; a signature alone (a trader's answer, no fence) is not one. */
export function fenceOfRow(row: FenceColumns): Fence | undefined {
  if (row.signature === null || row.blockhash === null || row.last_valid_block_height === null) return undefined;
  return {
    signature: row.signature,
    blockhash: row.blockhash,
    lastValidBlockHeight: row.last_valid_block_height,
    ...(row.signed_bytes ? { signedBytes: row.signed_bytes.toString('base64') } : {}),
  };
}

/** The fence as the named parameters of the statements that record it. */
export function fenceParams(fence: Fence): { signature: string; signedBytes: Buffer | null; blockhash: string; lastValidBlockHeight: number } {
  return {
    signature: fence.signature,
    signedBytes: fence.signedBytes ? Buffer.from(fence.signedBytes, 'base64') : null,
    blockhash: fence.blockhash,
    lastValidBlockHeight: fence.lastValidBlockHeight,
  };
}
