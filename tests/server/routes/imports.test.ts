import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { positionFromWgs84 } from '#domain/coordinate-systems.ts';
import { build, type TestApp } from '../../helpers/build.ts';
import { loginAs, tableCounts, type Session } from '../../helpers/session.ts';
import { testBackend } from '../../helpers/test-database.ts';

// Imports as a planner brings files in: a CSV of incidents in GCJ-02 (from an Amap-based app), a zipped
// Shapefile with Chinese attribute names, GridAtlas's own CSV export, grid boundaries to preview; and files
// with a bad row, which import nothing and say which row.

let testApp: TestApp;
let planner: Session;
let taoyuan: number;
let xianya: number;
/** WGS84 truth: points inside 桃园社区's grids. */
let truth: { x: number; y: number; grid: number }[];

const csvOf = (rows: (string | number)[][]) => rows.map((row) => row.join(',')).join('\n') + '\n';
const post = (session: Session, query: string, body: string | Buffer, type = 'text/csv') =>
  session({ method: 'POST', url: `/api/imports?${query}`, payload: body, headers: { 'content-type': type } });

beforeAll(async () => {
  testApp = await build();
  planner = await loginAs(testApp.app, 'planner');
  taoyuan = (await testApp.app.pg.query(`SELECT id FROM areas WHERE name = '桃园社区'`)).rows[0].id;
  xianya = (await testApp.app.pg.query(`SELECT id FROM areas WHERE name = '县衙社区'`)).rows[0].id;
  truth = (
    await testApp.app.pg.query<{ x: number; y: number; grid: number }>(
      `SELECT ST_X(ST_PointOnSurface(geom)) AS x, ST_Y(ST_PointOnSurface(geom)) AS y, id AS grid FROM grids WHERE community_id = $1 ORDER BY id LIMIT 5`,
      [taoyuan],
    )
  ).rows;
});
afterAll(() => testApp.close());

describe(`imports (${testBackend()})`, () => {
  it('imports a GCJ-02 CSV of incidents: every point lands within 1 m of its WGS84 truth, in its grid, with its history', async () => {
    const rows = truth.map((point, index) => {
      const [x, y] = positionFromWgs84([point.x, point.y], 'gcj02');
      return ['环境卫生', `导入测试${index}`, '结案', `2026-10-0${index + 1} 08:30`, `2026-10-0${index + 1} 17:00`, x.toFixed(7), y.toFixed(7)];
    });
    const response = await post(planner, 'target=incidents&format=csv&crs=gcj02', csvOf([['类别', '标题', '状态', '上报时间', '结案时间', '经度', '纬度'], ...rows]));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ rows: 5, imported: 5, problemCount: 0 });

    const stored = await testApp.app.pg.query<{ title: string; metres: number; grid_id: number; community_id: number; status: string; reported_at: Date; events: number }>(
      `SELECT title, grid_id, community_id, status, reported_at,
              ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(truth.x, truth.y), 4326)::geography) AS metres,
              (SELECT count(*)::int FROM incident_events AS event WHERE event.incident_id = incidents.id AND event.note = 'imported') AS events
         FROM incidents
         JOIN unnest($2::text[], $3::float8[], $4::float8[]) AS truth(title, x, y) USING (title)
        WHERE community_id = $1 ORDER BY title`,
      [taoyuan, truth.map((_, index) => `导入测试${index}`), truth.map((point) => point.x), truth.map((point) => point.y)],
    );
    expect(stored.rows).toHaveLength(5);
    for (const [index, row] of stored.rows.entries()) {
      expect(row.metres, row.title).toBeLessThan(1);
      expect(row.grid_id).toBe(truth[index].grid);
      expect(row.status).toBe('closed');
      expect(row.events).toBe(1);
    }
    // 08:30 in Beijing is 00:30 UTC.
    expect(stored.rows[0].reported_at.toISOString()).toBe('2026-10-01T00:30:00.000Z');
  });

  it('imports nothing from a file with one bad row, and names that row, the column and the reason', async () => {
    const before = await tableCounts(testApp.app);
    const good = (index: number) => ['sanitation', `good ${index}`, 'reported', '2026-10-05 09:00', '', truth[index].x, truth[index].y];
    const file = csvOf([['category', 'title', 'status', 'reported_at', 'closed_at', 'longitude', 'latitude'], good(0), good(1), ['rubbish', 'bad', 'reported', '2026-10-05 09:00', '', truth[2].x, truth[2].y], good(3)]);
    const response = await post(planner, 'target=incidents&format=csv', file);
    expect(response.statusCode).toBe(422);
    const body = response.json();
    expect(body.error).toBe('unprocessable');
    expect(body.message).toMatch(/Nothing was imported.*row 4, category is not an incident category: "rubbish"/);
    expect(body.details.problems).toEqual([{ row: 4, field: 'category', reason: expect.stringContaining('"rubbish"') }]);
    expect(await tableCounts(testApp.app)).toEqual(before);
  });

  it('reports every kind of bad value by row: swapped coordinates, times, a missing closing time, a place outside the scope', async () => {
    const before = await tableCounts(testApp.app);
    const inXianya = (await testApp.app.pg.query<{ x: number; y: number }>(`SELECT ST_X(ST_PointOnSurface(geom)) AS x, ST_Y(ST_PointOnSurface(geom)) AS y FROM areas WHERE id = $1`, [xianya])).rows[0];
    const file = csvOf([
      ['category', 'title', 'status', 'reported_at', 'closed_at', 'lon', 'lat'],
      ['sanitation', 'swapped', 'reported', '2026-10-05 09:00', '', truth[0].y, truth[0].x],
      ['sanitation', 'when', 'reported', 'yesterday', '', truth[0].x, truth[0].y],
      ['sanitation', 'closed', 'closed', '2026-10-05 09:00', '', truth[0].x, truth[0].y],
      ['sanitation', 'elsewhere', 'reported', '2026-10-05 09:00', '', inXianya.x, inXianya.y],
      ['sanitation', 'no place', 'reported', '2026-10-05 09:00', '', 'x', truth[0].y],
    ]);
    const response = await post(planner, 'target=incidents&format=csv', file);
    expect(response.statusCode).toBe(422);
    const problems = response.json().details.problems as { row: number; field: string; reason: string }[];
    expect(problems).toEqual([
      { row: 2, field: 'geometry', reason: expect.stringMatching(/swapped/) },
      { row: 3, field: 'reported_at', reason: expect.stringMatching(/is not a time: "yesterday"/) },
      { row: 4, field: 'closed_at', reason: 'is needed for a closed incident' },
      { row: 5, field: 'geometry', reason: expect.stringMatching(/outside your scope/) },
      { row: 6, field: 'lon', reason: 'is not a number: "x"' },
    ]);
    expect(await tableCounts(testApp.app)).toEqual(before);
  });

  it('imports a zipped Shapefile of service points with Chinese attribute names and Chinese kinds', async () => {
    const response = await post(planner, 'target=service-points&format=shapefile', fs.readFileSync('tests/fixtures/service-points-zh.zip'), 'application/zip');
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ rows: 3, imported: 3 });
    const list = (await planner({ url: `/api/service-points?community=${taoyuan}&limit=5000` })).json() as { features: { properties: { code: string; name: string; kind: string } }[] };
    const imported = list.features
      .map((feature) => feature.properties)
      .filter((properties) => properties.code.startsWith('TY-IMPORT-'))
      .sort((a, b) => a.code.localeCompare(b.code));
    expect(imported).toEqual([
      expect.objectContaining({ code: 'TY-IMPORT-01', name: '桃园社区红色驿站(二)', kind: 'red_station' }),
      expect.objectContaining({ code: 'TY-IMPORT-02', name: '桃园社区人人书屋', kind: 'reading_room' }),
      expect.objectContaining({ code: 'TY-IMPORT-03', name: '桃园社区幸福小院', kind: 'happiness_courtyard' }),
    ]);
    // The same file again: the codes are taken, so nothing is written.
    const again = await post(planner, 'target=service-points&format=shapefile', fs.readFileSync('tests/fixtures/service-points-zh.zip'), 'application/zip');
    expect(again.statusCode).toBe(422);
    expect(again.json().details.problems.map((problem: { row: number }) => problem.row)).toEqual([1, 2, 3]);
  });

  it("takes GridAtlas's own CSV export back (a check of every row, nothing written)", async () => {
    const admin = await loginAs(testApp.app, 'admin');
    const exported = await admin({ url: `/api/incidents/export?community=${xianya}&format=csv` });
    expect(exported.statusCode).toBe(200);
    const lines = exported.body.trim().split('\r\n').length - 1;
    const before = await tableCounts(testApp.app);
    const response = await post(admin, 'target=incidents&format=csv&dryRun=true', exported.body);
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    expect(response.json()).toMatchObject({ rows: lines, imported: 0, problemCount: 0 });
    expect(response.json().ignoredColumns).toEqual(expect.arrayContaining(['编号', '区县', '是否超期']));
    expect(await tableCounts(testApp.app)).toEqual(before);
  });

  it('previews grid boundaries from GeoJSON (nothing written) and names a boundary that leaves its community, in m²', async () => {
    const before = await tableCounts(testApp.app);
    const grid = (await testApp.app.pg.query<{ name: string; geometry: string }>(`SELECT name, ST_AsGeoJSON(geom) AS geometry FROM grids WHERE community_id = $1 ORDER BY id LIMIT 1`, [taoyuan])).rows[0];
    const inside = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 名称: grid.name }, geometry: JSON.parse(grid.geometry) }] };
    const preview = await post(planner, 'target=grids&format=geojson', JSON.stringify(inside), 'application/geo+json');
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().preview.features[0].properties).toMatchObject({ name: grid.name, communityId: taoyuan, community: '桃园社区' });

    const shape = JSON.parse(grid.geometry) as { coordinates: number[][][] };
    const shifted = { type: 'Polygon', coordinates: shape.coordinates.map((ring) => ring.map(([x, y]) => [x + 0.02, y])) };
    const outside = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '越界网格' }, geometry: shifted }] };
    const refused = await post(planner, 'target=grids&format=geojson', JSON.stringify(outside), 'application/geo+json');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().details.problems[0]).toMatchObject({ row: 1, field: 'geometry', reason: expect.stringMatching(/m² outside 桃园社区|lies in no community|outside your scope/) });
    expect(await tableCounts(testApp.app)).toEqual(before);
  });

  it('refuses unreadable files with 400, and other roles with 403', async () => {
    const cases: [string, string, string, RegExp][] = [
      ['target=incidents&format=geojson', '{"type": "FeatureCollection", "features": [', 'application/json', /body: the GeoJSON is not JSON/],
      ['target=incidents&format=geojson', '{"type": "Feature"}', 'application/json', /not a GeoJSON FeatureCollection/],
      ['target=incidents&format=csv', 'category,title\nsanitation,x\n', 'text/csv', /needs a longitude and a latitude column/],
      ['target=incidents&format=csv', 'category,title,lon,lat\n', 'text/csv', /no rows to import/],
      ['target=incidents&format=shapefile', 'not a zip', 'application/zip', /Shapefile cannot be read/],
      ['target=roads&format=csv', 'x', 'text/csv', /querystring\.target/],
      ['target=incidents&format=csv&crs=epsg3857', 'x', 'text/csv', /querystring\.crs/],
    ];
    for (const [query, body, type, message] of cases) {
      const response = await post(planner, query, body, type);
      expect(response.statusCode, `${query} ${body}`).toBe(400);
      expect(response.json().message, query).toMatch(message);
    }
    expect((await post(await loginAs(testApp.app, 'analyst'), 'target=incidents&format=csv', 'x')).statusCode).toBe(403);
    expect((await post(await loginAs(testApp.app, 'staff_taoyuan'), 'target=incidents&format=csv', 'x')).statusCode).toBe(403);
  });
});
