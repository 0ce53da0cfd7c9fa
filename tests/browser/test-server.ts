// Starts GridAtlas for the browser tests: a fresh embedded database in a temporary folder (the first start seeds
// the demo city, about 45 s), or DATABASE_URL when it is set. The client is built first if it is stale. The server
// logs at info level and every line is kept, so that a test can check what was written (no display token).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureClientBuild } from '../../scripts/ensure-client-build.ts';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface TestServer {
  baseUrl: string;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  /** For a server started with a settable clock: sets its "now" (null: the system clock). */
  setClock(now: Date | null): Promise<void>;
  /** Stops the server; `keepData` leaves its embedded database folder for the next server. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  log?(message: string): void;
  /** Reuse this embedded data folder (already seeded) instead of a fresh one; it is not removed on stop. */
  dataDir?: string;
  /** Start tests/browser/clock-server.ts, whose clock setClock() sets. */
  settableClock?: boolean;
}

export async function startTestServer({ log = (message: string) => console.log(message), dataDir: givenDataDir, settableClock = false }: StartOptions = {}): Promise<TestServer & { dataDir: string | null }> {
  await ensureClientBuild();
  // A server that is already running (while developing); note that the tests add incidents to it.
  const existing = process.env.BROWSER_TEST_BASE_URL;
  if (existing) {
    log(`[server] using the running server at ${existing}`);
    return { baseUrl: existing.replace(/\/$/, ''), dataDir: null, output: () => '', setClock: async () => { throw new Error('no settable clock on a running server'); }, stop: async () => undefined };
  }
  const port = await freePort();
  const dataDir = process.env.DATABASE_URL ? null : (givenDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gridatlas-browser-')));
  log(process.env.DATABASE_URL ? '[server] using DATABASE_URL' : `[server] embedded database in ${dataDir}${givenDataDir ? '' : ' (first start seeds the demo city, about 45 s)'}`);
  const entry = settableClock ? 'tests/browser/clock-server.ts' : 'server/main.ts';
  const child: ChildProcess = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', entry], {
    cwd: repositoryRoot,
    // The tests sign in some fifty times within minutes from one address: the login limit is not what they test.
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', LOGIN_RATE_LIMIT_MAX: '1000', ...(dataDir ? { GRIDATLAS_DATA_DIR: dataDir } : {}) },
    stdio: settableClock ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => output.push(chunk.toString());
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const tail = () => output.join('').split('\n').slice(-60).join('\n');

  const baseUrl = `http://127.0.0.1:${port}`;
  const started = Date.now();
  let lastNote = 0;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${tail()}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() - started > 300_000) {
      child.kill('SIGTERM');
      throw new Error(`the server did not start within 300 s:\n${tail()}`);
    }
    if (Date.now() - lastNote > 10_000) {
      lastNote = Date.now();
      log(`[server] starting… ${Math.round((Date.now() - started) / 1000)} s`);
    }
    // Polling the health endpoint until it answers.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  log(`[server] ready at ${baseUrl} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return {
    baseUrl,
    dataDir,
    output: () => output.join(''),
    async setClock(now) {
      if (!child.send) throw new Error('this server has no settable clock');
      const answered = new Promise<void>((resolve) => child.once('message', () => resolve()));
      child.send({ now: now?.toISOString() ?? null });
      await answered;
    },
    async stop({ keepData = false } = {}) {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            resolve(undefined);
          }, 15_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve(undefined);
          });
        });
      }
      if (dataDir && !keepData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
