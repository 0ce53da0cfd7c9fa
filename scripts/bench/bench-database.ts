// What the benchmarks share: options, a scratch database (a new database on DATABASE_URL's server, else a temporary
// embedded one), latency percentiles, and the demo incidents multiplied to a target count.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openEmbeddedDatabase, type Database } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { seedDemo } from '../../server/seed/seed-demo.ts';

export function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

export async function scratchDatabase(): Promise<Database> {
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

export function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
}

export async function measure(concurrency: number, requests: number, task: () => Promise<void>): Promise<{ p50: number; p95: number }> {
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


/** Copies the demo's incidents, each moved by up to ~30 m, until there are `target`; then ANALYZE. */
export async function multiplyIncidents(pool: pg.Pool, target: number): Promise<number> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents');
  const copies = Math.ceil(target / rows[0].n) - 1;
  console.log(`multiplying ${rows[0].n} incidents ×${copies + 1} (jittered by up to ~30 m)…`);
  await pool.query(
    `INSERT INTO incidents (community_id, grid_id, category, status, source, title, description, reported_at, updated_at, closed_at, geom)
     SELECT community_id, grid_id, category, status, source, title, description, reported_at, updated_at, closed_at,
            ST_Translate(geom, (random() - 0.5) * 0.0006, (random() - 0.5) * 0.0006)
       FROM incidents, generate_series(1, $1) LIMIT $2`,
    [copies, target - rows[0].n],
  );
  await pool.query('ANALYZE incidents');
  return (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents')).rows[0].n;
}

/**
 * A scratch database with the demo city and its incidents multiplied to `incidents`; a pool on it; and the
 * benchmarks' search area, the old town of 桐柏 城关镇 (about an eighth of all incidents), as GeoJSON.
 */
export async function benchCity(incidents: number): Promise<{ database: Database; pool: pg.Pool; total: number; area: { type: 'Polygon'; coordinates: number[][][] } }> {
  const database = await scratchDatabase();
  const pool = new pg.Pool({ ...database.connection, max: 8, ...(database.backend === 'postgresql' ? { options: '-c jit=off' } : {}) });
  console.log(`backend: ${database.backend}; seeding the demo city…`);
  await migrate(pool);
  await seedDemo(pool, { patrolNights: 2 });
  const total = await multiplyIncidents(pool, incidents);
  const { rows } = await pool.query<{ area: string }>(
    `SELECT ST_AsGeoJSON(ST_Envelope(ST_Buffer(ST_Centroid(geom), 0.0035)), 7) AS area FROM areas WHERE level = 'street' AND code = '411330100'`,
  );
  return { database, pool, total, area: JSON.parse(rows[0].area) };
}
