import { useId } from 'react';
import { FieldError } from './field-error.js';
import type { FieldErrors, WalletDraft } from './form-values.js';

const blank = (): WalletDraft => ({ address: '', label: '', minSol: '', solAmount: '', enabled: true });

/** The whale-copy wallet list: one row per wallet, each field checked like any other. */
export function WalletsEditor({
  label,
  wallets,
  errors,
  errorKey,
  onChange,
}: {
  label: string;
  wallets: WalletDraft[];
  errors: FieldErrors;
  errorKey: string;
  onChange(wallets: WalletDraft[]): void;
}) {
  const id = useId();
  const set = (index: number, patch: Partial<WalletDraft>): void => onChange(wallets.map((w, i) => (i === index ? { ...w, ...patch } : w)));
  const textField = (index: number, field: 'address' | 'label' | 'minSol' | 'solAmount', name: string) => {
    const key = `${errorKey}.${index}.${field}`;
    const errorId = `${id}-${index}-${field}-error`;
    return (
      <td>
        <input
          type="text"
          aria-label={`${name}, wallet ${index + 1}`}
          aria-invalid={errors[key] ? true : undefined}
          aria-describedby={errors[key] ? errorId : undefined}
          spellCheck={false}
          value={wallets[index]![field]}
          onChange={(e) => set(index, { [field]: e.target.value })}
        />
        <FieldError id={errorId} message={errors[key]} />
      </td>
    );
  };
  return (
    <fieldset className="field wide wallets">
      <legend>{label}</legend>
      {wallets.length === 0 ? <p className="muted">No wallets listed. On the simulator the module watches the simulator's whales.</p> : null}
      {wallets.length > 0 ? (
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">Address</th>
              <th scope="col">Label</th>
              <th scope="col">Min SOL</th>
              <th scope="col">SOL per buy</th>
              <th scope="col">On</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {wallets.map((wallet, index) => (
              <tr key={index}>
                {textField(index, 'address', 'Address')}
                {textField(index, 'label', 'Label')}
                {textField(index, 'minSol', 'Min SOL')}
                {textField(index, 'solAmount', 'SOL per buy')}
                <td>
                  <input type="checkbox" aria-label={`Watch wallet ${index + 1}`} checked={wallet.enabled} onChange={(e) => set(index, { enabled: e.target.checked })} />
                </td>
                <td>
                  <button type="button" onClick={() => onChange(wallets.filter((_, i) => i !== index))}>
                    Remove wallet {index + 1}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <FieldError id={`${id}-error`} message={errors[errorKey]} />
      <button type="button" onClick={() => onChange([...wallets, blank()])}>
        Add wallet
      </button>
    </fieldset>
  );
}
