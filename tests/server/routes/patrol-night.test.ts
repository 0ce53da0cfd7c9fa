// The patrol night is defined once (server/domain/local-time.ts) and the KPI, the missed courtyards and the routes
// all follow it. The app gets a clock we set, instead of a global Date mock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { readConfig } from '../../../server/config.ts';
import type { Database } from '../../../server/db/database.ts';
import { LOCAL_UTC_OFFSET, LOCAL_UTC_OFFSET_HOURS, localDateOf, patrolNightOf } from '#domain/local-time.ts';
import { loginAs, type Session } from '../../helpers/session.ts';
import { openTestDatabase, testBackend } from '../../helpers/test-database.ts';

let database: Database;
let app: FastifyInstance;
let leader: Session;
let taoyuan: number;
let clock = new Date();
/** A local date D such that the demo data has a patrol of 桃园社区 on D and on the night before. */
let nightD: string;
let nightBefore: string;

const addDays = (date: string, days: number) => localDateOf(new Date(Date.parse(`${date}T12:00:00${LOCAL_UTC_OFFSET}`) + days * 86_400_000));
const at = (date: string, time: string) => new Date(`${date}T${time}:00${LOCAL_UTC_OFFSET}`);

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({ config: { ...readConfig({}), seedOnEmpty: false, logLevel: 'silent' }, database, logger: false, now: () => clock });
  await app.ready();
  leader = await loginAs(app, 'leader');
  taoyuan = (await app.pg.query(`SELECT id FROM areas WHERE name = '桃园社区'`)).rows[0].id;
  const { rows } = await app.pg.query<{ night: string }>(
    `SELECT DISTINCT to_char(started_at + make_interval(hours => $2), 'YYYY-MM-DD') AS night FROM patrols WHERE community_id = $1 ORDER BY night DESC LIMIT 20`,
    [taoyuan, LOCAL_UTC_OFFSET_HOURS],
  );
  const nights = new Set(rows.map((row) => row.night));
  nightD = [...nights].slice(1).find((night) => nights.has(addDays(night, -1)))!;
  expect(nightD, 'two patrolled nights in a row in the demo data').toBeDefined();
  nightBefore = addDays(nightD, -1);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe(`the patrol night, with a fixed clock (${testBackend()})`, () => {
  const cases: Array<{ name: string; clock: () => Date; last: () => string; tonight: () => string | null }> = [
    { name: '22:59: last night is yesterday, tonight is in progress', clock: () => at(nightD, '22:59'), last: () => nightBefore, tonight: () => nightD },
    { name: '23:00: tonight has ended and becomes last night', clock: () => at(nightD, '23:00'), last: () => nightD, tonight: () => null },
    { name: '23:01: still the night that just ended', clock: () => at(nightD, '23:01'), last: () => nightD, tonight: () => null },
    { name: '08:00 the next morning: the night before', clock: () => at(addDays(nightD, 1), '08:00'), last: () => nightD, tonight: () => null },
  ];

  it.each(cases)('$name; the KPI, the missed courtyards and the routes show that one night', async (testCase) => {
    clock = testCase.clock();
    const expected = patrolNightOf(testCase.last());

    const coverage = (await leader({ url: `/api/patrols/coverage?community=${taoyuan}` })).json();
    expect(coverage.night).toBe(expected.date);
    expect([coverage.starts, coverage.ends]).toEqual([expected.starts.toISOString(), expected.ends.toISOString()]);
    expect(coverage.tonight?.night ?? null).toBe(testCase.tonight());
    // A night with patrols: no false alarm of 0 % with every courtyard missed.
    expect(coverage.patrols).toBeGreaterThan(0);
    expect(coverage.coverage).toBeGreaterThan(0);
    const compounds = coverage.grids.reduce((sum: number, grid: { compounds: number }) => sum + grid.compounds, 0);
    expect(coverage.missed.features.length).toBeLessThan(compounds);

    const kpis = (await leader({ url: `/api/communities/${taoyuan}` })).json().properties.kpis;
    expect(kpis.lastPatrolNight).toBe(expected.date);
    expect(kpis.lastNightPatrols).toBe(coverage.patrols);
    expect(kpis.lastNightPatrolCoverage).toBeCloseTo(coverage.coverage, 4);

    const routes = (await leader({ url: `/api/patrols?community=${taoyuan}` })).json();
    expect(routes.features).toHaveLength(coverage.patrols);
    for (const route of routes.features) {
      const times = route.properties.times as number[];
      expect(times[0] * 1000).toBeGreaterThanOrEqual(expected.starts.getTime() - 60_000);
      expect(times[times.length - 1] * 1000).toBeLessThanOrEqual(expected.ends.getTime());
    }
    // Asking for the night by its date gives the same routes.
    const byDate = (await leader({ url: `/api/patrols?community=${taoyuan}&night=${expected.date}` })).json();
    expect(byDate.features.map((route: { properties: { id: number } }) => route.properties.id)).toEqual(routes.features.map((route: { properties: { id: number } }) => route.properties.id));
  });

  it('refuses a night together with a time window, and a night that is not a date', async () => {
    const both = await leader({ url: `/api/patrols?community=${taoyuan}&night=${nightD}&from=2026-01-01T00:00:00Z` });
    expect(both.statusCode).toBe(400);
    expect(both.json().message).toMatch(/querystring\.night/);
    const bad = await leader({ url: `/api/patrols/coverage?community=${taoyuan}&night=2026-13-45` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/night/);
  });
});
