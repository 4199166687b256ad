import { useStore } from 'zustand';
import type { WalletStatus as Wallet } from '../../../../shared/positions.js';
import { CopyButton } from '../../components/copy-button.js';
import { formatAge, formatSol, shortAddress } from '../../components/format.js';
import { useNow } from '../../components/use-now.js';
import { useAppState } from '../../state/app-context.js';

/** A balance older than this is shown as stale: the engine reads it far more often when the RPC answers. */
const staleAfterMs = 60_000;

function keptByText(keptBy: Wallet['keptBy']): string {
  switch (keptBy) {
    case 'safe-storage':
      return 'key kept encrypted by the OS keychain';
    case 'passphrase':
      return 'key kept encrypted with a passphrase';
    case 'file':
      return 'key read from a 0600 file';
    default: {
      const never: never = keptBy;
      return never;
    }
  }
}

/**
 * The wallet a live run spends from: its public key (short, the whole in the title and the
 * copy button) and its balance with how old it is. The contract carries nothing secret, and
 * neither does this.
 */
export function WalletStatus() {
  const { status, settings } = useAppState();
  const wallet = useStore(status, (s) => s.status?.wallet);
  const reserve = useStore(settings, (s) => s.settings?.limits.solReserveSol ?? 0);
  const now = useNow(1_000);
  if (!wallet) return null;
  const stale = wallet.balanceAt !== undefined && now - wallet.balanceAt > staleAfterMs;
  // The coordinator refuses every buy whose cost would take the wallet below the reserve.
  const belowReserve = reserve > 0 && wallet.balanceSol !== undefined && wallet.balanceSol <= reserve;
  return (
    <section className="wallet" aria-label="Wallet" title={`${wallet.publicKey}\n${keptByText(wallet.keptBy)}`}>
      <span className="muted">wallet</span>
      <code className="wallet-key">{shortAddress(wallet.publicKey)}</code>
      <CopyButton text={wallet.publicKey} label="Copy wallet address" />
      {wallet.balanceSol === undefined ? (
        <span className="muted">balance not read yet</span>
      ) : (
        <span className={`wallet-balance ${belowReserve ? 'tone-bad' : stale ? 'tone-warn' : ''}`}>
          <strong className="sol">{formatSol(wallet.balanceSol)} SOL</strong>
          {belowReserve ? (
            <span className="small" title="Every buy is refused while the balance is at or below the reserve (Settings, Limits).">
              {' '}
              at the {formatSol(reserve)} SOL reserve: buys refused
            </span>
          ) : null}
          {wallet.balanceAt === undefined ? null : <span className="muted small"> {stale ? 'stale, ' : ''}read {formatAge(wallet.balanceAt, now)}</span>}
        </span>
      )}
    </section>
  );
}
