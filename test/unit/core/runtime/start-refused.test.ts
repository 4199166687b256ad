import { describe, expect, it } from 'vitest';
import { openLedgerDb } from '../../../../electron/core/ledger/open-ledger.js';
import { checkDataDirMode, StartRefusedError } from '../../../../electron/core/runtime/start-refused.js';
import { tempDataDir } from '../../../support/engine-fixture.js';

describe('a run refused before it starts when the data dir is of the other mode', () => {
  it('live on a paper data dir, paper on a live one', () => {
    const paper = tempDataDir();
    openLedgerDb(paper, { mode: 'paper' }).close();
    expect(() => checkDataDirMode(paper, 'live')).toThrow(StartRefusedError);
    expect(() => checkDataDirMode(paper, 'live')).toThrow(/holds paper trading and this run is live trading/);
    expect(() => checkDataDirMode(paper, 'paper')).not.toThrow();
    const live = tempDataDir();
    openLedgerDb(live, { mode: 'live' }).close();
    expect(() => checkDataDirMode(live, 'paper')).toThrow(/holds live trading and this run is paper trading/);
  });

  it('a data dir with no ledger yet takes either mode', () => {
    expect(() => checkDataDirMode(tempDataDir(), 'live')).not.toThrow();
  });
});
