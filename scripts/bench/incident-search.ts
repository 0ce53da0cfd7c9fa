// Benchmark: the incident polygon search over 100k incidents, through the API (HTTP, validation,
// scope, serialisation) side by side with the same SQL run directly through node-postgres.
// Usage: npm run bench -- incident-search [--incidents 100000] [--requests 40]
// Uses DATABASE_URL when set (a scratch database is created on that server), else a temporary embedded database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../../server/app.ts';
import { readConfig } from '../../server/config.ts';
import { openEmbeddedDatabase, type Database } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { incidentsRepository } from '../../server/repositories/incidents-repository.ts';
import { incidentsCollection, type IncidentFilters } from '../../server/repositories/collections/catalog.ts';
import { queryCollectionPage } from '../../server/repositories/collections/collection.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo-users.ts';
import { seedDemo } from '../../server/seed/seed-demo.ts';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}
const TARGET_INCIDENTS = option('incidents', 100_000);
const REQUESTS = option('requests', 40);

async function scratchDatabase(): Promise<Database> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gridatlas-bench-'));
    const database = await openEmbeddedDatabase(folder);
    return { ...database, close: async () => { await database.close(); fs.rmSync(folder, { recursive: true, force: true }); } };
  }
  const name = `gridatlas_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    backend: 'postgresql',
    connection: { connectionString: url.toString() },
    close: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
}

async function measure(concurrency: number, requests: number, task: () => Promise<void>): Promise<{ p50: number; p95: number }> {
  for (let index = 0; index < 3; index++) await task(); // warm-up
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        next++;
        const started = performance.now();
        await task();
        latencies.push(performance.now() - started);
      }
    }),
  );
  return { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95) };
}

const database = await scratchDatabase();
const pool = new pg.Pool({ ...database.connection, max: 8, ...(database.backend === 'postgresql' ? { options: '-c jit=off' } : {}) });
try {
  console.log(`backend: ${database.backend}; seeding the demo city…`);
  await migrate(pool);
  await seedDemo(pool, { patrolNights: 2 });
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents');
  const copies = Math.ceil(TARGET_INCIDENTS / rows[0].n) - 1;
  console.log(`multiplying ${rows[0].n} incidents ×${copies + 1} (jittered by up to ~30 m)…`);
  await pool.query(
    `INSERT INTO incidents (community_id, grid_id, category, status, source, title, description, reported_at, updated_at, closed_at, geom)
     SELECT community_id, grid_id, category, status, source, title, description, reported_at, updated_at, closed_at,
            ST_Translate(geom, (random() - 0.5) * 0.0006, (random() - 0.5) * 0.0006)
       FROM incidents, generate_series(1, $1) LIMIT $2`,
    [copies, TARGET_INCIDENTS - rows[0].n],
  );
  await pool.query('ANALYZE incidents');
  const total = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents')).rows[0].n;

  // The search area: the old town of 桐柏 城关镇, about an eighth of all incidents.
  const areaRow = await pool.query<{ area: string }>(
    `SELECT ST_AsGeoJSON(ST_Envelope(ST_Buffer(ST_Centroid(geom), 0.0035)), 7) AS area FROM areas WHERE level = 'street' AND code = '411330100'`,
  );
  const area = JSON.parse(areaRow.rows[0].area);
  const scope = (await pool.query<{ ids: number[] }>(`SELECT array_agg(id ORDER BY id) AS ids FROM areas WHERE level = 'community'`)).rows[0].ids;
  const filters: IncidentFilters = { area: JSON.stringify(area), categories: null, statuses: null, sources: null };
  const repository = incidentsRepository(pool);
  const matches = (await repository.summary(filters, scope)).total;
  console.log(`${total} incidents; the search area matches ${matches}; each request returns one page of up to 5000 plus the summary`);

  const app = await buildApp({ config: { ...readConfig({}), seedOnEmpty: false, logLevel: 'warn' }, database: { ...database, close: async () => {} }, logger: false });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const login = await fetch(`${address}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'analyst', password: DEMO_PASSWORD }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const body = JSON.stringify({ area, limit: 5000 });
  const viaApi = async () => {
    const response = await fetch(`${address}/api/incidents/search`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body });
    if (response.status !== 200) throw new Error(`API answered ${response.status}`);
    await response.arrayBuffer();
  };
  const direct = async () => {
    await Promise.all([queryCollectionPage(pool, incidentsCollection, { filters, scope, now: new Date() }, { limit: 5000, after: null }), repository.summary(filters, scope)]);
  };

  const results: string[] = ['| concurrency | API p50 ms | API p95 ms | direct p50 ms | direct p95 ms | p50 ratio |', '|---|---|---|---|---|---|'];
  for (const concurrency of [1, 8]) {
    const requests = concurrency === 1 ? REQUESTS : REQUESTS * 2;
    const directTimes = await measure(concurrency, requests, direct);
    const apiTimes = await measure(concurrency, requests, viaApi);
    results.push(
      `| ${concurrency} | ${apiTimes.p50.toFixed(0)} | ${apiTimes.p95.toFixed(0)} | ${directTimes.p50.toFixed(0)} | ${directTimes.p95.toFixed(0)} | ${(apiTimes.p50 / directTimes.p50).toFixed(2)} |`,
    );
  }
  console.log(`\nincident polygon search, ${database.backend}, ${total} incidents, ${matches} matches\n${results.join('\n')}`);
  await app.close();
} finally {
  await pool.end();
  await database.close();
}
