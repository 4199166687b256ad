// `npm start`: the desktop app when the Electron binary is installed, else the headless
// console (electron/serve.ts) with the same arguments. Either way this process only
// relays signals and the exit code.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

/** The binary's path when it is really there; the npm package alone is not enough. */
function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    // electron/index.js throws when its download step never ran (allowScripts disables it).
    return null;
  }
}

async function buildElectron() {
  const esbuild = await import('esbuild');
  const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', sourcemap: true, external: ['electron'], logLevel: 'warning' };
  // Main: ESM, dependencies stay in node_modules. Preload: one CommonJS file with nothing
  // to require but electron, because a sandboxed preload cannot load modules.
  await esbuild.build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.js', format: 'esm', packages: 'external' });
  await esbuild.build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs' });
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

const electron = electronBinary();
if (electron) {
  await buildElectron();
  run(electron, [root, ...args]);
} else {
  console.log(
    'Electron binary not installed (run `node node_modules/electron/install.js` on a machine with internet access to fetch it); starting the headless console instead',
  );
  run(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'electron/serve.ts', ...args]);
}
