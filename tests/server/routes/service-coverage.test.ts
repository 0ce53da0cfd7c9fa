import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helpers/build.ts';
import { loginAs, type Session } from '../../helpers/session.ts';
import { testBackend } from '../../helpers/test-database.ts';

// Service coverage (the 15-minute life circle): shares of households near each kind of service point,
// checked against a brute-force count over every building and every service point.

let testApp: TestApp;
let planner: Session;
let taoyuan: number;

interface Coverage {
  households: number;
  kinds: { kind: string; within: Record<string, { households: number; share: number | null }> }[];
  uncovered: { features: { id: number; properties: { households: number } }[] };
}

beforeAll(async () => {
  testApp = await build();
  planner = await loginAs(testApp.app, 'planner');
  taoyuan = (await testApp.app.pg.query(`SELECT id FROM areas WHERE name = '桃园社区'`)).rows[0].id;
});
afterAll(() => testApp.close());

describe(`service coverage (${testBackend()})`, () => {
  it('gives, per kind and radius, the households whose building lies within it, as a brute-force count does', async () => {
    const response = await planner({ url: `/api/coverage/service?community=${taoyuan}&radius=300&kind=party_service_station` });
    expect(response.statusCode, response.body).toBe(200);
    const coverage = response.json() as Coverage;
    const { rows } = await testApp.app.pg.query<{ kind: string; radius: number; households: number; total: number }>(
      `WITH building AS (SELECT id, households, ST_PointOnSurface(geom)::geography AS at FROM buildings WHERE community_id = $1 AND households > 0)
       SELECT kind.kind, radius, (SELECT sum(households) FROM building) ::int AS total,
              coalesce((SELECT sum(b.households) FROM building AS b WHERE EXISTS (
                SELECT 1 FROM service_points AS p WHERE (kind.kind = 'any' OR p.kind = kind.kind) AND ST_Distance(p.geom::geography, b.at) <= radius)), 0)::int AS households
         FROM (SELECT DISTINCT kind FROM service_points UNION SELECT 'any') AS kind, unnest(ARRAY[300, 500, 1000]) AS radius`,
      [taoyuan],
    );
    expect(coverage.households).toBe(rows[0].total);
    for (const row of rows) {
      const within = coverage.kinds.find((kind) => kind.kind === row.kind)!.within[String(row.radius)];
      expect(within.households, `${row.kind} ${row.radius}`).toBe(row.households);
      expect(within.share).toBeCloseTo(row.households / row.total, 3);
    }
    // Farther circles hold at least as many.
    for (const kind of coverage.kinds) expect(kind.within['300'].households).toBeLessThanOrEqual(kind.within['1000'].households);
    expect(coverage.kinds.find((kind) => kind.kind === 'any')!.within['1000'].share).toBeGreaterThan(0.5);

    // The buildings left out are exactly those beyond 300 m of every party service station.
    const stations = rows.find((row) => row.kind === 'party_service_station' && row.radius === 300)!;
    const left = coverage.uncovered.features.reduce((sum, feature) => sum + feature.properties.households, 0);
    expect(left).toBe(stations.total - stations.households);
  });

  it('answers 404 for a community outside the scope and 400 for a radius it does not measure', async () => {
    const xianya = (await testApp.app.pg.query(`SELECT id FROM areas WHERE name = '县衙社区'`)).rows[0].id;
    expect((await planner({ url: `/api/coverage/service?community=${xianya}` })).statusCode).toBe(404);
    expect((await planner({ url: `/api/coverage/service?community=${taoyuan}&radius=400` })).statusCode).toBe(400);
  });
});
