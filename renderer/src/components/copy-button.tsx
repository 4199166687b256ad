import { useEffect, useRef, useState } from 'react';

/** Copies `text` to the clipboard; shows ✓ (or ! when the clipboard refused) for a moment. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  // The feed reuses a row's cells for the next attempt in that slot: a "copied" mark belongs
  // to the text it was shown for.
  useEffect(() => setCopied(null), [text]);

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(null), 1_500);
  }

  return (
    <button type="button" className="icon-button" aria-label={label} title={text} onClick={() => void copy()}>
      {copied === 'yes' ? '✓' : copied === 'failed' ? '!' : <CopyIcon />}
    </button>
  );
}

const CopyIcon = () => (
  <svg viewBox="0 0 24 24" aria-hidden="true">
    <rect x="9" y="9" width="11" height="11" rx="2" />
    <path d="M5 15V5a2 2 0 0 1 2-2h8" />
  </svg>
);
