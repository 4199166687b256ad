import { Keypair } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { defaultRunOptions, type RunOptions } from '../../../electron/core/runtime/run-options.js';
import { StartRefusedError } from '../../../electron/core/runtime/start-refused.js';
import { ManualClock } from '../../../electron/core/time/clock.js';
import { KeypairWallet } from '../../../electron/core/wallet/keypair-wallet.js';
import { WalletUnlockError } from '../../../electron/core/wallet/secret-box.js';
import { prepareDesktopLive, typedConfirmation, type DesktopLiveStartDeps } from '../../../electron/host/desktop-live-start.js';
import { TRADE_LIVE } from '../../../electron/host/live-start-dialog.js';
import type { PassphraseRequest } from '../../../electron/host/passphrase-prompt.js';
import { tempDataDir } from '../../support/engine-fixture.js';
import { throwawayWalletFile } from '../../support/wallet-file.js';

function liveRun(live: Partial<NonNullable<RunOptions['live']>>): RunOptions {
  return { ...defaultRunOptions(tempDataDir()), mode: 'live', live: { rpcUrl: 'http://127.0.0.1:8899/?api-key=secret', ...live } };
}

function fakeDeps(over: Partial<DesktopLiveStartDeps> = {}) {
  const asked: PassphraseRequest[] = [];
  const boxes: { message: string; detail: string }[] = [];
  const notices: string[] = [];
  const deps: DesktopLiveStartDeps = {
    clock: new ManualClock(),
    openStoredWallet: async () => null,
    ask: async (request) => {
      asked.push(request);
      return null;
    },
    confirmBox: async (options) => {
      boxes.push(options);
      return TRADE_LIVE;
    },
    notice: (m) => notices.push(m),
    ...over,
  };
  return { deps, asked, boxes, notices };
}

describe('the desktop live start', () => {
  it('--wallet FILE with --confirm-live naming it: one native box, default Quit, showing the wallet and only the RPC host', async () => {
    const file = throwawayWalletFile();
    const { deps, boxes } = fakeDeps();
    const setup = await prepareDesktopLive(liveRun({ walletFile: file.file, confirm: file.publicKey.slice(0, 8) }), deps);
    expect(setup?.wallet.publicKey.toBase58()).toBe(file.publicKey);
    expect(setup?.keptBy).toBe('file');
    expect(boxes).toHaveLength(1);
    expect(boxes[0]).toMatchObject({ message: 'Trade with real SOL?', defaultId: 0, cancelId: 0, buttons: ['Quit', 'Trade live'] });
    expect(boxes[0]!.detail).toContain(file.publicKey);
    expect(boxes[0]!.detail).toContain('127.0.0.1:8899');
    expect(boxes[0]!.detail).not.toContain('api-key');
    setup?.close();
  });

  it('Quit in that box: nothing opened, the key zeroed', async () => {
    const file = throwawayWalletFile();
    const { deps } = fakeDeps({ confirmBox: async () => 0 });
    expect(await prepareDesktopLive(liveRun({ walletFile: file.file, confirm: file.publicKey }), deps)).toBeNull();
  });

  it('--confirm-live naming another wallet is refused with what to type; the box is never shown', async () => {
    const file = throwawayWalletFile();
    const { deps, boxes } = fakeDeps();
    await expect(prepareDesktopLive(liveRun({ walletFile: file.file, confirm: '11111111' }), deps)).rejects.toThrow(
      `add --confirm-live ${file.publicKey.slice(0, 8)}`,
    );
    expect(boxes).toEqual([]);
  });

  it('without --confirm-live the confirmation is typed in a window, in a visible field, and checked against the wallet', async () => {
    const file = throwawayWalletFile();
    const { deps, asked } = fakeDeps({ ask: async (request) => (asked.push(request), file.publicKey.slice(0, 8)) });
    const setup = await prepareDesktopLive(liveRun({ walletFile: file.file }), deps);
    expect(setup).not.toBeNull();
    const request = asked[0]!;
    expect(request.typed).toEqual({ label: "The wallet's public key, or its first 8 characters", submit: 'Trade live' });
    expect(request.message).toContain(file.publicKey);
    expect(await request.check!(file.publicKey.slice(0, 8))).toBeNull();
    expect(await request.check!(file.publicKey)).toBeNull();
    expect(await request.check!('yes')).toBe(`That does not name this wallet: type ${file.publicKey.slice(0, 8)} (or the whole key), or Cancel.`);
    expect(await request.check!(file.publicKey.slice(0, 8).toLowerCase())).not.toBeNull();
    setup?.close();
  });

  it('cancelling the typed confirmation starts nothing', async () => {
    const file = throwawayWalletFile();
    const { deps } = fakeDeps();
    expect(await prepareDesktopLive(liveRun({ walletFile: file.file }), deps)).toBeNull();
  });

  it('without --wallet: the stored wallet, its notices shown; an unlock failure is a refusal saying why', async () => {
    const stored = new KeypairWallet(Uint8Array.from(Keypair.generate().secretKey));
    const { deps, notices } = fakeDeps({
      openStoredWallet: async () => ({ wallet: stored, keptBy: 'passphrase', notices: ['the wallet file was re-encrypted'] }),
      ask: async () => stored.publicKey.toBase58(),
    });
    const setup = await prepareDesktopLive(liveRun({}), deps);
    expect(setup?.keptBy).toBe('passphrase');
    expect(notices).toEqual(['the wallet file was re-encrypted']);
    setup?.close();
    expect(stored.disposed).toBe(true);

    const failing = fakeDeps({
      openStoredWallet: async () => {
        throw new WalletUnlockError('the system keychain could not open the wallet');
      },
    });
    await expect(prepareDesktopLive(liveRun({}), failing.deps)).rejects.toThrow(StartRefusedError);
    await expect(prepareDesktopLive(liveRun({}), failing.deps)).rejects.toThrow('the live wallet: the system keychain could not open the wallet');
  });

  it('the typed-confirmation window names the host of the RPC node, never its key-bearing URL', () => {
    const request = typedConfirmation('4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T', '/data/live', 'https://rpc.example.com/v1/?api-key=abc');
    expect(request.message).toContain('rpc.example.com');
    expect(request.message).not.toContain('abc');
  });
});
