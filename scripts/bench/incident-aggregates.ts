// Benchmark: the analyst's aggregation (POST /api/incidents/aggregate: breakdowns, time series, time to close and
// 250 m hexbins, all in SQL) over 1M incidents, side by side, in the same run, with the way a client would bin
// without it: read every matching point (POST /api/incidents/search, page by page) and count them per hexagon in
// JavaScript. Both count the same incidents; the check says so.
// Usage: npm run bench -- incident-aggregates [--incidents 1000000] [--requests 10]
// Uses DATABASE_URL when set (a scratch database is created on that server), else a temporary embedded database.
import { LocalFrame } from '#domain/local-frame.ts';
import { buildApp } from '../../server/app.ts';
import { readConfig } from '../../server/config.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo-users.ts';
import { benchCity, measure, option } from './bench-database.ts';

const TARGET_INCIDENTS = option('incidents', 1_000_000);
const REQUESTS = option('requests', 10);
const HEX_METRES = 250;

/** Points counted per flat-topped hexagon `across` metres flat to flat, in a local metre frame: a client's binning. */
export function binInHexagons(points: [number, number][], across: number): Map<string, number> {
  const counts = new Map<string, number>();
  if (points.length === 0) return counts;
  const frame = new LocalFrame(points[0][0], points[0][1]);
  const size = across / Math.sqrt(3); // centre to corner
  for (const point of points) {
    const [x, y] = frame.toMetres(point);
    // Axial coordinates of a flat-topped hexagon grid, rounded in cube coordinates.
    const q = ((2 / 3) * x) / size;
    const r = ((-1 / 3) * x + (Math.sqrt(3) / 3) * y) / size;
    let rq = Math.round(q);
    let rr = Math.round(r);
    const rs = Math.round(-q - r);
    const dq = Math.abs(rq - q);
    const dr = Math.abs(rr - r);
    const ds = Math.abs(rs - (-q - r));
    if (dq > dr && dq > ds) rq = -rr - rs;
    else if (dr > ds) rr = -rq - rs;
    const key = `${rq},${rr}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

const { database, pool, total, area } = await benchCity(TARGET_INCIDENTS);
try {
  const app = await buildApp({ config: { ...readConfig({}), seedOnEmpty: false, logLevel: 'warn', statementTimeoutMs: 600_000 }, database: { ...database, close: async () => {} }, logger: false });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const login = await fetch(`${address}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'analyst', password: DEMO_PASSWORD }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${address}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return response.json();
  };

  let serverTotal = 0;
  let serverCells = 0;
  const server = await measure(1, REQUESTS, async () => {
    const result = (await post('/api/incidents/aggregate', { area, interval: 'day', hexMetres: HEX_METRES })) as { total: number; hexbins: { features: { properties: { count: number } }[] } };
    serverTotal = result.total;
    serverCells = result.hexbins.features.length;
    const binned = result.hexbins.features.reduce((sum, feature) => sum + feature.properties.count, 0);
    if (binned !== result.total) throw new Error(`the hexbins hold ${binned} of ${result.total}`);
  });

  let clientTotal = 0;
  let clientCells = 0;
  let fetchMs = 0;
  let binMs = 0;
  const client = await measure(1, Math.max(3, Math.ceil(REQUESTS / 3)), async () => {
    const started = performance.now();
    const points: [number, number][] = [];
    let body: Record<string, unknown> | undefined = { area, limit: 5000 };
    while (body) {
      const page = (await post('/api/incidents/search', body)) as { features: { geometry: { coordinates: [number, number] } }[]; links: { rel: string; body?: Record<string, unknown> }[] };
      for (const feature of page.features) points.push(feature.geometry.coordinates);
      body = page.links.find((link) => link.rel === 'next')?.body;
    }
    const fetched = performance.now();
    const cells = binInHexagons(points, HEX_METRES);
    fetchMs = fetched - started;
    binMs = performance.now() - fetched;
    clientTotal = points.length;
    clientCells = cells.size;
  });
  if (clientTotal !== serverTotal) throw new Error(`the client read ${clientTotal} incidents, the server counted ${serverTotal}`);

  console.log(`\naggregation over ${total} incidents, ${database.backend}; the area matches ${serverTotal}; ${HEX_METRES} m hexagons
| way | p50 ms | p95 ms | hexagons | of which: read points / bin in JS (last run, ms) |
|---|---|---|---|---|
| server: POST /api/incidents/aggregate (SQL, every breakdown) | ${server.p50.toFixed(0)} | ${server.p95.toFixed(0)} | ${serverCells} | |
| client: read all points by search, bin in JS | ${client.p50.toFixed(0)} | ${client.p95.toFixed(0)} | ${clientCells} | ${fetchMs.toFixed(0)} / ${binMs.toFixed(0)} |
| ratio client / server (p50) | ${(client.p50 / server.p50).toFixed(2)} | | | |`);
  await app.close();
} finally {
  await pool.end();
  await database.close();
}
