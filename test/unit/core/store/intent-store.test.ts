import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeJournalIo, type JournalIo } from '../../../../electron/core/store/intent-journal-io.js';
import { IntentStore, type Intent } from '../../../../electron/core/store/intent-store.js';
import { UnreadableStoreError } from '../../../../electron/core/store/unreadable-store.js';
import { randomMint, tempDataDir } from '../../../support/engine-fixture.js';

function intent(mint: string, extra: Partial<Intent> = {}): Intent {
  return { attemptId: `a-${mint.slice(0, 6)}`, mint, symbol: 'T', platform: 'pump.fun', module: 'sniper', solAmount: 0.1, instanceId: 'i-a', at: 1, status: 'in-flight', ...extra };
}

function refreshError(store: IntentStore): UnreadableStoreError {
  try {
    store.refresh();
  } catch (error) {
    if (error instanceof UnreadableStoreError) return error;
    throw error;
  }
  throw new Error('refresh accepted a bad journal');
}

/** Counts bytes read by wrapping fs.readSync would be intrusive; the journal's own offset tells. */
function journalSize(dataDir: string): number {
  return fs.statSync(path.join(dataDir, 'in-flight-intents.jsonl')).size;
}

describe('IntentStore (the in-flight intents journal)', () => {
  it('a second store sees puts and removes of the first', () => {
    const dataDir = tempDataDir();
    const a = new IntentStore(dataDir);
    const b = new IntentStore(dataDir);
    a.refresh();
    const [m1, m2] = [randomMint(), randomMint()];
    a.put(intent(m1));
    a.put(intent(m2, { status: 'unknown', signature: 'sig' }));
    b.refresh();
    expect(b.get(m2)).toEqual(intent(m2, { status: 'unknown', signature: 'sig' }));
    a.refresh();
    a.remove(m1);
    b.refresh();
    expect(b.all().map((i) => i.mint)).toEqual([m2]);
  });

  it('reads only what was appended since its last look', () => {
    const dataDir = tempDataDir();
    const a = new IntentStore(dataDir);
    const b = new IntentStore(dataDir);
    a.refresh();
    a.put(intent(randomMint()));
    b.refresh();
    const reads: number[] = [];
    const original = fs.readSync;
    // Spy on the bytes b reads: after the first look, one more put costs one line, not the file.
    (fs as { readSync: typeof fs.readSync }).readSync = ((fd: number, buffer: Buffer, ...rest: unknown[]) => {
      reads.push(buffer.length);
      return (original as (...args: unknown[]) => number)(fd, buffer, ...rest);
    }) as typeof fs.readSync;
    try {
      const before = journalSize(dataDir);
      a.refresh();
      a.put(intent(randomMint()));
      b.refresh();
      b.refresh(); // nothing new: nothing read
      expect(reads).toEqual([journalSize(dataDir) - before]);
    } finally {
      (fs as { readSync: typeof fs.readSync }).readSync = original;
    }
  });

  it('compacts a long journal to the open intents, and other readers follow the new file', () => {
    const dataDir = tempDataDir();
    const a = new IntentStore(dataDir);
    const b = new IntentStore(dataDir);
    const keep = randomMint();
    a.refresh();
    a.put(intent(keep, { status: 'unknown' }));
    b.refresh();
    for (let i = 0; i < 400; i++) {
      const m = randomMint();
      a.put(intent(m));
      a.remove(m);
    }
    expect(journalSize(dataDir)).toBeLessThan(64 * 1024);
    b.refresh();
    expect(b.all().map((i) => i.mint)).toEqual([keep]);
    // 801 lines were written; compaction keeps only what followed the last rewrite.
    expect(fs.readFileSync(path.join(dataDir, 'in-flight-intents.jsonl'), 'utf8').split('\n').length).toBeLessThan(801);
  });

  it('skips a line torn by a writer that crashed mid-append, for every reader alike', () => {
    const dataDir = tempDataDir();
    const a = new IntentStore(dataDir);
    const held = randomMint();
    a.refresh();
    a.put(intent(held));
    const torn = randomMint();
    fs.appendFileSync(path.join(dataDir, 'in-flight-intents.jsonl'), JSON.stringify({ op: 'put', intent: intent(torn) }).slice(0, 40));
    const b = new IntentStore(dataDir);
    b.refresh();
    expect(b.all().map((i) => i.mint)).toEqual([held]);
    const next = randomMint();
    b.put(intent(next));
    for (const reader of [a, new IntentStore(dataDir)]) {
      reader.refresh();
      expect(reader.all().map((i) => i.mint).sort()).toEqual([held, next].sort());
    }
  });

  it.each([
    ['garbage in the middle', (ok: string) => `${ok}not json\n${ok}`],
    ['a line of the wrong shape', (ok: string) => `${ok}{"op":"put","intent":{"mint":"not-a-mint"}}\n`],
    ['an unknown op', (ok: string) => `{"op":"maybe"}\n${ok}`],
  ])('%s: UnreadableStoreError, a copy kept aside, the original untouched', (_label, make) => {
    const dataDir = tempDataDir();
    const file = path.join(dataDir, 'in-flight-intents.jsonl');
    const content = make(`${JSON.stringify({ op: 'put', intent: intent(randomMint()) })}\n`);
    fs.writeFileSync(file, content);
    const store = new IntentStore(dataDir, nodeJournalIo, () => 7);
    const error = refreshError(store);
    expect(error.message).toContain('in-flight-intents.jsonl cannot be read');
    expect(error.keptAt).toBe(path.join(dataDir, 'unreadable', 'in-flight-intents.jsonl.7.bad'));
    expect(fs.readFileSync(error.keptAt!, 'utf8')).toBe(content);
    expect(fs.readFileSync(file, 'utf8')).toBe(content);
    // No write gets through after a refused read: it could bury other instances' claims.
    expect(() => store.put(intent(randomMint()))).toThrow(/before they were read/);
    expect(fs.readFileSync(file, 'utf8')).toBe(content);
  });

  it('a failed durable append leaves the claim unwritten and says so', () => {
    const failing: JournalIo = {
      appendDurably: () => {
        throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
      },
      replaceDurably: nodeJournalIo.replaceDurably,
    };
    const dataDir = tempDataDir();
    const store = new IntentStore(dataDir, failing);
    store.refresh();
    const mint = randomMint();
    expect(() => store.put(intent(mint))).toThrow(/EIO/);
    expect(store.get(mint)).toBeUndefined();
  });
});
