import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Lints fixture sources as if they lived at a path in the repo, with the repo's own
 * eslint.config.js, so what is tested is the rule as configured, not a copy of it.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result!.messages.filter((m) => m.ruleId === 'launchdesk/process-boundaries').map((m) => m.message);
}

const refused: [string, string, RegExp][] = [
  ['renderer/src/views/x.tsx', "import { WebSocketServer } from 'ws';", /the renderer may not import 'ws' \(the package ws; allowed: react/],
  ['renderer/src/x.ts', "import Database from 'better-sqlite3';", /'better-sqlite3'/],
  ['renderer/src/x.ts', "import { readFileSync } from 'node:fs';", /a Node built-in/],
  ['renderer/src/x.ts', "import path from 'path';", /a Node built-in/],
  ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';", /'electron'/],
  ['renderer/src/x.ts', "import { createEngine } from '../../electron/core/engine.js';", /the file electron\/core\/engine\.js; allowed folders: renderer, shared/],
  ['renderer/src/x.ts', "export { dispatch } from '../../electron/host/dispatch.js';", /electron\/host\/dispatch\.js/],
  ['renderer/src/x.ts', "const m = await import('conf');", /'conf'/],
  ['shared/x.ts', "import Conf from 'conf';", /shared\/ may not import 'conf'/],
  ['shared/x.ts', "import ElectronStore from 'electron-store';", /'electron-store'/],
  ['shared/x.ts', "import lockfile from 'proper-lockfile';", /'proper-lockfile'/],
  ['shared/x.ts', "import { Connection } from '@solana/web3.js';", /the package @solana\/web3\.js/],
  ['shared/x.ts', "import type { Engine } from '../electron/core/engine.js';", /the file electron\/core\/engine\.js/],
  ['shared/x.ts', "import { create } from 'zustand';", /'zustand'/],
  ['electron/core/engine/x.ts', "import { startWsHost } from '../../host/ws-host.js';", /electron\/core may not import '..\/..\/host\/ws-host\.js'/],
  ['electron/core/x.ts', "import '../main.js';", /the file electron\/main\.js/],
  ['electron/core/x.ts', "import '../preload.js';", /the file electron\/preload\.js/],
  ['electron/core/runtime/x.ts', "import { main } from '../../serve.js';", /the file electron\/serve\.js/],
  ['electron/core/x.ts', "import { app } from 'electron';", /the package electron/],
  ['electron/core/x.ts', "import Store from 'electron-store';", /the package electron-store/],
  ['electron/core/x.ts', "const r = require('../../renderer/src/app.js');", /the file renderer\/src\/app\.js/],
  ['electron/host/x.ts', "import '../serve.js';", /electron\/host may not import/],
  ['electron/preload.ts', "import fs from 'node:fs';", /the preload may not import 'node:fs'/],
  ['electron/preload.ts', "import { dispatch } from './host/dispatch.js';", /the file electron\/host\/dispatch\.js/],
  ['electron/main.ts', "import '../renderer/src/main.js';", /an entry file may not import/],
];

const allowed: [string, string][] = [
  ['renderer/src/x.tsx', "import { useState } from 'react';\nimport { createRoot } from 'react-dom/client';\nimport { create } from 'zustand';\nimport { useVirtualizer } from '@tanstack/react-virtual';"],
  ['renderer/src/client/x.ts', "import type { PushedEvent } from '../../../shared/wire.js';\nimport { z } from 'zod';"],
  ['shared/x.ts', "import { z } from 'zod';\nimport bs58 from 'bs58';\nimport { mintSchema } from './mint.js';"],
  ['electron/core/x.ts', "import fs from 'node:fs';\nimport Database from 'better-sqlite3';\nimport { WebSocket } from 'ws';\nimport { commands } from '../../shared/contract.js';\nimport { EventHub } from './engine/event-hub.js';"],
  ['electron/host/x.ts', "import { WebSocketServer } from 'ws';\nimport { createEngine } from '../core/engine.js';\nimport { parseServeFlags } from '../serve-flags.js';"],
  ['electron/preload.ts', "import { contextBridge } from 'electron';\nimport { INVOKE_CHANNEL } from '../shared/wire.js';"],
  ['electron/main.ts', "import { app } from 'electron';\nimport { startIpcHost } from './host/ipc-host.js';"],
];

describe('the process-boundary lint (allow-list by process class)', () => {
  it.each(refused)('%s: refuses %s', async (file, code, message) => {
    const errors = await boundaryErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each(allowed)('%s: allows what the class is built from', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});
