// Starts GridAtlas for the browser tests: a fresh embedded database in a temporary folder (the first start seeds
// the demo city, about 45 s), or DATABASE_URL when it is set. The client is built first if it is stale.
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
  stop(): Promise<void>;
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

export async function startTestServer({ log = (message: string) => console.log(message) } = {}): Promise<TestServer> {
  await ensureClientBuild();
  // A server that is already running (while developing); note that the tests add incidents to it.
  const existing = process.env.BROWSER_TEST_BASE_URL;
  if (existing) {
    log(`[server] using the running server at ${existing}`);
    return { baseUrl: existing.replace(/\/$/, ''), stop: async () => undefined };
  }
  const port = await freePort();
  const dataDir = process.env.DATABASE_URL ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'gridatlas-browser-'));
  log(process.env.DATABASE_URL ? '[server] using DATABASE_URL' : `[server] fresh embedded database in ${dataDir} (first start seeds the demo city, about 45 s)`);
  const child: ChildProcess = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'server/main.ts'], {
    cwd: repositoryRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...(dataDir ? { GRIDATLAS_DATA_DIR: dataDir } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const baseUrl = `http://127.0.0.1:${port}`;
  const started = Date.now();
  let lastNote = 0;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output.join('')}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() - started > 240_000) {
      child.kill('SIGTERM');
      throw new Error(`the server did not start within 240 s:\n${output.join('')}`);
    }
    if (Date.now() - lastNote > 10_000) {
      lastNote = Date.now();
      log(`[server] starting… ${Math.round((Date.now() - started) / 1000)} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  log(`[server] ready at ${baseUrl} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return {
    baseUrl,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            resolve(undefined);
          }, 10_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve(undefined);
          });
        });
      }
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
