// Benchmark: what the overdue rule (incident_is_overdue, server/db/migrations) costs over many incidents:
// - the overdue count over every incident, in SQL alone (the rule on each row);
// - the overdue count per community, as the community KPIs count it (GET /api/communities/:id);
// - the community KPIs through the API, and the incident polygon search through the API (a page of 5000, each
//   with its overdue flag).
// Usage: npm run bench -- overdue [--incidents 100000] [--requests 20]
// Uses DATABASE_URL when set (a scratch database is created on that server), else a temporary embedded database.
import { buildApp } from '../../server/app.ts';
import { readConfig } from '../../server/config.ts';
import { runQuery, sql } from '../../server/db/sql.ts';
import { overdue } from '../../server/repositories/collections/catalog.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo-users.ts';
import { benchCity, measure, option } from './bench-database.ts';

const TARGET_INCIDENTS = option('incidents', 100_000);
const REQUESTS = option('requests', 20);

const { database, pool, total, area } = await benchCity(TARGET_INCIDENTS);
try {
  const now = new Date();
  const communities = (await pool.query<{ id: number }>(`SELECT id FROM areas WHERE level = 'community' ORDER BY id`)).rows.map((row) => row.id);
  const countAll = sql`SELECT count(*)::int AS overdue FROM incidents AS item WHERE ${overdue('item', now)}`;
  const countPerCommunity = sql`SELECT community.id, (SELECT count(*)::int FROM incidents AS item WHERE item.community_id = community.id AND ${overdue('item', now)}) AS overdue
                                  FROM areas AS community WHERE community.level = 'community'`;
  const overdueCount = (await runQuery<{ overdue: number }>(pool, countAll)).rows[0].overdue;
  const open = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM incidents WHERE status <> 'closed'`)).rows[0].n;
  console.log(`${total} incidents, ${open} open, ${overdueCount} overdue; ${communities.length} communities`);

  const app = await buildApp({ config: { ...readConfig({}), seedOnEmpty: false, logLevel: 'warn' }, database: { ...database, close: async () => {} }, logger: false });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const login = await fetch(`${address}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const get = async (path: string) => {
    const response = await fetch(`${address}${path}`, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    await response.arrayBuffer();
  };
  const searchBody = JSON.stringify({ area, limit: 5000 });

  const cases: [string, () => Promise<void>][] = [
    ['SQL: overdue count over every incident', async () => void (await runQuery(pool, countAll))],
    ['SQL: overdue count per community (the KPI)', async () => void (await runQuery(pool, countPerCommunity))],
    ['API: GET /api/communities/:id, every community', async () => void (await Promise.all(communities.map((id) => get(`/api/communities/${id}`))))],
    [
      'API: POST /api/incidents/search, a page of 5000',
      async () => {
        const response = await fetch(`${address}/api/incidents/search`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: searchBody });
        if (response.status !== 200) throw new Error(`search answered ${response.status}`);
        await response.arrayBuffer();
      },
    ],
  ];
  const results = ['| what | p50 ms | p95 ms |', '|---|---|---|'];
  for (const [name, task] of cases) {
    const times = await measure(1, REQUESTS, task);
    results.push(`| ${name} | ${times.p50.toFixed(1)} | ${times.p95.toFixed(1)} |`);
  }
  console.log(`\noverdue rule, ${database.backend}, ${total} incidents (${overdueCount} overdue)\n${results.join('\n')}`);
  await app.close();
} finally {
  await pool.end();
  await database.close();
}
