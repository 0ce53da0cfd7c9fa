// Grid drafts and publishing, through the API: painting a courtyard into a neighbouring grid, splitting a grid and
// merging it back, every refusal of a broken partition (nothing written), and two planners publishing at once.
// Every expected figure is worked out here in SQL from the tables (areas, households, which building lies where),
// not by the partition checks under test.
import type { MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helpers/build.ts';
import { loginAs, tableCounts, type Session } from '../../helpers/session.ts';
import { testBackend } from '../../helpers/test-database.ts';

interface CurrentGrid {
  id: number;
  name: string;
  version: number;
  targetHouseholds: number;
  geometry: Polygon;
}
interface DraftGrid {
  id: number | null;
  name: string;
  targetHouseholds: number;
  geometry: Polygon | MultiPolygon;
}

let testApp: TestApp;
const sessions = {} as Record<'planner' | 'admin' | 'analyst' | 'leader' | 'staff', Session>;
/** The community the tests redraw (in the planner's scope) and one outside it. */
let community: number;
let outside: number;

const query = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) => (await testApp.app.pg.query(text, values)).rows as T[];

beforeAll(async () => {
  testApp = await build();
  sessions.planner = await loginAs(testApp.app, 'planner');
  sessions.admin = await loginAs(testApp.app, 'admin');
  sessions.analyst = await loginAs(testApp.app, 'analyst');
  sessions.leader = await loginAs(testApp.app, 'leader');
  sessions.staff = await loginAs(testApp.app, 'staff_taoyuan');
  // The planner's community with the fewest grids (at least three) keeps the checks quick.
  [{ id: community }] = await query<{ id: number }>(
    `SELECT community_id AS id FROM grids WHERE community_id = ANY($1) GROUP BY community_id HAVING count(*) >= 3 ORDER BY count(*), community_id LIMIT 1`,
    [sessions.planner.user.communityIds],
  );
  [{ id: outside }] = await query<{ id: number }>(`SELECT id FROM areas WHERE level = 'community' AND NOT (id = ANY($1)) ORDER BY id LIMIT 1`, [sessions.planner.user.communityIds]);
});
afterAll(() => testApp.close());

const url = (id = community) => `/api/communities/${id}/grid-draft`;

async function current(session: Session = sessions.planner): Promise<CurrentGrid[]> {
  const response = await session({ url: url() });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().current;
}
const baseOf = (grids: CurrentGrid[]) => Object.fromEntries(grids.map((grid) => [String(grid.id), grid.version]));
const asDraft = (grids: CurrentGrid[]): DraftGrid[] => grids.map(({ id, name, targetHouseholds, geometry }) => ({ id, name, targetHouseholds, geometry }));

async function saveDraft(session: Session, baseVersions: Record<string, number>, grids: DraftGrid[]) {
  const response = await session({ method: 'PUT', url: url(), payload: { baseVersions, grids } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
const publish = (session: Session, reason = '测试调整') => session({ method: 'POST', url: `${url()}/publish`, payload: { reason } });

/** A geometry worked out by PostGIS from GeoJSON inputs ($1, $2, …), returned as GeoJSON. */
async function geometry(expression: string, ...inputs: unknown[]): Promise<Polygon | MultiPolygon> {
  const [row] = await query<{ geometry: string }>(`SELECT ST_AsGeoJSON(${expression}, 15) AS geometry`, inputs.map((input) => JSON.stringify(input)));
  return JSON.parse(row.geometry);
}
const g = (index: number) => `ST_GeomFromGeoJSON($${index})`;

/**
 * Square metres of a lon/lat geometry, measured in the plane (degrees scaled at its latitude). Not ST_Area of a
 * geography: that joins vertices by geodesics, and a border vertex that lies exactly on a straight edge in lon/lat
 * then encloses a phantom sliver of ~0.01 m² per 60 m of edge.
 */
const squareMetres = (expression: string) => `coalesce(ST_Area(${expression}) * 111319.49 * 111319.49 * cos(radians(ST_Y(ST_Centroid(${expression})))), 0)`;

/** Gaps, overlaps and parts outside of the published grids across the community, in m², by PostGIS (from areas alone). */
async function partitionError(): Promise<{ gap: number; overlap: number; outside: number }> {
  const [row] = await query<{ community: number; covered: number; common: number; sum: number }>(
    `WITH covered AS (SELECT ST_Union(geom) AS geom, sum(ST_Area(geom)) AS sum FROM grids WHERE community_id = $1),
          area AS (SELECT geom FROM areas WHERE id = $1)
     SELECT ST_Area(area.geom) AS community, ST_Area(covered.geom) AS covered, ST_Area(ST_Intersection(area.geom, covered.geom)) AS common, covered.sum,
            cos(radians(ST_Y(ST_Centroid(area.geom)))) * 111319.49 * 111319.49 AS scale
       FROM area, covered`,
    [community],
  );
  const scale = (row as unknown as { scale: number }).scale;
  return { gap: (row.community - row.common) * scale, outside: (row.covered - row.common) * scale, overlap: (row.sum - row.covered) * scale };
}

const households = async () => (await query<{ n: number }>(`SELECT sum(households)::int AS n FROM buildings WHERE community_id = $1`, [community]))[0].n;
/** Buildings whose stored grid is not the grid their point on surface lies in (as PostGIS finds it). */
const misassigned = async () =>
  (
    await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM buildings AS building
        WHERE building.community_id = $1
          AND building.grid_id IS DISTINCT FROM (SELECT grid.id FROM grids AS grid WHERE grid.community_id = $1 AND ST_Covers(grid.geom, ST_PointOnSurface(building.geom)) ORDER BY grid.id LIMIT 1)`,
      [community],
    )
  )[0].n;

describe(`grid drafts and publishing (${testBackend()})`, () => {
  it('is for planners and admins in their own communities: others get 403, a community outside the scope 404', async () => {
    const fresh = await sessions.planner({ url: url() });
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect(fresh.json()).toMatchObject({ communityId: community, draft: null });
    const grids = fresh.json().current as CurrentGrid[];
    expect(grids.length).toBeGreaterThanOrEqual(3);
    const inDatabase = await query<{ id: number; version: number }>(`SELECT id, version FROM grids WHERE community_id = $1 ORDER BY id`, [community]);
    expect(grids.map((grid) => ({ id: grid.id, version: grid.version }))).toEqual(inDatabase);
    expect((await sessions.admin({ url: url() })).statusCode).toBe(200);
    for (const role of ['analyst', 'leader', 'staff'] as const) {
      const response = await sessions[role]({ url: url() });
      expect(response.statusCode, role).toBe(403);
      expect(response.json().message).toMatch(/planner/);
    }
    const elsewhere = await sessions.planner({ url: url(outside) });
    expect(elsewhere.statusCode).toBe(404);
    expect((await testApp.app.inject({ url: url() })).statusCode).toBe(401);
    // A draft is saved as it is, then read back, and discarded.
    await saveDraft(sessions.planner, baseOf(grids), asDraft(grids));
    expect((await sessions.planner({ url: url() })).json().draft.grids).toHaveLength(grids.length);
    expect((await sessions.admin({ url: url() })).json().draft, 'each planner has a draft of their own').toBeNull();
    expect((await sessions.planner({ method: 'DELETE', url: url() })).statusCode).toBe(204);
    expect((await sessions.planner({ method: 'DELETE', url: url() })).statusCode).toBe(404);
  });

  it('paints a courtyard into the neighbouring grid: its buildings follow, the partition stays exact, the households stay the same', async () => {
    const grids = await current();
    // Painting moves a courtyard with the street space around it: the part of its grid nearer to it than to any other
    // courtyard (a Voronoi cell of the outlines of its grid's courtyards, cut to the grid). A courtyard whose cell shares at least
    // 10 m of border with another grid, cuts no other building, and leaves its own grid in one piece.
    const candidates = await query<{ compound: number; from: number; to: number; cell: string; source: string; target: string }>(
      `WITH points AS (
         SELECT compound.id AS compound, compound.grid_id AS grid, (ST_DumpPoints(ST_Segmentize(ST_ExteriorRing(compound.geom), 0.0001))).geom AS point
           FROM compounds AS compound WHERE compound.community_id = $1),
       cells AS (SELECT grid, (ST_Dump(ST_VoronoiPolygons(ST_Collect(point), 0, (SELECT ST_Expand(geom, 0.01) FROM areas WHERE id = $1)))).geom AS cell FROM points GROUP BY grid),
       owned AS (SELECT points.compound, points.grid, ST_Union(cells.cell) AS geom FROM cells JOIN points ON points.grid = cells.grid AND ST_Contains(cells.cell, points.point) GROUP BY points.compound, points.grid),
       moved AS (SELECT owned.compound, owned.grid AS source, ST_Intersection(owned.geom, grid.geom) AS geom FROM owned JOIN grids AS grid ON grid.id = owned.grid),
       painted AS (
         -- The overlay leaves crumbs along borders it follows (well under a square millimetre): keep the main piece.
         SELECT moved.compound, moved.source, target.id AS target, moved.geom AS cell,
                (SELECT piece.geom FROM ST_Dump(ST_Difference(source.geom, moved.geom)) AS piece ORDER BY ST_Area(piece.geom) DESC LIMIT 1) AS new_source,
                (SELECT piece.geom FROM ST_Dump(ST_Union(target.geom, moved.geom)) AS piece ORDER BY ST_Area(piece.geom) DESC LIMIT 1) AS new_target,
                ST_Area(ST_Difference(source.geom, moved.geom)) + ST_Area(ST_Union(target.geom, moved.geom)) AS total
           FROM moved JOIN grids AS source ON source.id = moved.source
           JOIN grids AS target ON target.community_id = $1 AND target.id <> moved.source
          WHERE ST_GeometryType(moved.geom) = 'ST_Polygon'
            AND ST_Length(ST_Intersection(ST_Boundary(moved.geom), ST_Buffer(target.geom, 0.000001))::geography) > 10
            AND EXISTS (SELECT 1 FROM buildings WHERE buildings.compound_id = moved.compound)
            AND NOT EXISTS (SELECT 1 FROM buildings WHERE buildings.community_id = $1 AND ST_Intersects(buildings.geom, ST_Boundary(moved.geom))))
       SELECT compound, source AS "from", target AS "to", ST_AsGeoJSON(cell, 15) AS cell, ST_AsGeoJSON(new_source, 15) AS source, ST_AsGeoJSON(new_target, 15) AS target
         FROM painted
        WHERE ${squareMetres('new_source')} + ${squareMetres('new_target')} > ${squareMetres('cell')} -- both kept pieces are real
          AND (total - ST_Area(new_source) - ST_Area(new_target)) * 111319.49 * 111319.49 < 0.001
        ORDER BY compound, target LIMIT 1`,
      [community],
    );
    expect(candidates.length, 'the demo community has a courtyard on a grid border').toBe(1);
    const [{ compound, from, to, cell: courtyardText, source: newSource, target: newTarget }] = candidates;
    const draft = asDraft(grids);
    draft.find((grid) => grid.id === from)!.geometry = JSON.parse(newSource) as Polygon;
    draft.find((grid) => grid.id === to)!.geometry = JSON.parse(newTarget) as Polygon;
    const householdsBefore = await households();
    const buildingsOfCourtyard = await query<{ id: number }>(`SELECT id FROM buildings WHERE compound_id = $1 ORDER BY id`, [compound]);
    const revisionsBefore = (await query<{ n: number }>(`SELECT count(*)::int AS n FROM grid_revisions WHERE community_id = $1`, [community]))[0].n;

    await saveDraft(sessions.planner, baseOf(grids), draft);
    const checked = await sessions.planner({ method: 'POST', url: `${url()}/validate` });
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json().problems).toEqual([]);
    expect(checked.json().households).toBe(householdsBefore);
    const published = await publish(sessions.planner);
    expect(published.statusCode, published.body).toBe(200);
    const changes = Object.fromEntries(published.json().grids.map((grid: { id: number; change: string; version: number }) => [grid.id, grid]));
    expect(changes[from]).toMatchObject({ change: 'changed', version: grids.find((grid) => grid.id === from)!.version + 1 });
    expect(changes[to]).toMatchObject({ change: 'changed', version: grids.find((grid) => grid.id === to)!.version + 1 });
    expect(Object.values(changes).filter((grid) => (grid as { change: string }).change === 'unchanged')).toHaveLength(grids.length - 2);

    const stored = await query<{ grid_id: number }>(`SELECT grid_id FROM buildings WHERE compound_id = $1`, [compound]);
    expect(stored.map((row) => row.grid_id)).toEqual(buildingsOfCourtyard.map(() => to));
    expect((await query<{ grid_id: number }>(`SELECT grid_id FROM compounds WHERE id = $1`, [compound]))[0].grid_id).toBe(to);
    expect(await misassigned()).toBe(0);
    expect(await households()).toBe(householdsBefore);
    const error = await partitionError();
    expect(error.gap).toBeLessThanOrEqual(0.01);
    expect(error.overlap).toBeLessThanOrEqual(0.01);
    // Two new revisions; each one before it is closed at the publish time.
    const revisions = await query<{ grid_id: number; version: number; valid_to: Date | null; author: string; reason: string }>(
      `SELECT grid_id, version, valid_to, author, reason FROM grid_revisions WHERE community_id = $1 AND grid_id IN ($2, $3) ORDER BY grid_id, version`,
      [community, from, to],
    );
    expect((await query<{ n: number }>(`SELECT count(*)::int AS n FROM grid_revisions WHERE community_id = $1`, [community]))[0].n).toBe(revisionsBefore + 2);
    for (const id of [from, to]) {
      const own = revisions.filter((revision) => revision.grid_id === id);
      expect(own.at(-1)).toMatchObject({ valid_to: null, author: '网格规划员', reason: '测试调整' });
      expect(own.slice(0, -1).every((revision) => revision.valid_to !== null)).toBe(true);
    }
    // Open incidents inside the courtyard now belong to the target grid.
    const openInside = await query<{ grid_id: number }>(
      `SELECT grid_id FROM incidents WHERE community_id = $1 AND status <> 'closed' AND ST_Covers(ST_GeomFromGeoJSON($2), geom) AND NOT ST_Intersects(ST_Boundary(ST_GeomFromGeoJSON($2)), geom)`,
      [community, courtyardText],
    );
    expect(openInside.every((row) => row.grid_id === to)).toBe(true);
    expect((await sessions.planner({ url: url() })).json().draft, 'the published draft is gone').toBeNull();
  });

  it('splits a grid in two along a line clear of buildings, then merges the halves back to the original boundary', async () => {
    const grids = await current();
    // The largest grid, cut by a north-south line that crosses no building and leaves buildings on both sides.
    const [cut] = await query<{ id: number; halves: string; original: string }>(
      `WITH grid AS (SELECT id, geom FROM grids WHERE community_id = $1 ORDER BY ST_Area(geom) DESC, id LIMIT 1),
            line AS (
              SELECT grid.id, ST_SetSRID(ST_MakeLine(ST_MakePoint(x, ST_YMin(grid.geom) - 0.001), ST_MakePoint(x, ST_YMax(grid.geom) + 0.001)), 4326) AS geom
                FROM grid, generate_series(1, 39) AS step,
                     LATERAL (SELECT ST_XMin(grid.geom) + (ST_XMax(grid.geom) - ST_XMin(grid.geom)) * step / 40.0 AS x) AS position)
       SELECT grid.id, ST_AsGeoJSON(ST_Split(grid.geom, line.geom), 15) AS halves, ST_AsGeoJSON(grid.geom, 15) AS original
         FROM grid JOIN line ON line.id = grid.id
        WHERE NOT EXISTS (SELECT 1 FROM buildings WHERE buildings.grid_id = grid.id AND ST_Intersects(buildings.geom, ST_Buffer(line.geom, 0.00003)))
          AND ST_NumGeometries(ST_Split(grid.geom, line.geom)) = 2
          AND (SELECT count(DISTINCT ST_X(ST_PointOnSurface(buildings.geom)) < ST_X(ST_StartPoint(line.geom))) FROM buildings WHERE buildings.grid_id = grid.id) = 2
        ORDER BY abs(ST_Area(ST_GeometryN(ST_Split(grid.geom, line.geom), 1)) - ST_Area(ST_GeometryN(ST_Split(grid.geom, line.geom), 2)))
        LIMIT 1`,
      [community],
    );
    expect(cut, 'a clear line across the grid').toBeDefined();
    const halves = (JSON.parse(cut.halves) as { geometries: Polygon[] }).geometries;
    const original = grids.find((grid) => grid.id === cut.id)!;
    const draft: DraftGrid[] = [
      ...asDraft(grids).filter((grid) => grid.id !== cut.id),
      { id: cut.id, name: original.name, targetHouseholds: original.targetHouseholds, geometry: halves[0] },
      { id: null, name: `${original.name}(新)`, targetHouseholds: original.targetHouseholds, geometry: halves[1] },
    ];
    await saveDraft(sessions.planner, baseOf(grids), draft);
    const split = await publish(sessions.planner, '拆分网格');
    expect(split.statusCode, split.body).toBe(200);
    const added = split.json().grids.find((grid: { change: string }) => grid.change === 'added');
    expect(added).toMatchObject({ name: `${original.name}(新)`, version: 1 });
    expect(await query(`SELECT id FROM grids WHERE community_id = $1`, [community])).toHaveLength(grids.length + 1);
    expect((await query<{ code: string }>(`SELECT code FROM grids WHERE id = $1`, [added.id]))[0].code).toMatch(/-G\d+$/);
    const splitError = await partitionError();
    expect(splitError.gap).toBeLessThanOrEqual(0.01);
    expect(splitError.overlap).toBeLessThanOrEqual(0.01);
    expect(await misassigned()).toBe(0);
    // The buildings of the second half are the new grid's.
    const newHalf = await query<{ n: number }>(`SELECT count(*)::int AS n FROM buildings WHERE grid_id = $1`, [added.id]);
    expect(newHalf[0].n).toBeGreaterThan(0);

    // Merge back into the new grid, so that the grid merged away is the older one (the lower id, which a lookup by
    // location would otherwise prefer): its staff and incidents go to the merged grid, and its history stays.
    const afterSplit = await current();
    await testApp.app.pg.query(`UPDATE staff SET grid_id = $1 WHERE id = (SELECT id FROM staff WHERE community_id = $2 ORDER BY id LIMIT 1)`, [cut.id, community]);
    const incidentsBefore = await query<{ n: number }>(`SELECT count(*)::int AS n FROM incidents WHERE grid_id IN ($1, $2)`, [cut.id, added.id]);
    expect((await query<{ n: number }>(`SELECT count(*)::int AS n FROM incidents WHERE grid_id = $1`, [cut.id]))[0].n, 'the grid merged away has incidents').toBeGreaterThan(0);
    const merged = await geometry(`ST_Union(${g(1)}, ${g(2)})`, afterSplit.find((grid) => grid.id === cut.id)!.geometry, afterSplit.find((grid) => grid.id === added.id)!.geometry);
    await saveDraft(
      sessions.planner,
      baseOf(afterSplit),
      asDraft(afterSplit)
        .filter((grid) => grid.id !== cut.id)
        .map((grid) => (grid.id === added.id ? { ...grid, name: original.name, geometry: merged } : grid)),
    );
    const merge = await publish(sessions.planner, '合并网格');
    expect(merge.statusCode, merge.body).toBe(200);
    expect(merge.json().grids.find((grid: { id: number }) => grid.id === cut.id)).toMatchObject({ change: 'removed' });
    expect(merge.json().grids.find((grid: { id: number }) => grid.id === added.id)).toMatchObject({ change: 'changed', version: 2 });
    const [difference] = await query<{ m2: number }>(`SELECT ${squareMetres('ST_SymDifference(geom, ST_GeomFromGeoJSON($2))')} AS m2 FROM grids WHERE id = $1`, [added.id, cut.original]);
    expect(difference.m2).toBeLessThanOrEqual(0.01);
    expect(await query(`SELECT id FROM grids WHERE id = $1`, [cut.id])).toHaveLength(0);
    expect(await query(`SELECT id FROM staff WHERE grid_id = $1`, [cut.id])).toHaveLength(0);
    expect(await query(`SELECT id FROM incidents WHERE grid_id = $1`, [cut.id])).toHaveLength(0);
    expect(await query<{ n: number }>(`SELECT count(*)::int AS n FROM incidents WHERE grid_id = $1`, [added.id])).toEqual(incidentsBefore);
    const history = await query<{ version: number; new_geom: unknown; valid_to: Date | null }>(`SELECT version, new_geom, valid_to FROM grid_revisions WHERE grid_id = $1 ORDER BY version`, [cut.id]);
    expect(history.at(-1)!.new_geom).toBeNull();
    expect(history.every((revision) => revision.valid_to !== null)).toBe(true);
    expect(await misassigned()).toBe(0);
  });

  it('refuses a broken partition with the check and the place, and writes nothing', async () => {
    const grids = await current();
    // Two grids that share a border.
    const [pair] = await query<{ a: number; b: number }>(
      `SELECT a.id AS a, b.id AS b FROM grids AS a JOIN grids AS b ON a.community_id = b.community_id AND a.id < b.id
        WHERE a.community_id = $1 AND ST_Length(ST_Intersection(ST_Boundary(a.geom), ST_Buffer(b.geom, 0.000001))::geography) > 50 ORDER BY a.id, b.id LIMIT 1`,
      [community],
    );
    const first = grids.find((grid) => grid.id === pair.a)!;
    const second = grids.find((grid) => grid.id === pair.b)!;
    const draftWith = (id: number, geometry: Polygon | MultiPolygon) => asDraft(grids).map((grid) => (grid.id === id ? { ...grid, geometry } : grid));
    // A point on the border of the first two grids, and one inside the first grid away from its buildings.
    const [{ border }] = await query<{ border: string }>(
      `SELECT ST_AsGeoJSON(ST_LineInterpolatePoint(ST_GeometryN(ST_LineMerge(ST_Intersection(ST_Boundary(a.geom), ST_Buffer(b.geom, 0.000001))), 1), 0.5), 15) AS border FROM grids AS a, grids AS b WHERE a.id = $1 AND b.id = $2`,
      [first.id, second.id],
    );
    expect(JSON.parse(border).coordinates, 'a point on the shared border').toHaveLength(2);
    const [{ clear }] = await query<{ clear: string }>(
      `WITH grid AS (SELECT geom FROM grids WHERE id = $1)
       SELECT ST_AsGeoJSON(point, 9) AS clear FROM grid, LATERAL (SELECT (ST_Dump(ST_GeneratePoints(ST_Buffer(grid.geom::geography, -30)::geometry, 200, 7))).geom AS point) AS candidates
        WHERE NOT EXISTS (SELECT 1 FROM buildings WHERE ST_DWithin(buildings.geom::geography, point::geography, 25)) LIMIT 1`,
      [first.id],
    );
    const [{ building }] = await query<{ building: string }>(`SELECT ST_AsGeoJSON(geom, 9) AS building FROM buildings WHERE grid_id = $1 ORDER BY households DESC, id LIMIT 1`, [first.id]);
    const [{ outsidePoint }] = await query<{ outsidePoint: string }>(
      `SELECT ST_AsGeoJSON(ST_ClosestPoint(ST_Boundary(area.geom), ST_Centroid(grid.geom)), 9) AS "outsidePoint" FROM areas AS area, grids AS grid WHERE area.id = $1 AND grid.id = $2`,
      [community, first.id],
    );
    const metres = (point: string, radius: number) => `ST_Buffer(ST_GeomFromGeoJSON('${point}')::geography, ${radius}, 'quad_segs=2')::geometry`;
    const cases: { check: string; grids: () => Promise<DraftGrid[]> }[] = [
      { check: 'gap', grids: async () => draftWith(first.id, await geometry(`ST_Difference(${g(1)}, ${metres(clear, 8)})`, first.geometry)) },
      { check: 'hole', grids: async () => draftWith(first.id, await geometry(`ST_Difference(${g(1)}, ${metres(clear, 8)})`, first.geometry)) },
      { check: 'overlap', grids: async () => draftWith(first.id, await geometry(`ST_Union(${g(1)}, ${metres(border, 6)})`, first.geometry)) },
      { check: 'outside', grids: async () => draftWith(first.id, await geometry(`ST_Union(${g(1)}, ${metres(outsidePoint, 15)})`, first.geometry)) },
      {
        check: 'pieces',
        grids: async () => draftWith(first.id, await geometry(`ST_Multi(ST_Collect(${g(1)}, ST_Translate(${metres(clear, 5)}, 0.2, 0)))`, first.geometry)),
      },
      {
        // The west half of a building handed to a new grid: the border runs through the building.
        check: 'cutBuilding',
        grids: async () => {
          const half = `ST_Intersection(${g(1)}, (SELECT ST_MakeEnvelope(ST_XMin(b), ST_YMin(b), (ST_XMin(b) + ST_XMax(b)) / 2, ST_YMax(b), 4326) FROM (SELECT ST_GeomFromGeoJSON('${building}') AS b) AS building))`;
          return [...draftWith(first.id, await geometry(`ST_Difference(${g(1)}, ${half})`, first.geometry)), { id: null, name: '切楼网格', targetHouseholds: 400, geometry: await geometry(half, first.geometry) }];
        },
      },
      {
        check: 'sliver',
        grids: async () => draftWith(first.id, await geometry(`ST_Union(${g(1)}, ST_Intersection(${g(2)}, ST_Buffer(ST_MakeLine(ST_GeomFromGeoJSON('${border}'), ST_Centroid(${g(2)}))::geography, 0.4, 'endcap=flat')::geometry))`, first.geometry, second.geometry)),
      },
    ];
    const countsBefore = await tableCounts(testApp.app);
    const gridsBefore = await query(`SELECT id, version, ST_AsText(geom) AS geom FROM grids WHERE community_id = $1 ORDER BY id`, [community]);
    for (const { check, grids: make } of cases) {
      const saved = await sessions.planner({ method: 'PUT', url: url(), payload: { baseVersions: baseOf(grids), grids: await make() } });
      expect(saved.statusCode, `${check}: ${saved.body}`).toBe(200);
      const response = await publish(sessions.planner);
      expect(response.statusCode, `${check}: ${response.body}`).toBe(422);
      const problems = response.json().details.problems as { check: string; at?: number[]; message: { zh: string; en: string } }[];
      const problem = problems.find((item) => item.check === check);
      expect(problem, `${check} among ${problems.map((item) => item.check).join(', ')}`).toBeDefined();
      expect(problem!.at, `${check} says where`).toHaveLength(2);
      expect(problem!.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(response.json().message).toContain('cannot be published');
    }
    // A bowtie is refused when the draft is saved, naming the grid's field.
    const bowtie: Polygon = { type: 'Polygon', coordinates: [[[112.5, 32.98], [112.51, 32.99], [112.51, 32.98], [112.5, 32.99], [112.5, 32.98]]] };
    const refused = await sessions.planner({ method: 'PUT', url: url(), payload: { baseVersions: baseOf(grids), grids: draftWith(first.id, bowtie) } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toMatch(/body\.grids\[\d+\]\.geometry crosses itself/);
    await sessions.planner({ method: 'DELETE', url: url() });
    expect(await tableCounts(testApp.app)).toEqual(countsBefore);
    expect(await query(`SELECT id, version, ST_AsText(geom) AS geom FROM grids WHERE community_id = $1 ORDER BY id`, [community])).toEqual(gridsBefore);
  });

  it('lets exactly one of two planners publishing from the same base win, 20 times over, with one revision per publish', async () => {
    let wins = 0;
    const revisionsBefore = (await query<{ n: number }>(`SELECT count(*)::int AS n FROM grid_revisions WHERE community_id = $1`, [community]))[0].n;
    for (let trial = 0; trial < 20; trial++) {
      const grids = await current();
      const target = grids[trial % grids.length];
      // Both change the same grid's target, differently.
      for (const [index, session] of [sessions.planner, sessions.admin].entries()) {
        await saveDraft(session, baseOf(grids), asDraft(grids).map((grid) => (grid.id === target.id ? { ...grid, targetHouseholds: 300 + trial * 2 + index } : grid)));
      }
      const [a, b] = await Promise.all([publish(sessions.planner, `并发 ${trial} A`), publish(sessions.admin, `并发 ${trial} B`)]);
      expect([a.statusCode, b.statusCode].sort(), `trial ${trial}: ${a.body} / ${b.body}`).toEqual([200, 409]);
      const loser = a.statusCode === 409 ? a : b;
      expect(loser.json().message).toContain(target.name);
      expect(loser.json().details.staleGrids[0]).toMatchObject({ id: target.id, baseVersion: target.version, version: target.version + 1 });
      wins++;
      // The loser's draft is still there for them to re-apply; discard it for the next trial.
      await (a.statusCode === 409 ? sessions.planner : sessions.admin)({ method: 'DELETE', url: url() });
    }
    expect((await query<{ n: number }>(`SELECT count(*)::int AS n FROM grid_revisions WHERE community_id = $1`, [community]))[0].n).toBe(revisionsBefore + wins);
  });

  it('says what is wrong with a draft: unknown fields, a grid twice, a grid of another community, no base version', async () => {
    const grids = await current();
    const draft = asDraft(grids);
    const [foreign] = await query<{ id: number; version: number }>(`SELECT id, version FROM grids WHERE community_id = $1 ORDER BY id LIMIT 1`, [outside]);
    const cases: [object, number, RegExp][] = [
      [{ baseVersions: baseOf(grids), grids: draft, extra: 1 }, 400, /extra/],
      [{ baseVersions: baseOf(grids), grids: [...draft, draft[0]] }, 400, /body\.grids\[\d+\]\.id: grid \d+ appears twice/],
      [{ baseVersions: {}, grids: draft }, 400, /not in body\.baseVersions/],
      [{ baseVersions: { ...baseOf(grids), [foreign.id]: foreign.version }, grids: [...draft, { id: foreign.id, name: '别处', targetHouseholds: 400, geometry: draft[0].geometry }] }, 422, /not a grid of community/],
      [{ baseVersions: baseOf(grids), grids: draft.map((grid) => ({ ...grid, name: '   ' })) }, 400, /name/],
    ];
    const countsBefore = await tableCounts(testApp.app);
    for (const [payload, status, message] of cases) {
      const response = await sessions.planner({ method: 'PUT', url: url(), payload });
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json().message).toMatch(message);
    }
    expect(await tableCounts(testApp.app)).toEqual(countsBefore);
  });
});
