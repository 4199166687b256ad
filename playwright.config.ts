import { chromium, defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { chromiumArgs, chromiumExecutable } from './test/e2e/support/browser.js';
import type { HostKind } from './test/e2e/fixtures.js';

/**
 * End-to-end tests: every spec starts its own `serve` on a fresh data dir and drives the
 * console in Chromium; the same specs run against the desktop app where Electron is
 * installed. The browser is never downloaded: see test/e2e/support/browser.ts.
 */
const executablePath = chromiumExecutable();
if (executablePath === undefined && !existsSync(chromium.executablePath())) {
  throw new Error(
    'No Chromium for the end-to-end tests: install the distribution\'s (`apt-get install chromium`) or set LAUNCHDESK_CHROMIUM to a Chromium binary.',
  );
}

export default defineConfig<{ hostKind: HostKind }>({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // Each test owns a serve process and a browser page; two at a time is what 2 cores carry.
  workers: 2,
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['./test/e2e/support/skip-reporter.ts']],
  outputDir: 'test-results/e2e',
  use: {
    browserName: 'chromium',
    // The Electron project needs no browser, but a spec's page fixture must never reach for
    // a downloaded one.
    launchOptions: { executablePath, args: chromiumArgs },
    viewport: { width: 1400, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: { hostKind: 'browser' },
    },
    { name: 'electron', use: { hostKind: 'electron' } },
  ],
});
