import fs from 'node:fs';
import path from 'node:path';
import { Keypair } from '@solana/web3.js';
import { tempDataDir } from './engine-fixture.js';

/** A throwaway solana-keygen JSON key file, mode 0600, in a temp dir: never a real key, never committed. */
export function throwawayWalletFile(mode = 0o600): { file: string; publicKey: string; keypair: Keypair } {
  const keypair = Keypair.generate();
  const file = path.join(tempDataDir('wallet'), 'trader.json');
  fs.writeFileSync(file, JSON.stringify(Array.from(keypair.secretKey)), { mode });
  fs.chmodSync(file, mode);
  return { file, publicKey: keypair.publicKey.toBase58(), keypair };
}
