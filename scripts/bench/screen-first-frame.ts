// Time from navigation to the first map frame of /screen in headless chromium, on the full demo city and again
// with ten times the incidents. Starts its own server on a fresh embedded database (or DATABASE_URL, which it
// changes: use a scratch database there).
//
//   npx tsx scripts/bench/screen-first-frame.ts [--runs 3] [--factor 10]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { openEmbeddedDatabase } from '../../server/db/database.ts';
import { ensureClientBuild } from '../ensure-client-build.ts';
import { launchBrowser } from '../../tests/browser/browser.ts';

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const RUNS = argument('runs', 3);
const FACTOR = argument('factor', 10);
const PORT = argument('port', 3917);
const baseUrl = `http://127.0.0.1:${PORT}`;
const dataDir = process.env.DATABASE_URL ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'gridatlas-bench-'));

async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'server/main.ts'], {
    env: { ...process.env, PORT: String(PORT), LOG_LEVEL: 'warn', ...(dataDir ? { GRIDATLAS_DATA_DIR: dataDir } : {}) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not yet
    }
    if (Date.now() - started > 300_000) throw new Error('server did not start in 300 s');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.log(`server ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return child;
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

interface Sample {
  firstMapFrame: number;
  firstDataFrame: number;
}

async function measure(label: string): Promise<Sample[]> {
  const browser = await launchBrowser();
  const samples: Sample[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1920, height: 1080 } });
      await context.request.post('/api/session', { data: { username: 'leader', password: 'gridatlas-demo' } });
      const page = await context.newPage();
      await page.goto('/screen?fps=10');
      await page.waitForFunction(() => window.__gridatlasMetrics?.firstMapFrame !== undefined && window.__gridatlasMetrics?.firstDataFrame !== undefined, undefined, { timeout: 120_000, polling: 100 });
      // performance.now() counts from the navigation's start, so these are times since navigation.
      const metrics = (await page.evaluate(() => window.__gridatlasMetrics))!;
      samples.push({ firstMapFrame: metrics.firstMapFrame!, firstDataFrame: metrics.firstDataFrame! });
      console.log(`${label} run ${run + 1}: first map frame ${Math.round(metrics.firstMapFrame!)} ms, first frame with incidents ${Math.round(metrics.firstDataFrame!)} ms`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return samples;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Copies every incident FACTOR - 1 times, a few metres away and a few hours earlier, with new ids. */
async function multiplyIncidents(): Promise<number> {
  const database = dataDir ? await openEmbeddedDatabase(dataDir) : null;
  const pool = new pg.Pool({ ...(database?.connection ?? { connectionString: process.env.DATABASE_URL }), max: 1 });
  try {
    await pool.query(`
      INSERT INTO incidents (id, community_id, grid_id, category, status, source, title, description, reported_at, updated_at, closed_at, geom)
      SELECT (SELECT max(id) FROM incidents) + row_number() OVER (),
             community_id, grid_id, category, status, source, title, description,
             reported_at - make_interval(hours => copy), updated_at - make_interval(hours => copy), closed_at - make_interval(hours => copy),
             ST_Translate(geom, (random() - 0.5) * 0.0004, (random() - 0.5) * 0.0004)
      FROM incidents, generate_series(1, $1::int - 1) AS copy`, [FACTOR]);
    await pool.query(`SELECT setval('incidents_id_seq', (SELECT max(id) FROM incidents))`);
    await pool.query('ANALYZE incidents');
    const { rows } = await pool.query<{ count: number }>('SELECT count(*)::int AS count FROM incidents');
    return rows[0].count;
  } finally {
    await pool.end();
    await database?.close();
  }
}

await ensureClientBuild();
let server = await startServer();
let baseCount = 0;
try {
  baseCount = Number(((await (await fetch(`${baseUrl}/api/health`)).json()) as { rowCounts: { incidents: number } }).rowCounts.incidents);
  const base = await measure(`${baseCount} incidents`);
  await stopServer(server);
  const multipliedCount = await multiplyIncidents();
  server = await startServer();
  const multiplied = await measure(`${multipliedCount} incidents`);
  console.log('\n| incidents | first map frame (median) | first frame with incidents (median) |');
  console.log('|---|---|---|');
  for (const [count, samples] of [[baseCount, base], [multipliedCount, multiplied]] as const) {
    console.log(`| ${count} | ${Math.round(median(samples.map((sample) => sample.firstMapFrame)))} ms | ${Math.round(median(samples.map((sample) => sample.firstDataFrame)))} ms |`);
  }
} finally {
  await stopServer(server);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
