// The desktop app's main-process bundles: dist/electron/main.js and preload.cjs. Used by
// `npm start` when the Electron binary is there, and by `npm run build:desktop` before
// packaging (electron-builder.yml packages these files, never the TypeScript sources).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function buildElectron() {
  const esbuild = await import('esbuild');
  const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', sourcemap: true, external: ['electron'], logLevel: 'warning' };
  // Main: ESM, dependencies stay in node_modules (packaged as production dependencies).
  // Preload: one CommonJS file with nothing to require but electron, because a sandboxed
  // preload cannot load modules.
  await esbuild.build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.js', format: 'esm', packages: 'external' });
  await esbuild.build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs' });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildElectron();
  console.log('built dist/electron/main.js and dist/electron/preload.cjs');
}
