import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dataDirPaths } from '../../../../electron/core/data-dir-paths.js';
import { LedgerModeError, readLedgerMode } from '../../../../electron/core/ledger/ledger-mode.js';
import { openLedgerDb } from '../../../../electron/core/ledger/open-ledger.js';
import { SCHEMA_VERSION } from '../../../../electron/core/ledger/schema.js';
import { tempDataDir } from '../../../support/engine-fixture.js';

const openAs = (dataDir: string, mode: 'paper' | 'live') => openLedgerDb(dataDir, { mode });

describe('the ledger knows its trading mode', () => {
  it('a new ledger is made for the mode of the run that created it, and reopens for that mode', () => {
    const live = tempDataDir();
    openAs(live, 'live').close();
    expect(readLedgerMode(live)).toBe('live');
    openAs(live, 'live').close();
    const paper = tempDataDir();
    openAs(paper, 'paper').close();
    expect(readLedgerMode(paper)).toBe('paper');
  });

  it('a paper ledger opened for live trading (and the other way round) is refused, the file left alone and nothing copied aside', () => {
    const paper = tempDataDir();
    openAs(paper, 'paper').close();
    const before = fs.readFileSync(dataDirPaths(paper).ledger);
    expect(() => openAs(paper, 'live')).toThrow(LedgerModeError);
    expect(() => openAs(paper, 'live')).toThrow(/holds paper trading and this run is live trading: paper and live history are never mixed/);
    expect(() => openAs(paper, 'live')).toThrow(/leave out --data-dir \(the default is <app data>\/live\)/);
    expect(fs.readFileSync(dataDirPaths(paper).ledger).equals(before)).toBe(true);
    expect(fs.existsSync(dataDirPaths(paper).unreadableDir)).toBe(false);

    const live = tempDataDir();
    openAs(live, 'live').close();
    expect(() => openAs(live, 'paper')).toThrow(/holds live trading and this run is paper trading/);
  });

  it('a ledger from before live trading (schema 2, no mode) is paper: migrated as such, refused for live', () => {
    const old = tempDataDir();
    openLedgerDb(old).close();
    const db = new Database(dataDirPaths(old).ledger);
    db.exec('DROP TABLE ledger_meta');
    db.pragma('user_version = 2');
    db.close();
    expect(readLedgerMode(old)).toBe('paper');
    expect(() => openAs(old, 'live')).toThrow(LedgerModeError);
    const reopened = openAs(old, 'paper');
    expect(reopened.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    reopened.close();
  });

  it('no ledger yet: no mode, nothing created by asking', () => {
    const empty = tempDataDir();
    expect(readLedgerMode(empty)).toBeUndefined();
    expect(fs.existsSync(dataDirPaths(empty).ledger)).toBe(false);
  });

  it('a mode value the app never writes is refused as damage', () => {
    const dir = tempDataDir();
    openAs(dir, 'paper').close();
    const db = new Database(dataDirPaths(dir).ledger);
    db.prepare("UPDATE ledger_meta SET value = 'demo' WHERE key = 'mode'").run();
    db.close();
    expect(() => openAs(dir, 'paper')).toThrow(/the ledger's mode is "demo", neither paper nor live/);
  });
});
