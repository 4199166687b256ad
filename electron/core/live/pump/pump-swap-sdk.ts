import { createRequire } from 'node:module';

/**
 * @pump-fun/pump-swap-sdk through its CommonJS build, like pump-sdk (../../feeds/pump-sdk.ts):
 * pump-sdk's CJS build requires this same CJS copy, so both SDKs share one set of module
 * instances (one @solana/web3.js PublicKey, one anchor) instead of mixing ESM and CJS copies.
 */
const require = createRequire(import.meta.url);

export const pumpSwapSdk = require('@pump-fun/pump-swap-sdk') as typeof import('@pump-fun/pump-swap-sdk');
