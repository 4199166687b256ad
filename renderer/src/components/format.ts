/** Display formats shared by the views: one place, so the feed and the history read alike. */

export function shortAddress(address: string): string {
  return address.length <= 10 ? address : `${address.slice(0, 4)}…${address.slice(-4)}`;
}

export function formatSol(sol: number): string {
  if (!Number.isFinite(sol)) return '—';
  const digits = Math.abs(sol) >= 100 ? 1 : Math.abs(sol) >= 1 ? 2 : 3;
  return sol.toFixed(digits);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Local wall time with milliseconds: attempts a few ms apart must be told apart. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function formatLatency(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** "3 min ago" style, for how long something has been waiting. */
export function formatAge(since: number, now: number): string {
  const s = Math.max(0, Math.round((now - since) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** P&L of a small position is often under a thousandth of a SOL: one more digit below 0.1 SOL, so it never reads 0.000 while its percent says +1%. */
export function formatPnlSol(sol: number): string {
  return Number.isFinite(sol) && Math.abs(sol) < 0.1 ? sol.toFixed(4) : formatSol(sol);
}

const minus = '\u2212';

/** A signed amount: "+0.012", "−0.340", "0.000". The sign is written out, not only coloured. */
export function signed(text: string, value: number): string {
  if (value > 0) return `+${text}`;
  if (value < 0) return `${minus}${text.replace(/^-/, '')}`;
  return text;
}

/** A signed percent with one decimal ("+12.5%", "−3.0%"); empty when unknown. */
export function formatPct(pct: number | undefined): string {
  if (pct === undefined || !Number.isFinite(pct)) return '';
  return signed(`${Math.abs(pct).toFixed(1)}%`, Math.abs(pct) < 0.05 ? 0 : pct);
}
