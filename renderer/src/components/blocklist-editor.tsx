import { useId, useState } from 'react';
import { useStore } from 'zustand';
import { isSolanaAddress } from '../../../shared/mint.js';
import { useAppState } from '../state/app-context.js';
import { refreshSettings } from '../state/refresh.js';
import { errorText, shortAddress } from './format.js';

/**
 * Mints and creators that are never bought. The address is checked as it is typed (the
 * engine checks it again); a refused add or remove shows the engine's reason.
 */
export function BlocklistEditor() {
  const state = useAppState();
  const blocklist = useStore(state.settings, (s) => s.settings?.blocklist ?? []);
  const [address, setAddress] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const id = useId();
  const trimmed = address.trim();
  const inputError =
    trimmed === '' ? null : !isSolanaAddress(trimmed) ? 'Not a Solana address (base58, 32 bytes).' : blocklist.includes(trimmed) ? 'Already on the blocklist.' : null;

  async function act(name: 'blocklist.add' | 'blocklist.remove', value: string): Promise<void> {
    setBusy(true);
    setRefusal(null);
    try {
      await state.client.call(name, { address: value });
      if (name === 'blocklist.add') setAddress('');
      await refreshSettings(state);
    } catch (error) {
      setRefusal(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(event: React.FormEvent): void {
    event.preventDefault();
    if (trimmed === '' || inputError) return;
    void act('blocklist.add', trimmed);
  }

  return (
    <section className="blocklist" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Blocklist</h2>
      <form className="toolbar" onSubmit={onSubmit} noValidate>
        <input
          type="text"
          aria-label="Mint or creator address"
          placeholder="Mint or creator address"
          spellCheck={false}
          value={address}
          aria-invalid={inputError ? true : undefined}
          aria-describedby={inputError ? `${id}-error` : undefined}
          onChange={(e) => setAddress(e.target.value)}
        />
        <button type="submit" disabled={busy || trimmed === '' || inputError !== null}>
          Add to blocklist
        </button>
        {inputError ? (
          <span id={`${id}-error`} role="alert" className="field-error">
            {inputError}
          </span>
        ) : null}
      </form>
      {refusal ? (
        <p role="alert" className="error-text">
          {refusal}
        </p>
      ) : null}
      {blocklist.length === 0 ? (
        <p className="muted">Nothing is blocklisted.</p>
      ) : (
        <ul className="address-list">
          {blocklist.map((entry) => (
            <li key={entry} data-mint={entry}>
              <code title={entry}>{entry}</code>
              <button type="button" aria-label={`Remove ${entry}`} title={`Remove ${shortAddress(entry)} from the blocklist`} disabled={busy} onClick={() => void act('blocklist.remove', entry)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
