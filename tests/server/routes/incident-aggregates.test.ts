import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helpers/build.ts';
import { loginAs, type Session } from '../../helpers/session.ts';
import { testBackend } from '../../helpers/test-database.ts';

// Aggregations over every match, checked against the incidents themselves: the totals an analyst reads
// must add up, whatever chart or map shows them.

let testApp: TestApp;
let analyst: Session;
let taoyuan: number;

interface Aggregates {
  total: number;
  open: number;
  byCategory: Record<string, number>;
  byStatus: Record<string, number>;
  byCommunity: { communityId: number; count: number; open: number }[];
  byGrid: { gridId: number; communityId: number; count: number; open: number }[];
  series: { start: string; count: number; closed: number }[];
  timeToClose: { closed: number; medianHours: number | null; p90Hours: number | null };
  hexbins: { features: { id: number; geometry: { coordinates: number[][][] }; properties: { count: number } }[] };
}

beforeAll(async () => {
  testApp = await build();
  analyst = await loginAs(testApp.app, 'analyst');
  taoyuan = (await testApp.app.pg.query(`SELECT id FROM areas WHERE name = '桃园社区'`)).rows[0].id;
});
afterAll(() => testApp.close());

const aggregate = async (body: Record<string, unknown>) => {
  const response = await analyst({ method: 'POST', url: '/api/incidents/aggregate', payload: body });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Aggregates;
};

/** Metres between two [longitude, latitude] positions. */
const metres = ([x1, y1]: number[], [x2, y2]: number[]) => {
  const radians = Math.PI / 180;
  return Math.hypot((x2 - x1) * radians * Math.cos(((y1 + y2) / 2) * radians), (y2 - y1) * radians) * 6_371_008.8;
};

describe(`incident aggregates (${testBackend()})`, () => {
  it('counts every match once in every breakdown, and matches the incidents in the database', async () => {
    const from = '2026-09-01T00:00:00+08:00';
    const result = await aggregate({ community: taoyuan, from, categories: ['sanitation', 'illegal_dumping', 'neighbour_dispute'] });
    const { rows } = await testApp.app.pg.query<{ status: string; grid_id: number; reported_at: Date; closed_at: Date | null }>(
      `SELECT status, grid_id, reported_at, closed_at FROM incidents WHERE community_id = $1 AND reported_at >= $2 AND category IN ('sanitation', 'illegal_dumping', 'neighbour_dispute')`,
      [taoyuan, from],
    );
    expect(result.total).toBe(rows.length);
    expect(result.total).toBeGreaterThan(20);
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    expect(sum(Object.values(result.byCategory))).toBe(result.total);
    expect(sum(Object.values(result.byStatus))).toBe(result.total);
    expect(result.open).toBe(rows.filter((row) => row.status !== 'closed').length);
    expect(result.byCommunity).toEqual([expect.objectContaining({ communityId: taoyuan, count: result.total, open: result.open })]);
    expect(sum(result.byGrid.map((grid) => grid.count))).toBe(rows.filter((row) => row.grid_id !== null).length);
    for (const grid of result.byGrid) expect(grid.count).toBe(rows.filter((row) => row.grid_id === grid.gridId).length);
    expect(sum(result.series.map((period) => period.count))).toBe(result.total);
    expect(sum(result.hexbins.features.map((hexagon) => hexagon.properties.count))).toBe(result.total);

    // Median and 90th percentile of hours to close, as percentile_cont interpolates.
    const hours = rows.filter((row) => row.closed_at).map((row) => (row.closed_at!.getTime() - row.reported_at.getTime()) / 3_600_000).sort((a, b) => a - b);
    const percentile = (p: number) => {
      const position = (hours.length - 1) * p;
      const low = Math.floor(position);
      return hours[low] + (hours[Math.min(low + 1, hours.length - 1)] - hours[low]) * (position - low);
    };
    expect(result.timeToClose.closed).toBe(hours.length);
    expect(result.timeToClose.medianHours).toBeCloseTo(percentile(0.5), 1);
    expect(result.timeToClose.p90Hours).toBeCloseTo(percentile(0.9), 1);
  });

  it('cuts the time series at local midnight, Monday and the 1st of the month', async () => {
    const window = { community: taoyuan, from: '2026-10-01T00:00:00+08:00', to: '2026-11-01T00:00:00+08:00' };
    const days = await aggregate({ ...window, interval: 'day' });
    const weeks = await aggregate({ ...window, interval: 'week' });
    const months = await aggregate({ ...window, interval: 'month' });
    expect(days.series.every((period) => period.start >= '2026-10-01' && period.start <= '2026-10-31')).toBe(true);
    // An incident at 23:30 on 31 October Beijing time is still October (15:30 UTC).
    expect(months.series.map((period) => period.start)).toEqual(['2026-10-01']);
    expect(months.series[0].count).toBe(days.total);
    for (const week of weeks.series) expect(new Date(`${week.start}T00:00:00Z`).getUTCDay(), week.start).toBe(1);
    const { rows } = await testApp.app.pg.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM incidents WHERE community_id = $1 AND reported_at >= '2026-10-01T00:00:00+08:00' AND reported_at < '2026-10-02T00:00:00+08:00'`,
      [taoyuan],
    );
    expect(days.series.find((period) => period.start === '2026-10-01')?.count ?? 0).toBe(rows[0].n);
  });

  it('draws hexagons of the asked size in metres, each holding the incidents it counts', async () => {
    const result = await aggregate({ community: taoyuan, hexMetres: 300 });
    expect(result.hexbins.features.length).toBeGreaterThan(3);
    const hexagon = result.hexbins.features[0];
    const ring = hexagon.geometry.coordinates[0];
    expect(ring).toHaveLength(7);
    // Flat to flat: twice the distance from the centre to an edge's middle.
    const centre = [ring.slice(0, 6).reduce((sum, p) => sum + p[0], 0) / 6, ring.slice(0, 6).reduce((sum, p) => sum + p[1], 0) / 6];
    const edgeMiddle = [(ring[0][0] + ring[1][0]) / 2, (ring[0][1] + ring[1][1]) / 2];
    expect(2 * metres(centre, edgeMiddle)).toBeGreaterThan(285);
    expect(2 * metres(centre, edgeMiddle)).toBeLessThan(315);
    const inside = await testApp.app.pg.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM incidents WHERE community_id = $1 AND ST_Intersects(geom, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326))`,
      [taoyuan, JSON.stringify(hexagon.geometry)],
    );
    expect(inside.rows[0].n).toBe(hexagon.properties.count);
    expect(hexagon.properties.count).toBe(Math.max(...result.hexbins.features.map((feature) => feature.properties.count)));
  });

  it('takes a drawn area, and refuses a bad one or a bad size with 400', async () => {
    const area = { type: 'Polygon', coordinates: [[[112.49, 32.975], [112.505, 32.975], [112.505, 32.99], [112.49, 32.99], [112.49, 32.975]]] };
    const result = await aggregate({ area });
    const { rows } = await testApp.app.pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM incidents WHERE ST_Intersects(geom, ST_SetSRID(ST_GeomFromGeoJSON($1), 4326))`, [JSON.stringify(area)]);
    expect(result.total).toBe(rows[0].n);
    const bowtie = { type: 'Polygon', coordinates: [[[112.49, 32.975], [112.505, 32.99], [112.505, 32.975], [112.49, 32.99], [112.49, 32.975]]] };
    for (const body of [{ area: bowtie }, { hexMetres: 10 }, { interval: 'year' }, { colour: 'red' }]) {
      const response = await analyst({ method: 'POST', url: '/api/incidents/aggregate', payload: body });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
  });
});
