import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '../../server/seed/demo-users.ts';
import { copyTestDatabase, type DatabaseCopy } from './test-database.ts';

export { copyTestDatabase };

export interface ServerProcess {
  baseUrl: string;
  port: number;
  pid: number;
  /** The copy of the demo database it runs on: a folder (embedded) or a database name (PostgreSQL). */
  database: { folder: string } | { name: string; url: string };
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  alive(): boolean;
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

/**
 * GridAtlas as its own process (`tsx server/main.ts`), as `npm start` runs it, on a private copy of the
 * seeded demo database: for tests that need real sockets, a real event loop of its own, or a process
 * that could crash.
 */
export async function startServerProcess({
  env = {},
  timeoutMs = 120_000,
  database: shared,
}: {
  env?: Record<string, string>;
  timeoutMs?: number;
  /** A copy to share with other processes (PostgreSQL); the caller drops it. Default: a copy of its own. */
  database?: DatabaseCopy;
} = {}): Promise<ServerProcess> {
  const copy = shared ? { ...shared, drop: async () => {} } : await copyTestDatabase('gridatlas_process');
  const { database } = copy;
  const databaseEnv = copy.env;

  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: { ...process.env, DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_ON_EMPTY: 'false', ...databaseEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const output = () => chunks.join('');
  const baseUrl = `http://127.0.0.1:${port}`;

  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`the server did not start within ${timeoutMs / 1000} s:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    baseUrl,
    port,
    pid: child.pid!,
    database,
    output,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      await copy.drop();
    },
  };
}

/** A demo user's session on a running server: fetch with its cookie, as a browser tab would. */
export async function httpSession(baseUrl: string, username: string) {
  const response = await fetch(`${baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (response.status !== 200) throw new Error(`login as ${username} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('gridatlas_session='))!.split(';')[0];
  const { user } = (await response.json()) as { user: { id: number; username: string; displayName: string; role: string; communityIds: number[] } };
  const request = (url: string, init: RequestInit & { json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    headers.set('cookie', cookie);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    return fetch(`${baseUrl}${url}`, { ...init, headers, body: init.json === undefined ? init.body : JSON.stringify(init.json) });
  };
  return Object.assign(request, { user, cookie });
}
