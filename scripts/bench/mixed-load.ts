// `npm run bench -- mixed-load [--seconds 30] [--writers 4] [--readers 4] [--server-dir DIR] [--base-url URL]`
//
// A mixed read/write load as several users at once: grid staff report incidents and move them through
// the workflow, while others read their session, the user list, grids and the incident list. Reports
// throughput, latency percentiles per kind of request, errors by status, and answers that belonged to
// another user. Starts its own server on a fresh database (embedded, or DATABASE_URL) from this
// checkout or from --server-dir (an older checkout, to measure before and after in one run).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '../../server/seed/demo-users.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
};
const SECONDS = Number(option('seconds', '30'));
const WRITERS = Number(option('writers', '4'));
const READERS = Number(option('readers', '4'));
const SERVER_DIR = path.resolve(option('server-dir', '.'));
const GIVEN_URL = option('base-url', '');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function startServer(): Promise<{ baseUrl: string; stop(): Promise<void>; alive(): boolean; output(): string }> {
  if (GIVEN_URL) return { baseUrl: GIVEN_URL, stop: async () => {}, alive: () => true, output: () => '' };
  const port = await freePort();
  const dataDir = process.env.DATABASE_URL ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'gridatlas-mixed-load-'));
  const child = spawn(process.execPath, [path.join(SERVER_DIR, 'node_modules/tsx/dist/cli.mjs'), 'server/main.ts'], {
    cwd: SERVER_DIR,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'error', ...(dataDir ? { GRIDATLAS_DATA_DIR: dataDir } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout.on('data', (chunk) => chunks.push(String(chunk)));
  child.stderr.on('data', (chunk) => chunks.push(String(chunk)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = Date.now();
  console.log(`starting the server from ${SERVER_DIR} (${dataDir ? 'embedded, fresh folder: seeds the demo city first' : 'DATABASE_URL'})…`);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${chunks.join('')}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // starting
    }
    if (Date.now() - started > 300_000) throw new Error('server did not start in 300 s');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.log(`ready after ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return {
    baseUrl,
    alive: () => child.exitCode === null,
    output: () => chunks.join(''),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface Session {
  username: string;
  displayName: string;
  communityId: number;
  request(url: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

async function login(baseUrl: string, username: string): Promise<Session> {
  const response = await fetch(`${baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('gridatlas_session='))!.split(';')[0];
  const { user } = (await response.json()) as { user: { username: string; displayName: string; communityIds: number[] } };
  return {
    username,
    displayName: user.displayName,
    communityId: user.communityIds[0],
    request: (url, init = {}) =>
      fetch(`${baseUrl}${url}`, {
        ...init,
        headers: { cookie, ...(init.json === undefined ? {} : { 'content-type': 'application/json' }) },
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
      }),
  };
}

const percentile = (values: number[], share: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
};

const server = await startServer();
try {
  const staff = await Promise.all(['staff_taoyuan', 'staff_xianya'].map((name) => login(server.baseUrl, name)));
  const readers = await Promise.all(['analyst', 'leader', 'admin', 'planner'].map((name) => login(server.baseUrl, name)));
  // A point inside a grid of each staff member's community (the centre of the grid's first building).
  const places = new Map<Session, number[]>();
  for (const session of staff) {
    const buildings = (await (await session.request(`/api/buildings?community=${session.communityId}&limit=1`)).json()) as { features: { geometry: { coordinates: number[][][] } }[] };
    const ring = buildings.features[0].geometry.coordinates[0];
    places.set(session, [ring.reduce((sum, point) => sum + point[0], 0) / ring.length, ring.reduce((sum, point) => sum + point[1], 0) / ring.length]);
  }

  const latencies = new Map<string, number[]>();
  const statuses = new Map<string, number>();
  let wrongUser = 0;
  let transportErrors = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const timed = async (kind: string, call: () => Promise<Response>, expected: number): Promise<unknown> => {
    const started = performance.now();
    let response: Response;
    try {
      response = await call();
    } catch {
      transportErrors++;
      return undefined;
    }
    const text = await response.text();
    (latencies.get(kind) ?? latencies.set(kind, []).get(kind)!).push(performance.now() - started);
    if (response.status !== expected) statuses.set(`${kind} ${response.status}`, (statuses.get(`${kind} ${response.status}`) ?? 0) + 1);
    try {
      return response.status === expected ? JSON.parse(text) : undefined;
    } catch {
      return undefined;
    }
  };

  const writer = async (session: Session) => {
    for (let round = 0; Date.now() < deadline && server.alive(); round++) {
      const title = `${session.username} load ${round}`;
      const created = (await timed('report', () => session.request('/api/incidents', { method: 'POST', json: { category: 'sanitation', title, location: { type: 'Point', coordinates: places.get(session) } } }), 201)) as
        | { properties: { id: number; title: string } }
        | undefined;
      if (!created) continue;
      if (created.properties.title !== title) wrongUser++;
      const moved = (await timed('move', () => session.request(`/api/incidents/${created.properties.id}/transitions`, { method: 'POST', json: { from: 'reported', to: 'assigned' } }), 200)) as
        | { properties: { events: { actor: string }[] } }
        | undefined;
      if (moved && moved.properties.events.at(-1)?.actor !== session.displayName) wrongUser++;
    }
  };
  const reader = async (session: Session, index: number) => {
    while (Date.now() < deadline && server.alive()) {
      const me = (await timed('session', () => session.request('/api/session'), 200)) as { user: { username: string } } | undefined;
      if (me && me.user.username !== session.username) wrongUser++;
      if (index % 2 === 0) await timed('grids', () => session.request('/api/grids?limit=200'), 200);
      else await timed('incidents', () => session.request('/api/incidents?limit=200'), 200);
    }
  };
  const began = performance.now();
  await Promise.all([
    ...Array.from({ length: WRITERS }, (_, index) => writer(staff[index % staff.length])),
    ...Array.from({ length: READERS }, (_, index) => reader(readers[index % readers.length], index)),
  ]);
  const elapsed = (performance.now() - began) / 1000;
  const all = [...latencies.values()].flat();
  const errors = [...statuses.values()].reduce((sum, count) => sum + count, 0);
  console.log(`\n${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded'} · ${SERVER_DIR} · ${WRITERS} writers + ${READERS} readers · ${elapsed.toFixed(1)} s`);
  console.log(`throughput ${(all.length / elapsed).toFixed(1)} req/s · p50 ${percentile(all, 0.5).toFixed(1)} ms · p95 ${percentile(all, 0.95).toFixed(1)} ms · p99 ${percentile(all, 0.99).toFixed(1)} ms`);
  for (const [kind, values] of latencies) console.log(`  ${kind.padEnd(9)} n=${String(values.length).padStart(5)}  p50 ${percentile(values, 0.5).toFixed(1)} ms  p95 ${percentile(values, 0.95).toFixed(1)} ms`);
  console.log(`unexpected statuses: ${errors}${errors ? ` (${[...statuses].map(([key, count]) => `${key}: ${count}`).join(', ')})` : ''}; transport errors: ${transportErrors}; answers for another user: ${wrongUser}; server alive at the end: ${server.alive()}`);
  console.log(JSON.stringify({ backend: process.env.DATABASE_URL ? 'postgresql' : 'embedded', serverDir: SERVER_DIR, seconds: elapsed, requests: all.length, throughput: all.length / elapsed, p50: percentile(all, 0.5), p95: percentile(all, 0.95), p99: percentile(all, 0.99), unexpectedStatuses: errors, transportErrors, wrongUser, alive: server.alive() }));
} finally {
  await server.stop();
}
