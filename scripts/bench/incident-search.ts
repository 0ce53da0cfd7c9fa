// Benchmark: the incident polygon search over 100k incidents, through the API (HTTP, validation,
// scope, serialisation) side by side with the same SQL run directly through node-postgres.
// Usage: npm run bench -- incident-search [--incidents 100000] [--requests 40]
// Uses DATABASE_URL when set (a scratch database is created on that server), else a temporary embedded database.
import { buildApp } from '../../server/app.ts';
import { readConfig } from '../../server/config.ts';
import { incidentsRepository } from '../../server/repositories/incidents-repository.ts';
import { incidentsCollection, type IncidentFilters } from '../../server/repositories/collections/catalog.ts';
import { queryCollectionPage } from '../../server/repositories/collections/collection.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo-users.ts';
import { benchCity, measure, option } from './bench-database.ts';

const TARGET_INCIDENTS = option('incidents', 100_000);
const REQUESTS = option('requests', 40);

const { database, pool, total, area } = await benchCity(TARGET_INCIDENTS);
try {
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
