import { z } from 'zod';

/**
 * The replies of the Solana JSON-RPC methods the live trader uses, as the RPC sends them
 * (https://solana.com/docs/rpc/http). Every reply is parsed before use: a node that answers
 * garbage is an RPC failure (unknown outcome), never a fill or a verdict.
 */

const u64 = z.number().int().nonnegative();

const context = z.object({ slot: u64 }).loose();
export const withContext = <T extends z.ZodType>(value: T) => z.object({ context, value }).loose();

/** A transaction error as the RPC encodes it: "AccountNotFound", {InstructionError: [2, {Custom: 6002}]}, … */
export const transactionErrorSchema = z.union([z.string(), z.record(z.string(), z.unknown())]);
export type TransactionErrorJson = z.infer<typeof transactionErrorSchema>;

export const signatureStatusSchema = z
  .object({
    slot: u64,
    confirmations: u64.nullable(),
    err: transactionErrorSchema.nullable(),
    confirmationStatus: z.enum(['processed', 'confirmed', 'finalized']).nullable().optional(),
  })
  .loose();
export type SignatureStatus = z.infer<typeof signatureStatusSchema>;

export const signatureStatusesSchema = withContext(z.array(signatureStatusSchema.nullable()));

export const latestBlockhashSchema = withContext(z.object({ blockhash: z.string().min(32).max(44), lastValidBlockHeight: u64 }).loose());

export const uiTokenAmountSchema = z
  .object({
    amount: z.string().regex(/^\d+$/),
    decimals: z.number().int().min(0).max(255),
    uiAmount: z.number().nullable().optional(),
    uiAmountString: z.string().optional(),
  })
  .loose();

export const tokenBalanceSchema = z
  .object({
    accountIndex: z.number().int().nonnegative(),
    mint: z.string(),
    owner: z.string().optional(),
    programId: z.string().optional(),
    uiTokenAmount: uiTokenAmountSchema,
  })
  .loose();
export type TokenBalance = z.infer<typeof tokenBalanceSchema>;

export const transactionMetaSchema = z
  .object({
    err: transactionErrorSchema.nullable(),
    fee: u64,
    preBalances: z.array(u64),
    postBalances: z.array(u64),
    preTokenBalances: z.array(tokenBalanceSchema).nullable().optional(),
    postTokenBalances: z.array(tokenBalanceSchema).nullable().optional(),
    logMessages: z.array(z.string()).nullable().optional(),
  })
  .loose();
export type TransactionMeta = z.infer<typeof transactionMetaSchema>;

/** getTransaction: null while the node does not have it (not landed, or not confirmed yet). */
export const transactionReplySchema = z
  .object({
    slot: u64,
    blockTime: z.number().int().nullable().optional(),
    meta: transactionMetaSchema.nullable(),
  })
  .loose()
  .nullable();
export type TransactionReply = NonNullable<z.infer<typeof transactionReplySchema>>;

export const balanceSchema = withContext(u64);

export const tokenAccountsByOwnerSchema = withContext(
  z.array(
    z
      .object({
        pubkey: z.string(),
        account: z
          .object({
            owner: z.string(),
            data: z
              .object({
                parsed: z.object({ info: z.object({ mint: z.string(), owner: z.string(), tokenAmount: uiTokenAmountSchema }).loose() }).loose(),
              })
              .loose(),
          })
          .loose(),
      })
      .loose(),
  ),
);

export const tokenAccountBalanceSchema = withContext(uiTokenAmountSchema);

export const prioritizationFeesSchema = z.array(z.object({ slot: u64, prioritizationFee: u64 }).loose());

/** The JSON-RPC 2.0 envelope: a result or an error object. */
export const envelopeSchema = z
  .object({
    jsonrpc: z.literal('2.0'),
    id: z.union([z.number(), z.string(), z.null()]).optional(),
    result: z.unknown().optional(),
    error: z.object({ code: z.number().int(), message: z.string(), data: z.unknown().optional() }).loose().optional(),
  })
  .loose()
  .refine((reply) => ('result' in reply) !== (reply.error !== undefined), 'exactly one of result and error');
