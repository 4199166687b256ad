import { z } from 'zod';
import { addressSchema } from '../../../shared/mint.js';
import { limitsSchema, type Limits } from '../../../shared/settings.js';

/** The rules that move money, shared by every instance on a data dir through the ledger. */
export interface Rules {
  revision: number;
  killSwitch: boolean;
  limits: Limits;
  blocklist: string[];
}

export const rulesChangeSchema = z.object({
  killSwitch: z.boolean(),
  limits: limitsSchema,
  blocklist: z.array(addressSchema).max(10_000),
});

/** A write made against a view of the settings that another change has since replaced. */
export class StaleRevisionError extends Error {
  override name = 'StaleRevisionError';
  constructor(
    readonly expected: number,
    readonly current: number,
  ) {
    super(
      `settings changed meanwhile (you saw revision ${expected}, it is now ${current}, changed in this or another ` +
        'window or instance): nothing was saved; look at the current settings and make the change again',
    );
  }
}
