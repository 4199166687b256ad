import { runClaimBench } from './claim-bench.js';
import { runSeedPatternBench } from './seed-pattern.js';

/**
 * `npm run bench`: every figure as one JSON line with the machine it was measured on.
 * `npm run bench -- --quick` runs smaller samples (a smoke run, not figures to quote).
 */
const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const want = (name: string) => !only || only.split(',').includes(name);

if (want('claims')) await runClaimBench(quick ? [1_000] : [1_000, 10_000, 100_000], quick ? 100 : 500);
if (want('feeds')) await (await import('./feed-bench.js')).runFeedBench(quick);
if (want('host')) await (await import('./host-bench.js')).runHostBench(quick);
if (want('console')) await (await import('./console-bench.js')).runConsoleBench(quick);
if (want('import')) (await import('./legacy-import-bench.js')).runLegacyImportBench(quick ? [1_000] : [1_000, 100_000]);
if (want('wallet')) await (await import('./wallet-bench.js')).runWalletBench(quick);
if (want('pump')) await (await import('./pump-venue-bench.js')).runPumpVenueBench(quick);
if (want('bonk')) await (await import('./launchlab-venue-bench.js')).runLaunchLabVenueBench(quick);
if (want('live')) await (await import('./live-bench.js')).runLiveBench(quick);
if (want('positions')) await (await import('./positions-bench.js')).runPositionsBench(quick);
if (want('seed')) await runSeedPatternBench(quick ? [1_000] : [1_000, 10_000, 100_000], quick ? 50 : 200);
