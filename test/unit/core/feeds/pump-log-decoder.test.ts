import { Keypair, PublicKey } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { decodePumpLogs } from '../../../../electron/core/feeds/pump-log-decoder.js';
import { feedEventSchema } from '../../../../shared/feed-events.js';
import {
  completeEventLine,
  createEventLine,
  pumpInvocation,
  tradeEventLine,
} from '../../../support/feeds/pump-event-encoder.js';
import { Rng } from '../../../../electron/core/time/rng.js';
import { pumpSdk } from '../../../../electron/core/feeds/pump-sdk.js';

const key = () => Keypair.generate().publicKey;

describe('decodePumpLogs', () => {
  it('decodes create, trade and complete events encoded with the pump IDL', () => {
    const [mint, creator, trader] = [key(), key(), key()];
    const logs = pumpInvocation(
      createEventLine({ mint, creator, name: 'Dog', symbol: 'DOG', vSol: 30, vTokens: 1_073_000_000 }),
      tradeEventLine({ mint, user: trader, isBuy: false, sol: 0.25, tokens: 8_000_000, vSol: 40, vTokens: 800_000_000 }),
      completeEventLine(mint, trader),
    );
    const { events, bad } = decodePumpLogs(logs, 123, 'sig');
    expect(bad).toBe(0);
    expect(events.map((e) => feedEventSchema.parse(e).kind)).toEqual(['launch', 'trade', 'migration']);
    expect(events[0]).toMatchObject({
      kind: 'launch', platform: 'pump.fun', mint: mint.toBase58(), creator: creator.toBase58(), symbol: 'DOG',
      vSol: 30, vTokens: 1_073_000_000, at: 123, signature: 'sig',
    });
    expect(events[0]?.['marketCapSol']).toBeCloseTo(27.96, 2);
    expect(events[1]).toMatchObject({
      kind: 'trade', side: 'sell', wallet: trader.toBase58(), solAmount: 0.25, tokenAmount: 8_000_000, marketCapSol: 50,
    });
    expect(events[2]).toMatchObject({ kind: 'migration', mint: mint.toBase58() });
  });

  it("attaches the creator's initial buy in the create transaction to the launch, like PumpPortal's create frame", () => {
    const [mint, creator, other] = [key(), key(), key()];
    const pump = pumpSdk.PUMP_PROGRAM_ID.toBase58();
    const ata = 'ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL';
    const token = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
    // pump.fun's create then buy, two top-level instructions, as a create transaction logs them.
    const tokensOut = (1_073_000_000 * 1.5) / 31.5;
    const logs = [
      `Program ${pump} invoke [1]`,
      'Program log: Instruction: Create',
      `Program ${token} invoke [2]`,
      `Program ${token} success`,
      createEventLine({ mint, creator, vSol: 30, vTokens: 1_073_000_000 }),
      `Program ${pump} success`,
      `Program ${ata} invoke [1]`,
      `Program ${ata} success`,
      `Program ${pump} invoke [1]`,
      'Program log: Instruction: Buy',
      tradeEventLine({ mint: other, user: creator, isBuy: true, sol: 9, tokens: 1 }),
      tradeEventLine({ mint, user: creator, isBuy: true, sol: 1.5, tokens: tokensOut, vSol: 31.5, vTokens: 1_073_000_000 - tokensOut }),
      `Program ${pump} success`,
    ];
    const { events, bad } = decodePumpLogs(logs, 7, 'create-sig');
    expect(bad).toBe(0);
    expect(events.map((e) => e['kind'])).toEqual(['launch', 'trade', 'trade']);
    const launch = feedEventSchema.parse(events[0]);
    expect(launch).toMatchObject({ kind: 'launch', initialBuySol: 1.5, vSol: 31.5 });
    if (launch.kind !== 'launch') return;
    expect(launch.vTokens).toBeCloseTo(1_073_000_000 - tokensOut, 0);
    // The market cap after the buy, as PumpPortal reports it on the create (31.5 / 1 021 904 762 × 1e9).
    expect(launch.marketCapSol).toBeCloseTo(30.82, 2);
  });

  it('leaves a launch without a buy in its transaction without initialBuySol', () => {
    const [mint, creator] = [key(), key()];
    const logs = pumpInvocation(
      createEventLine({ mint, creator }),
      tradeEventLine({ mint, user: creator, isBuy: false, sol: 1, tokens: 1 }),
    );
    const launch = decodePumpLogs(logs, 1, undefined).events[0];
    expect(launch).toMatchObject({ kind: 'launch', vSol: 30 });
    expect(launch).not.toHaveProperty('initialBuySol');
  });

  it('ignores event lines of other programs and coins not quoted in SOL', () => {
    const [mint, creator] = [key(), key()];
    const other = key().toBase58();
    const usdc = new PublicKey('EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v');
    const logs = [
      ...pumpInvocation(createEventLine({ mint, creator, quoteMint: usdc })),
      `Program ${other} invoke [1]`,
      createEventLine({ mint, creator }),
      `Program ${other} success`,
    ];
    expect(decodePumpLogs(logs, 1, undefined)).toEqual({ events: [], bad: 0 });
  });

  it('counts garbage lines and corrupt event data as bad', () => {
    const [mint, creator] = [key(), key()];
    const good = createEventLine({ mint, creator });
    const truncated = good.slice(0, 60);
    const logs = pumpInvocation(
      'Program data: !!!not-base64!!!',
      'Program data: AAAA',
      'Program data: ' + Buffer.alloc(40, 7).toString('base64'),
      truncated,
      good,
    );
    logs.push('random garbage');
    const { events, bad } = decodePumpLogs(logs, 1, undefined);
    expect(events).toHaveLength(1);
    expect(bad).toBe(5);
  });

  it('never throws on thousands of random log arrays', () => {
    const rng = new Rng(99);
    const good = createEventLine({ mint: key(), creator: key() });
    for (let i = 0; i < 3_000; i++) {
      const lines = Array.from({ length: rng.int(0, 6) }, () => {
        switch (rng.int(0, 4)) {
          case 0:
            return Buffer.from(rng.bytes(rng.int(0, 80))).toString('latin1');
          case 1:
            return 'Program data: ' + Buffer.from(rng.bytes(rng.int(0, 200))).toString('base64');
          case 2: {
            const cut = rng.int(14, good.length);
            return good.slice(0, cut);
          }
          default:
            return 'Program data: ' + good.slice(14, rng.int(20, good.length)) + 'A'.repeat(rng.int(0, 4));
        }
      });
      const { events } = decodePumpLogs(pumpInvocation(...lines), 1, undefined);
      for (const event of events) feedEventSchema.parse(event);
    }
  });
});
