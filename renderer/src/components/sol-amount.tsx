import { formatSol } from './format.js';

/** An amount of SOL, right-aligned in tabular figures so columns line up. */
export function SolAmount({ sol }: { sol: number }) {
  return (
    <span className="sol" title={`${sol} SOL`}>
      {formatSol(sol)}
      <span className="unit"> SOL</span>
    </span>
  );
}
