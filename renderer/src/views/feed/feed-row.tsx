import { memo } from 'react';
import type { AttemptUpdate } from '../../../../shared/domain.js';
import { formatLatency, formatTime } from '../../components/format.js';
import { MintCell } from '../../components/mint-cell.js';
import { SolAmount } from '../../components/sol-amount.js';
import { decisionSentence, outcomeLabel, outcomeTone } from './attempt-text.js';
import { ModuleTag } from '../../components/module-tag.js';

export const feedRowHeight = 40;

/** One attempt. Memoized on the update object: a row re-renders only when its attempt moved on. */
export const FeedRow = memo(function FeedRow({ update, rowIndex, top }: { update: AttemptUpdate; rowIndex: number; top: number }) {
  const decision = decisionSentence(update);
  const receivedAt = update.at - (update.latencyMs ?? 0);
  return (
    <div
      role="row"
      className={`feed-row ${outcomeTone(update.outcome)}`}
      aria-rowindex={rowIndex}
      data-attempt-id={update.attemptId}
      data-mint={update.mint}
      data-module={update.module}
      data-outcome={update.outcome ?? 'in-progress'}
      style={{ transform: `translateY(${top}px)` }}
    >
      <span role="cell" className="c-time">
        {formatTime(receivedAt)}
      </span>
      <span role="cell" className="c-module">
        <ModuleTag module={update.module} />
      </span>
      <span role="cell" className="c-token">
        <MintCell mint={update.mint} symbol={update.symbol} />
      </span>
      <span role="cell" className="c-platform">
        {update.platform}
      </span>
      <span role="cell" className="c-outcome">
        <span className="outcome">{outcomeLabel(update.outcome)}</span>
      </span>
      <span role="cell" className="c-reason" title={`${decision}\nSignal: ${update.signalReason}`}>
        <span className="decision">{decision}</span>
        <span className="signal-reason">{update.signalReason}</span>
      </span>
      <span role="cell" className="c-latency num">
        {formatLatency(update.latencyMs)}
      </span>
      <span role="cell" className="c-sol num">
        <SolAmount sol={update.solAmount} />
      </span>
    </div>
  );
});
