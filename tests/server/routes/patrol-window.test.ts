// Patrol coverage over a window of nights (GET /api/coverage/patrols), checked against a brute-force
// computation written separately here: plain SQL for which courtyard each night's GPS points came within
// 50 m of, and turf for which hexagon each point fell in. The clock is fixed at a night's edges.
import { area, booleanPointInPolygon, point } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_UTC_OFFSET } from '#domain/local-time.ts';
import { build, type TestApp } from '../../helpers/build.ts';
import { loginAs, type Session } from '../../helpers/session.ts';
import { testBackend } from '../../helpers/test-database.ts';

interface WindowCoverage {
  from: string;
  until: string;
  nightCount: number;
  compounds: number;
  coverage: number | null;
  regular: number;
  regularShare: number;
  hexMetres: number;
  nights: { night: string; patrols: number; coverage: number | null }[];
  grids: { gridId: number; name: string; compounds: number; coverage: number | null; regular: number }[];
  uncovered: { features: { id: number; properties: { id: number; gridId: number; nightsCovered: number; share: number; lastCovered: string | null } }[] };
  heat: { features: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon, { nights: number }>[] };
}

let clock = new Date();
let testApp: TestApp;
let leader: Session;
let community: { id: number; name: string };
/** The newest night with a patrol of the community in the demo data, and the clock just after it ended. */
let lastPatrolled: string;

const at = (date: string, time: string) => new Date(`${date}T${time}:00${LOCAL_UTC_OFFSET}`);

beforeAll(async () => {
  testApp = await build({}, { now: () => clock });
  leader = await loginAs(testApp.app, 'leader');
  // 卧龙社区's team skips a grid it finds out of the way now and then: the window has courtyards to show.
  community = (await testApp.app.pg.query(`SELECT id, name FROM areas WHERE name = '卧龙社区'`)).rows[0];
  const { rows } = await testApp.app.pg.query<{ night: string }>(
    `SELECT max(to_char(started_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')) AS night FROM patrols WHERE community_id = $1 AND ended_at < now() - interval '1 hour'`,
    [community.id],
  );
  lastPatrolled = rows[0].night;
  clock = at(lastPatrolled, '23:30');
});
afterAll(() => testApp.close());

/** Brute force: per courtyard, the local dates (of the `count` nights ending `until`) on which a point came within 50 m. */
async function coveredNightsByCourtyard(until: string, count: number) {
  const { rows } = await testApp.app.pg.query<{ id: number; gridId: number; nights: string[] }>(
    `WITH night AS (
       SELECT to_char(day, 'YYYY-MM-DD') AS date, (day + time '20:00') AT TIME ZONE 'Asia/Shanghai' AS starts, (day + time '23:00') AT TIME ZONE 'Asia/Shanghai' AS ends
         FROM (SELECT series::date AS day FROM generate_series($2::date - ($3::int - 1), $2::date, interval '1 day') AS series) AS days)
     SELECT compound.id, compound.grid_id AS "gridId",
            coalesce(array_agg(night.date ORDER BY night.date) FILTER (WHERE EXISTS (
              SELECT 1 FROM patrol_points AS p WHERE p.community_id = compound.community_id AND p.recorded_at >= night.starts AND p.recorded_at < night.ends
                 AND ST_Distance(p.geom::geography, compound.geom::geography) <= 50)), '{}') AS nights
       FROM compounds AS compound CROSS JOIN night
      WHERE compound.community_id = $1
      GROUP BY compound.id ORDER BY compound.id`,
    [community.id, until, count],
  );
  return rows;
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

describe(`patrol coverage over a window of nights (${testBackend()})`, () => {
  it('counts, per courtyard, grid and night, the nights a GPS point came within 50 m, as a brute-force SQL count does', async () => {
    const response = await leader({ url: `/api/coverage/patrols?community=${community.id}&nights=30` });
    expect(response.statusCode, response.body).toBe(200);
    const coverage = response.json() as WindowCoverage;
    // After 23:00 the night that just ended is the window's last.
    expect(coverage.until).toBe(lastPatrolled);
    expect(coverage.nightCount).toBe(30);
    expect(coverage.nights.map((night) => night.night)).toHaveLength(30);
    expect(coverage.nights[29].night).toBe(lastPatrolled);

    const expected = await coveredNightsByCourtyard(lastPatrolled, 30);
    expect(coverage.compounds).toBe(expected.length);
    const coveredNights = expected.reduce((sum, row) => sum + row.nights.length, 0);
    expect(coverage.coverage).toBeCloseTo(coveredNights / (expected.length * 30), 4);
    // Each night: the share of courtyards covered.
    coverage.nights.forEach((night) => {
      const covered = expected.filter((row) => row.nights.includes(night.night)).length;
      expect(night.coverage, night.night).toBeCloseTo(covered / expected.length, 4);
    });
    // Each grid: its courtyard-nights, and how many courtyards are patrolled regularly.
    for (const grid of coverage.grids) {
      const inGrid = expected.filter((row) => row.gridId === grid.gridId);
      expect(grid.compounds, grid.name).toBe(inGrid.length);
      expect(grid.coverage, grid.name).toBeCloseTo(share(inGrid.reduce((sum, row) => sum + row.nights.length, 0), inGrid.length * 30)!, 4);
      expect(grid.regular, grid.name).toBe(inGrid.filter((row) => row.nights.length / 30 >= coverage.regularShare).length);
    }
    // The uncovered courtyards are exactly those below the regular share, with their nights and last night covered.
    const uncovered = expected.filter((row) => row.nights.length / 30 < coverage.regularShare);
    expect(uncovered.length, 'the demo team skips a grid often enough to leave courtyards uncovered').toBeGreaterThan(0);
    expect(coverage.uncovered.features.map((feature) => feature.id).sort()).toEqual(uncovered.map((row) => row.id).sort());
    for (const feature of coverage.uncovered.features) {
      const row = expected.find((each) => each.id === feature.id)!;
      expect(feature.properties.nightsCovered).toBe(row.nights.length);
      expect(feature.properties.lastCovered).toBe(row.nights.at(-1) ?? null);
    }
    expect(coverage.regular).toBe(expected.length - uncovered.length);
  });

  it('counts patrols per night; a night without any leaves every courtyard uncovered, a night with one covers some', async () => {
    const coverage = (await leader({ url: `/api/coverage/patrols?community=${community.id}&nights=60` })).json() as WindowCoverage;
    const { rows } = await testApp.app.pg.query<{ date: string; patrols: number }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS date,
              (SELECT count(*)::int FROM patrols WHERE community_id = $1 AND started_at < (day + time '23:00') AT TIME ZONE 'Asia/Shanghai' AND ended_at >= (day + time '20:00') AT TIME ZONE 'Asia/Shanghai') AS patrols
         FROM (SELECT series::date AS day FROM generate_series($2::date - 59, $2::date, interval '1 day') AS series) AS days ORDER BY day`,
      [community.id, lastPatrolled],
    );
    expect(coverage.nights.map(({ night, patrols }) => ({ date: night, patrols }))).toEqual(rows);
    for (const night of coverage.nights) {
      if (night.patrols === 0) expect(night.coverage, night.night).toBe(0);
      else expect(night.coverage, night.night).toBeGreaterThan(0);
    }
  });

  it('draws a heat surface: per hexagon, the nights a patrol point fell in it, as turf counts them', async () => {
    const coverage = (await leader({ url: `/api/coverage/patrols?community=${community.id}&nights=10` })).json() as WindowCoverage;
    const { rows: points } = await testApp.app.pg.query<{ lng: number; lat: number; date: string }>(
      `SELECT ST_X(geom) AS lng, ST_Y(geom) AS lat, to_char(recorded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS date
         FROM patrol_points WHERE community_id = $1
          AND recorded_at >= (($2::date - 9) + time '20:00') AT TIME ZONE 'Asia/Shanghai' AND recorded_at < ($2::date + time '23:00') AT TIME ZONE 'Asia/Shanghai'
          AND extract(hour FROM recorded_at AT TIME ZONE 'Asia/Shanghai') BETWEEN 20 AND 22`,
      [community.id, lastPatrolled],
    );
    const hexagons = coverage.heat.features;
    expect(hexagons.length).toBeGreaterThan(20);
    // Hexagons 80 m across, (√3 / 2) · 80² m² where whole, within a few per cent; those on the edge are cut to it.
    const whole = (Math.sqrt(3) / 2) * 80 * 80;
    expect(Math.max(...hexagons.map((hexagon) => area(hexagon))) / whole).toBeCloseTo(1, 1);
    for (const hexagon of hexagons) expect(area(hexagon)).toBeLessThan(whole * 1.05);
    // Together they tile the community: the same area, within a per cent.
    const { rows: areaRows } = await testApp.app.pg.query<{ m2: number }>(`SELECT ST_Area(geom::geography) AS m2 FROM areas WHERE id = $1`, [community.id]);
    expect(hexagons.reduce((sum, hexagon) => sum + area(hexagon), 0) / areaRows[0].m2).toBeCloseTo(1, 2);
    const located = points.map((row) => ({ at: point([row.lng, row.lat]), date: row.date }));
    for (const hexagon of hexagons) {
      const nights = new Set(located.filter((each) => booleanPointInPolygon(each.at, hexagon)).map((each) => each.date));
      expect(hexagon.properties.nights).toBe(nights.size);
    }
    // Some streets are walked every night, and the surface shows places no patrol reached.
    const counts = hexagons.map((hexagon) => hexagon.properties.nights);
    expect(Math.max(...counts)).toBe(10 - coverage.nights.filter((night) => night.patrols === 0).length);
    expect(Math.min(...counts)).toBe(0);
  });

  it('moves the window at 23:00: at 22:59 tonight is not in it yet', async () => {
    clock = at(lastPatrolled, '22:59');
    try {
      const before = (await leader({ url: `/api/coverage/patrols?community=${community.id}&nights=7` })).json() as WindowCoverage;
      expect(before.until).not.toBe(lastPatrolled);
      expect(before.nights.map((night) => night.night)).not.toContain(lastPatrolled);
      // Asking for tonight before it has ended is refused, with the reason.
      const early = await leader({ url: `/api/coverage/patrols?community=${community.id}&until=${lastPatrolled}` });
      expect(early.statusCode).toBe(400);
      expect(early.json().message).toMatch(/querystring\.until.*not ended/);
      clock = at(lastPatrolled, '23:00');
      const after = (await leader({ url: `/api/coverage/patrols?community=${community.id}&nights=7` })).json() as WindowCoverage;
      expect(after.until).toBe(lastPatrolled);
      expect(after.from).toBe(before.nights[1].night);
    } finally {
      clock = at(lastPatrolled, '23:30');
    }
  });

  it('answers 404 outside the scope and 400 for a window it does not measure, naming the field', async () => {
    const xianya = (await testApp.app.pg.query(`SELECT id FROM areas WHERE name = '县衙社区'`)).rows[0].id;
    expect((await leader({ url: `/api/coverage/patrols?community=${xianya}` })).statusCode).toBe(404);
    for (const [query, field] of [
      ['nights=0', 'nights'],
      ['nights=91', 'nights'],
      ['until=2026-02-30', 'until'],
      ['hexMetres=5', 'hexMetres'],
      ['colour=red', 'colour'],
    ]) {
      const response = await leader({ url: `/api/coverage/patrols?community=${community.id}&${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().message, query).toContain(field);
    }
  });
});
