import { useId, useState } from 'react';
import type { PurchaseRecord } from '../../../../shared/domain.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { formatDateTime, formatSol, shortAddress } from '../../components/format.js';

const maxSol = 1_000;

/**
 * Buying a token already bought is the one way around "at most once", so it is never one
 * click: the dialog says what it buys and for how much, and the amount can be changed.
 */
export function BuyAgainDialog({
  record,
  maxSolPerBuy,
  busy,
  onConfirm,
  onCancel,
}: {
  record: PurchaseRecord;
  maxSolPerBuy: number | null;
  busy: boolean;
  onConfirm(solAmount: number): void;
  onCancel(): void;
}) {
  const id = useId();
  const [text, setText] = useState(formatSol(record.solSpent > 0 ? record.solSpent : 0.1));
  const amount = Number(text.trim());
  const error =
    text.trim() === '' || !Number.isFinite(amount)
      ? 'Enter the SOL to spend.'
      : amount <= 0
        ? 'Must be more than 0.'
        : amount > maxSol
          ? `At most ${maxSol} SOL.`
          : maxSolPerBuy !== null && amount > maxSolPerBuy
            ? `Above the limit of ${formatSol(maxSolPerBuy)} SOL per buy: the coordinator would refuse it.`
            : null;
  const name = record.symbol || shortAddress(record.mint);
  return (
    <ConfirmDialog
      title={`Buy ${name} again?`}
      busy={busy}
      onCancel={onCancel}
      onConfirm={() => {
        if (!error) onConfirm(amount);
      }}
    >
      <p>
        {name} was bought on {formatDateTime(record.at)} by {record.module}. This buys it again for{' '}
        <strong>{error ? '…' : `${formatSol(amount)} SOL`}</strong>, as a manual "buy again" recorded in the audit log. The kill switch, the blocklist and the
        limits still apply.
      </p>
      <span className="inline">
        <label htmlFor={`${id}-amount`}>SOL to spend</label>
        <input
          id={`${id}-amount`}
          type="text"
          inputMode="decimal"
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setText(e.target.value)}
        />
      </span>
      {error ? (
        <p id={`${id}-error`} role="alert" className="field-error">
          {error}
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
