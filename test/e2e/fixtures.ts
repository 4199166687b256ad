import { test as base, expect, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { electronExecutable, noElectronReason } from './support/browser.js';
import { launchDesktopApp } from './support/electron-app.js';
import { EngineClient } from './support/engine-client.js';
import { startServeHost, type ServeHost } from './support/serve-host.js';

export type HostKind = 'browser' | 'electron';

/** One console open on one engine: the page the trader sees and the tests' line to the engine. */
export interface ConsoleSession {
  page: Page;
  api: EngineClient;
  instanceId: string;
  dataDir: string;
  /** The `serve` process behind a browser console; undefined for the desktop app. */
  serve?: ServeHost;
  stop(): Promise<void>;
}

interface OpenOptions {
  /** Defaults to the test's fresh data dir. */
  dataDir?: string;
  /** Open the page (default) or only start the engine. */
  page?: Page;
}

interface Fixtures {
  hostKind: HostKind;
  /** A fresh, empty data dir for this test, deleted afterwards. */
  dataDir: string;
  /** `serve` on a data dir (default: the test's), stopped after the test. */
  startServe(flags?: string[], options?: { dataDir?: string }): Promise<ServeHost>;
  /** The console under test (browser on `serve`, or the desktop app) with these serve flags. */
  openConsole(flags?: string[], options?: OpenOptions): Promise<ConsoleSession>;
  /** Skips every spec of the Electron project, by name and with the reason, when there is no binary. */
  electronGate: void;
}

export const test = base.extend<Fixtures>({
  hostKind: ['browser', { option: true }],

  electronGate: [
    async ({ hostKind }, use, testInfo) => {
      testInfo.skip(hostKind === 'electron' && electronExecutable() === undefined, noElectronReason);
      await use();
    },
    { auto: true },
  ],

  dataDir: async ({}, use) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'launchdesk-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  },

  startServe: async ({ dataDir }, use) => {
    const started: ServeHost[] = [];
    await use(async (flags = [], options = {}) => {
      const host = await startServeHost(options.dataDir ?? dataDir, flags);
      started.push(host);
      return host;
    });
    await Promise.all(started.map((host) => host.stop()));
  },

  openConsole: async ({ hostKind, dataDir, startServe, page, context }, use) => {
    const sessions: ConsoleSession[] = [];
    let pageTaken = false;
    const nextPage = async (given?: Page) => {
      if (given) return given;
      if (!pageTaken) {
        pageTaken = true;
        return page;
      }
      return context.newPage();
    };
    await use(async (flags = [], options = {}) => {
      const dir = options.dataDir ?? dataDir;
      let session: ConsoleSession;
      if (hostKind === 'browser') {
        const serve = await startServe(flags, { dataDir: dir });
        const api = await EngineClient.overWebSocket(serve.url, serve.token);
        const consolePage = await nextPage(options.page);
        await consolePage.goto(serve.consoleUrl);
        session = {
          page: consolePage,
          api,
          instanceId: serve.instanceId,
          dataDir: dir,
          serve,
          async stop() {
            api.close();
            await serve.stop();
          },
        };
      } else {
        const app = await launchDesktopApp(electronExecutable()!, dir, flags);
        const window = await app.firstWindow();
        const api = await EngineClient.overBridge(window);
        const { instanceId } = await api.call('status.get', {});
        session = { page: window, api, instanceId, dataDir: dir, stop: () => app.close() };
      }
      sessions.push(session);
      return session;
    });
    for (const session of sessions) await session.stop();
  },
});

export { expect };
