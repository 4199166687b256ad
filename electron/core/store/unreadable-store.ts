import fs from 'node:fs';
import path from 'node:path';

/** A store file that could not be read or does not have the expected shape. */
export class UnreadableStoreError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly keptAt: string | undefined,
  ) {
    super(
      `${path.basename(file)} cannot be read (${reason}). Buying is refused until it is fixed or removed by hand` +
        (keptAt ? `; a copy was kept at ${keptAt}` : ''),
    );
    this.name = 'UnreadableStoreError';
  }
}

/**
 * Copies a bad file into `<data-dir>/unreadable/` so it survives whatever the trader does
 * next. The original stays in place on purpose: moving it away would let the next start
 * see no history at all and buy everything again.
 */
export function keepAside(file: string, dataDir: string, now: number): string | undefined {
  try {
    const dir = path.join(dataDir, 'unreadable');
    fs.mkdirSync(dir, { recursive: true });
    const content = fs.readFileSync(file);
    // The same bad file met again (a refresh, a retry) is kept once, not once per look.
    const prefix = `${path.basename(file)}.`;
    for (const name of fs.readdirSync(dir).filter((n) => n.startsWith(prefix) && n.endsWith('.bad'))) {
      if (fs.readFileSync(path.join(dir, name)).equals(content)) return path.join(dir, name);
    }
    const target = path.join(dir, `${prefix}${now}.bad`);
    fs.writeFileSync(target, content);
    return target;
  } catch {
    return undefined;
  }
}

export function describeReadError(error: unknown): string {
  if (error instanceof SyntaxError) return 'not valid JSON (truncated or corrupt)';
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code) return `${code}: ${(error as Error).message}`;
  return error instanceof Error ? error.message : String(error);
}
