import { useEffect, useRef, useState } from 'react';
import { shortAddress } from './format.js';

export const explorerUrl = (mint: string): string => `https://solscan.io/token/${encodeURIComponent(mint)}`;

/** A token as a trader scans it: symbol, short mint, copy the full mint, open it on Solscan. */
export function MintCell({ mint, symbol }: { mint: string; symbol: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  // The feed reuses a row's cells for the next attempt in that slot: a "copied" mark belongs
  // to the mint it was shown for.
  useEffect(() => setCopied(null), [mint]);
  const short = shortAddress(mint);
  const name = symbol || short;

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(mint);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(null), 1_500);
  }

  return (
    <span className="mint-cell">
      <span className="symbol">{symbol || '—'}</span>
      <code className="mint" title={mint}>
        {short}
      </code>
      <button type="button" className="icon-button" aria-label={`Copy mint of ${name}`} title={mint} onClick={() => void copy()}>
        {copied === 'yes' ? '✓' : copied === 'failed' ? '!' : <CopyIcon />}
      </button>
      <a className="icon-button" href={explorerUrl(mint)} target="_blank" rel="noopener noreferrer" aria-label={`Open ${name} on Solscan`} title="Open on Solscan">
        <ExternalIcon />
      </a>
    </span>
  );
}

const CopyIcon = () => (
  <svg viewBox="0 0 24 24" aria-hidden="true">
    <rect x="9" y="9" width="11" height="11" rx="2" />
    <path d="M5 15V5a2 2 0 0 1 2-2h8" />
  </svg>
);

const ExternalIcon = () => (
  <svg viewBox="0 0 24 24" aria-hidden="true">
    <path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" />
  </svg>
);
