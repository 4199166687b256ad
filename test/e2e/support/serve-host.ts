import { spawnServe, type ServeProcess } from '../../support/serve-process.js';

/** One running `serve` process, as the tests see it. */
export interface ServeHost {
  dataDir: string;
  instanceId: string;
  /** The server's origin with a trailing slash. */
  url: string;
  /** What a trader opens: the URL with the token in the fragment. */
  consoleUrl: string;
  token: string;
  process: ServeProcess;
  /** Ends the process (SIGTERM, then SIGKILL if it does not finish); safe to call twice. */
  stop(): Promise<void>;
}

const startTimeoutMs = 30_000;
// serve lets buys in flight settle for up to 15 s on SIGTERM.
const stopTimeoutMs = 20_000;

/** Starts `serve` on `dataDir` on any free port and resolves once it prints the console URL. */
export async function startServeHost(dataDir: string, flags: string[] = []): Promise<ServeHost> {
  const proc = spawnServe(['--data-dir', dataDir, '--port', '0', '--quiet', ...flags]);
  const consoleUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.child.kill('SIGKILL');
      reject(new Error(`serve printed no console URL within ${startTimeoutMs} ms:\n${proc.output()}`));
    }, startTimeoutMs);
    const look = () => {
      const match = /^console: (\S+)$/m.exec(proc.output());
      if (match?.[1]) {
        clearTimeout(timer);
        proc.child.stdout?.off('data', look);
        resolve(match[1]);
      }
    };
    proc.child.stdout?.on('data', look);
    void proc.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (code ${code}, signal ${signal}) before printing its console URL:\n${proc.output()}`));
    });
  });
  const parsed = new URL(consoleUrl);
  const token = new URLSearchParams(parsed.hash.slice(1)).get('token');
  if (!token) throw new Error(`no token in the console URL ${consoleUrl}`);
  let stopping: Promise<void> | null = null;
  return {
    dataDir,
    instanceId: await proc.instanceId,
    url: `${parsed.origin}/`,
    consoleUrl,
    token,
    process: proc,
    stop() {
      stopping ??= stopProcess(proc);
      return stopping;
    },
  };
}

async function stopProcess(proc: ServeProcess): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), stopTimeoutMs);
  await proc.exited;
  clearTimeout(timer);
}
