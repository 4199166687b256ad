import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRuntime } from './core/runtime/build-engine.js';
import type { LiveSetup } from './core/runtime/build-live.js';
import { describeFeed } from './core/runtime/describe-feed.js';
import { prepareRun } from './core/runtime/prepare-run.js';
import type { RunOptions } from './core/runtime/run-options.js';
import { StartRefusedError } from './core/runtime/start-refused.js';
import { findRendererDir } from './host/renderer-location.js';
import { startWsHost } from './host/ws-host.js';
import { parseServeFlags, serveUsage, UsageError, type ServeOptions } from './serve-flags.js';

/**
 * The headless entry: the same engine as the desktop app, no window. The console is
 * served over HTTP + WebSocket on loopback behind a random token; `/status` answers JSON.
 */
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseOrExit(): ServeOptions {
  try {
    return parseServeFlags(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`launchdesk serve: ${error.message}\n\n${serveUsage}\n`);
    process.exit(2);
  }
}

/** The live wallet and trader (or nothing, paper), or exit 2 saying what to change. */
async function prepareOrExit(run: RunOptions): Promise<LiveSetup | undefined> {
  try {
    return await prepareRun(run);
  } catch (error) {
    if (!(error instanceof StartRefusedError)) throw error;
    process.stderr.write(`launchdesk serve: ${error.message}\n`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const options = parseOrExit();
  const live = await prepareOrExit(options.run);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const { run } = options;
  // Feed alerts ("API key required", rate limits) are printed even with --quiet: they are
  // why a feed shows nothing, and the trader must not have to guess.
  const { engine, notes, pollers, main: mainFeed } = buildRuntime(run, {
    ...(live ? { live } : {}),
    log: options.quiet ? () => undefined : say,
    onAlert: (a) => process.stderr.write(`[${a.level}] ${a.source}: ${a.message}\n`),
  });
  await engine.start();
  const host = await startWsHost({ engine: engine.port, host: options.host, port: options.port, rendererDir: findRendererDir(projectRoot) });
  say(`launchdesk headless: instance ${engine.instanceId}, ${run.mode} trading, feed ${describeFeed(run.feed)}`);
  if (pollers.length > 0) say(`trending pollers: ${pollers.map((p) => p.name).join(', ')}`);
  for (const note of notes) say(`note: ${note}`);
  say(`data dir: ${run.dataDir}`);
  if (live) say(`LIVE: real SOL from wallet ${live.wallet.publicKey.toBase58()} through ${new URL(run.live!.rpcUrl).host}; the kill switch stops all buying`);
  if (!options.quiet) void mainFeed.tape?.done().then(() => say(`tape replay over: ${JSON.stringify(mainFeed.feed.counters())}`));
  say(`console: ${host.consoleUrl}`);
  say(`status:  ${host.url}status?token=${host.token}`);
  const status = engine.status();
  if (!status.storeHealthy) say(`BUYING REFUSED: ${status.storeProblem}`);

  const progress = options.quiet
    ? undefined
    : setInterval(() => {
        const s = engine.status();
        say(`[status] purchases ${s.purchases}, in flight ${s.inFlight}, unknown ${s.unknown}, outcomes ${JSON.stringify(s.counts)}`);
      }, 5_000);

  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    if (progress) clearInterval(progress);
    say(`stopping (${why})...`);
    await host.close();
    await engine.stop();
    say(`final status ${JSON.stringify(engine.status())}`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  if (options.durationS !== undefined) setTimeout(() => void stop(`--duration ${options.durationS}`), options.durationS * 1_000);
}

main().catch((error: unknown) => {
  if (error instanceof StartRefusedError) {
    process.stderr.write(`launchdesk serve: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`launchdesk serve failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
