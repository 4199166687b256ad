import { useState } from 'react';
import { useStore } from 'zustand';
import type { PurchaseRecord } from '../../../../shared/domain.js';
import { BlocklistEditor } from '../../components/blocklist-editor.js';
import { errorText, shortAddress } from '../../components/format.js';
import { useNow } from '../../components/use-now.js';
import { useAppState } from '../../state/app-context.js';
import { refreshBlocked } from '../../state/refresh.js';
import { attemptFeedback, type Feedback } from './action-result.js';
import { BoughtSection } from './bought-section.js';
import { SignalSection } from './signal-section.js';
import { UnknownSection, type Verdict } from './unknown-section.js';

/**
 * Everything the coordinator holds back, and what the trader can do about it. Every action
 * goes through the coordinator (and its audit log); what it answers is shown here, a
 * refusal in an alert with its reason.
 */
export function BlockedView() {
  const state = useAppState();
  const entries = useStore(state.blocked, (s) => s.entries);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const now = useNow(5_000);

  async function act(run: () => Promise<Feedback>): Promise<void> {
    setBusy(true);
    setFeedback(null);
    try {
      setFeedback(await run());
    } catch (error) {
      setFeedback({ tone: 'refused', text: errorText(error) });
    } finally {
      setBusy(false);
      await refreshBlocked(state);
      await state.blocked.getState().searchBought(state.blocked.getState().bought.search);
    }
  }

  const name = (symbol: string, mint: string): string => symbol || shortAddress(mint);
  const pending = entries.filter((e) => e.kind === 'pending-approval');
  const filtered = entries.filter((e) => e.kind === 'filter-failed');
  const unknown = entries.filter((e) => e.kind === 'unknown-outcome');

  const approve = (entry: (typeof pending)[number] | (typeof filtered)[number]) =>
    act(async () => attemptFeedback(`Approve once of ${name(entry.symbol, entry.mint)}`, await state.client.call('blocked.approveOnce', { attemptId: entry.attemptId })));
  const dismiss = (entry: (typeof pending)[number] | (typeof filtered)[number]) =>
    act(async () => {
      await state.client.call('blocked.dismiss', { attemptId: entry.attemptId });
      return { tone: 'done', text: `Dismissed ${name(entry.symbol, entry.mint)}.` };
    });
  const settle = (verdict: Verdict) =>
    act(async () => {
      await state.client.call('blocked.markReconciled', verdict);
      return { tone: 'done', text: `Marked ${shortAddress(verdict.mint)} ${verdict.outcome === 'bought' ? 'bought' : 'not bought'}.` };
    });
  const buyAgain = (record: PurchaseRecord, solAmount: number) =>
    act(async () =>
      attemptFeedback(
        `Buy again of ${name(record.symbol, record.mint)}`,
        await state.client.call('blocked.buyAgain', { mint: record.mint, platform: record.platform, symbol: record.symbol, solAmount }),
      ),
    );

  return (
    <div className="blocked-view">
      <div className="feedback">
        {feedback?.tone === 'refused' ? (
          <p role="alert" className="error-text">
            {feedback.text}
          </p>
        ) : null}
        <p role="status" className="tone-good">
          {feedback?.tone === 'done' ? feedback.text : ''}
        </p>
      </div>
      <SignalSection
        title="Waiting for approval"
        entries={pending}
        empty="No signal waits for approval."
        busy={busy}
        now={now}
        onApprove={(e) => void approve(e)}
        onDismiss={(e) => void dismiss(e)}
      />
      <SignalSection
        title="Filter failed"
        entries={filtered}
        empty="No signal was refused by a filter."
        busy={busy}
        now={now}
        onApprove={(e) => void approve(e)}
        onDismiss={(e) => void dismiss(e)}
      />
      <UnknownSection entries={unknown} busy={busy} now={now} onVerdict={(v) => void settle(v)} />
      <BoughtSection busy={busy} onBuyAgain={buyAgain} />
      <BlocklistEditor />
    </div>
  );
}
