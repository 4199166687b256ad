import { createRequire } from 'node:module';

/**
 * @pump-fun/pump-sdk loaded through its CommonJS build. Its ESM build imports `BN` as a
 * named export from @coral-xyz/anchor (via @pump-fun/agent-payments-sdk), which Node's ESM
 * loader rejects ("does not provide an export named 'BN'"); the CJS build loads fine.
 */
const require = createRequire(import.meta.url);

export const pumpSdk = require('@pump-fun/pump-sdk') as typeof import('@pump-fun/pump-sdk');
