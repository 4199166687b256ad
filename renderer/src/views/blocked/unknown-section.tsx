import { useState } from 'react';
import type { BlockedEntry } from '../../../../shared/contract.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { formatAge, formatDateTime, shortAddress } from '../../components/format.js';
import { MintCell } from '../../components/mint-cell.js';
import { SolAmount } from '../../components/sol-amount.js';
import { ModuleTag } from '../../components/module-tag.js';

type UnknownEntry = Extract<BlockedEntry, { kind: 'unknown-outcome' }>;

export type Verdict = { mint: string; outcome: 'bought'; signature?: string } | { mint: string; outcome: 'not-bought' };

/**
 * Buys sent whose outcome nobody knows (a timeout, a crash): the token stays blocked in
 * every instance until reconciled. The trader settles it after checking the wallet or an
 * explorer. "Not bought" asks first: if the buy did land, the token could be bought twice.
 */
export function UnknownSection({ entries, busy, now, onVerdict }: { entries: UnknownEntry[]; busy: boolean; now: number; onVerdict(verdict: Verdict): void }) {
  const [signatures, setSignatures] = useState<Record<string, string>>({});
  const [asking, setAsking] = useState<UnknownEntry | null>(null);
  return (
    <section aria-labelledby="blocked-unknown">
      <h2 id="blocked-unknown">
        Unknown outcome <span className="count">{entries.length}</span>
      </h2>
      {entries.length === 0 ? (
        <p className="muted">No buy has an unknown outcome.</p>
      ) : (
        <table className="data-table" aria-labelledby="blocked-unknown">
          <thead>
            <tr>
              <th scope="col">Since</th>
              <th scope="col">Module</th>
              <th scope="col">Token</th>
              <th scope="col">Owner instance</th>
              <th scope="col" className="num">
                SOL
              </th>
              <th scope="col">Signature</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const signature = signatures[entry.mint] ?? entry.signature ?? '';
              const name = entry.symbol || shortAddress(entry.mint);
              return (
                <tr key={entry.mint} data-mint={entry.mint} data-attempt-id={entry.attemptId}>
                  <td className="mono" title={formatDateTime(entry.since)}>
                    {formatAge(entry.since, now)}
                  </td>
                  <td>
                    <ModuleTag module={entry.module} />
                  </td>
                  <td>
                    <MintCell mint={entry.mint} symbol={entry.symbol} />
                  </td>
                  <td>
                    <code>{entry.ownerInstanceId}</code>
                  </td>
                  <td className="num">
                    <SolAmount sol={entry.solAmount} />
                  </td>
                  <td>
                    <input
                      type="text"
                      className="signature"
                      aria-label={`Signature of the buy of ${name}`}
                      placeholder="transaction signature (if it landed)"
                      spellCheck={false}
                      value={signature}
                      onChange={(e) => setSignatures((s) => ({ ...s, [entry.mint]: e.target.value }))}
                    />
                  </td>
                  <td className="actions">
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => onVerdict({ mint: entry.mint, outcome: 'bought', ...(signature.trim() ? { signature: signature.trim() } : {}) })}
                    >
                      Mark bought
                    </button>
                    <button type="button" disabled={busy} onClick={() => setAsking(entry)}>
                      Mark not bought
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {asking ? (
        <ConfirmDialog
          title="Mark not bought?"
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            onVerdict({ mint: asking.mint, outcome: 'not-bought' });
            setAsking(null);
          }}
        >
          <p>
            {asking.symbol || shortAddress(asking.mint)} becomes buyable again. Do this only after checking the wallet or an explorer: if the buy did land, the
            token could be bought twice.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
