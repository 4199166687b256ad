import { useState } from 'react';
import type { PurchaseRecord } from '../../../../shared/domain.js';
import { errorText } from '../../components/format.js';
import { useAppState } from '../../state/app-context.js';
import { toCsv } from './history-csv.js';

/** The engine pages history.list at most this many records a call. */
const chunk = 1_000;

/**
 * Exports every record that matches the current search (what the table pages through),
 * newest first, fetched a chunk at a time so the engine never builds one huge answer.
 */
export function ExportCsv({ search, total }: { search: string; total: number }) {
  const { client } = useAppState();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(): Promise<void> {
    setError(null);
    setProgress(0);
    try {
      const records: PurchaseRecord[] = [];
      // Bounded: the total can only grow while exporting, and a short page ends it.
      for (let offset = 0; offset < 10_000_000; offset += chunk) {
        const page = await client.call('history.list', { search: search.trim(), limit: chunk, offset });
        records.push(...page.records);
        setProgress(records.length);
        if (page.records.length < chunk) break;
      }
      download(toCsv(records), `launchdesk-history-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setProgress(null);
    }
  }

  return (
    <span className="export">
      <button type="button" onClick={() => void run()} disabled={progress !== null || total === 0} aria-describedby="export-note">
        Export CSV
      </button>
      <span id="export-note" className="muted">
        {progress !== null ? `exporting ${progress.toLocaleString()} / ${total.toLocaleString()}…` : `${total.toLocaleString()} matching records`}
      </span>
      {error ? (
        <span role="alert" className="error-text">
          {error}
        </span>
      ) : null}
    </span>
  );
}

function download(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
