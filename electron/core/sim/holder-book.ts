import type { Rng } from '../time/rng.js';

/** Who holds how many tokens of one mint, with O(1) random pick for the next seller. */
export class HolderBook {
  private wallets: string[] = [];
  private index = new Map<string, number>();
  private amounts = new Map<string, number>();

  get size(): number {
    return this.wallets.length;
  }

  has(wallet: string): boolean {
    return this.amounts.has(wallet);
  }

  tokensOf(wallet: string): number {
    return this.amounts.get(wallet) ?? 0;
  }

  add(wallet: string, tokens: number): void {
    const held = this.amounts.get(wallet);
    if (held === undefined) {
      this.index.set(wallet, this.wallets.length);
      this.wallets.push(wallet);
    }
    this.amounts.set(wallet, (held ?? 0) + tokens);
  }

  remove(wallet: string, tokens: number): void {
    const left = this.tokensOf(wallet) - tokens;
    if (left > 1e-6) {
      this.amounts.set(wallet, left);
      return;
    }
    const i = this.index.get(wallet);
    if (i === undefined) return;
    const last = this.wallets.pop() as string;
    if (last !== wallet) {
      this.wallets[i] = last;
      this.index.set(last, i);
    }
    this.index.delete(wallet);
    this.amounts.delete(wallet);
  }

  pick(rng: Rng): string | undefined {
    if (this.wallets.length === 0) return undefined;
    return this.wallets[rng.int(0, this.wallets.length)];
  }
}
