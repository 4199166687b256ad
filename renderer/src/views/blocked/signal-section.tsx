import type { BlockedEntry } from '../../../../shared/contract.js';
import { formatAge } from '../../components/format.js';
import { MintCell } from '../../components/mint-cell.js';
import { SolAmount } from '../../components/sol-amount.js';
import { ModuleTag } from '../../components/module-tag.js';

type SignalEntry = Extract<BlockedEntry, { kind: 'pending-approval' | 'filter-failed' }>;

/**
 * Signals the coordinator held back that the trader may buy once: waiting for approval, or
 * refused by one of the module's filters (with the filter's sentence). Approving still
 * passes every check but the one overridden: kill switch, blocklist, limits, exactly once.
 */
export function SignalSection({
  title,
  entries,
  empty,
  busy,
  now,
  onApprove,
  onDismiss,
}: {
  title: string;
  entries: SignalEntry[];
  empty: string;
  busy: boolean;
  now: number;
  onApprove(entry: SignalEntry): void;
  onDismiss(entry: SignalEntry): void;
}) {
  const headingId = `blocked-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>
        {title} <span className="count">{entries.length}</span>
      </h2>
      {entries.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <table className="data-table" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">Since</th>
              <th scope="col">Module</th>
              <th scope="col">Token</th>
              <th scope="col">Why</th>
              <th scope="col" className="num">
                SOL
              </th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.attemptId} data-mint={entry.mint} data-attempt-id={entry.attemptId}>
                <td className="mono">{formatAge(entry.since, now)}</td>
                <td>
                  <ModuleTag module={entry.module} />
                </td>
                <td>
                  <MintCell mint={entry.mint} symbol={entry.symbol} />
                </td>
                <td className="why">
                  {entry.kind === 'filter-failed' ? <div className="tone-warn">{entry.reasonText}</div> : null}
                  <div className="muted">{entry.signalReason}</div>
                </td>
                <td className="num">
                  <SolAmount sol={entry.solAmount} />
                </td>
                <td className="actions">
                  <button type="button" className="primary" disabled={busy} onClick={() => onApprove(entry)}>
                    Approve once
                  </button>
                  <button type="button" disabled={busy} onClick={() => onDismiss(entry)}>
                    Dismiss
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
