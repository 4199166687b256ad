// `npm start`: builds what is out of date, then the desktop app when the Electron binary is
// installed, else the headless console (electron/serve.ts) with the same arguments. Either
// way this process only relays signals and the exit code; the headless host prints the
// console URL and opens nothing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './build-electron.mjs';
import { isFresh, rendererInputs } from './build-freshness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const say = (line) => console.log(`[start] ${line}`);

/**
 * The binary's path when it is really there; the npm package alone is not enough. Read from
 * the package's path.txt rather than `require('electron')`, which in current Electron starts a
 * download when the binary is missing (a stack trace with no network, a surprise with one).
 */
function electronBinary() {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function npmRun(script) {
  // Under `npm start` npm tells us its own CLI; run it with this Node (no shell, no PATH guess).
  const npmCli = process.env.npm_execpath;
  const [command, prefix, shell] = npmCli ? [process.execPath, [npmCli], false] : ['npm', [], process.platform === 'win32'];
  return spawnSync(command, [...prefix, 'run', '--silent', script], { cwd: root, stdio: 'inherit', shell }).status;
}

/** The console bundle in dist-renderer/, rebuilt only when a source is newer than it. */
function buildRenderer() {
  const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts ?? {};
  if (!scripts['build:renderer']) {
    say('no build:renderer script yet: serving whatever console page exists');
    return;
  }
  if (isFresh(path.join(root, 'dist-renderer'), rendererInputs(root))) {
    say('console bundle is up to date (dist-renderer/)');
    return;
  }
  const started = Date.now();
  say('building the console bundle (npm run build:renderer)...');
  const status = npmRun('build:renderer');
  if (status !== 0) {
    console.error('[start] the console bundle did not build (see above); the engine starts anyway, with the last bundle built, if any');
    return;
  }
  say(`console bundle built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function run(command, commandArgs) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  // Its own process group, so a Ctrl-C reaches the child once (from us), not twice.
  const child = spawn(command, commandArgs, { cwd: root, env, stdio: 'inherit', detached: true });
  const forward = (signal) => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
  child.on('error', (error) => {
    console.error(`could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(signal ? 128 + (constants.signals[signal] ?? 0) : (code ?? 1));
  });
}

buildRenderer();
const electron = electronBinary();
if (electron) {
  await buildElectron();
  run(electron, [root, ...args]);
} else {
  say(
    'the Electron binary is not installed, so no window: starting the headless console instead (open the console URL below in a browser). ' +
      'To get the desktop window, run `node node_modules/electron/install.js` once on a machine with internet access.',
  );
  run(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'electron/serve.ts', ...args]);
}
