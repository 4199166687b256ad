import { CopyButton } from './copy-button.js';
import { shortAddress } from './format.js';

export const explorerUrl = (mint: string): string => `https://solscan.io/token/${encodeURIComponent(mint)}`;

/** A token as a trader scans it: symbol, short mint, copy the full mint, open it on Solscan. */
export function MintCell({ mint, symbol }: { mint: string; symbol: string }) {
  const short = shortAddress(mint);
  const name = symbol || short;
  return (
    <span className="mint-cell">
      <span className="symbol">{symbol || '—'}</span>
      <code className="mint" title={mint}>
        {short}
      </code>
      <CopyButton text={mint} label={`Copy mint of ${name}`} />
      <a className="icon-button" href={explorerUrl(mint)} target="_blank" rel="noopener noreferrer" aria-label={`Open ${name} on Solscan`} title="Open on Solscan">
        <ExternalIcon />
      </a>
    </span>
  );
}

const ExternalIcon = () => (
  <svg viewBox="0 0 24 24" aria-hidden="true">
    <path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" />
  </svg>
);
