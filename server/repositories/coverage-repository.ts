import type pg from 'pg';
import type { PatrolNight } from '#domain/local-time.ts';
import { PATROL_COVERAGE_RADIUS_METRES } from '#domain/patrol-coverage.ts';
import { SERVICE_RADII_METRES, share, type ServiceRadius } from '#domain/service-coverage.ts';
import { SERVICE_POINT_KINDS } from '#domain/vocabulary.ts';
import { runQuery, sql } from '../db/sql.ts';
import { COORDINATE_DECIMALS } from './collections/collection.ts';
import { mercatorHexagonSize } from './hexagons.ts';

export interface ServiceCoverage {
  communityId: number;
  households: number;
  kinds: { kind: string; within: Record<ServiceRadius, { households: number; share: number | null }> }[];
  /** Buildings with households farther than `radius` from every service point of `kind` (any kind when none), as FeatureCollection text. */
  uncovered: string;
}

/** What the patrols of a window of nights came near, as the rows the route turns into figures. */
export interface PatrolWindowRows {
  /** Every courtyard of the community, with the window's nights (1-based, oldest first) it was covered on. */
  compounds: { id: number; name: string; gridId: number | null; geometry: string; coveredNights: number[] }[];
  grids: { gridId: number; name: string }[];
  /** Patrols recorded per night, in the window's order. */
  patrols: number[];
  /** Hexagons over the community: how many of the window's nights some GPS point fell in each. */
  hexagons: { geometry: string; nights: number }[];
}

export function coverageRepository(pool: pg.Pool) {
  return {
    /**
     * Patrol coverage over a window of nights (oldest first), by the one rule (patrolled_near), for a
     * community in the scope; undefined outside it. `hexMetres` sizes the heat surface's hexagons.
     */
    async patrols(community: number, scope: number[], nights: PatrolNight[], hexMetres: number): Promise<PatrolWindowRows | undefined> {
      if (!scope.includes(community)) return undefined;
      const starts = nights.map((each) => each.starts.toISOString());
      const ends = nights.map((each) => each.ends.toISOString());
      const night = sql`SELECT night.starts, night.ends, night.i::int AS i FROM unnest(${starts}::timestamptz[], ${ends}::timestamptz[]) WITH ORDINALITY AS night(starts, ends, i)`;
      const [compounds, grids, patrols, hexagons] = await Promise.all([
        runQuery<PatrolWindowRows['compounds'][number]>(
          pool,
          sql`SELECT compound.id, compound.name, compound.grid_id AS "gridId",
                     ST_AsGeoJSON(ST_ForcePolygonCCW(compound.geom), ${COORDINATE_DECIMALS}) AS geometry,
                     patrolled_nights_near(compound.community_id, compound.geom, ${starts}::timestamptz[], ${ends}::timestamptz[], ${PATROL_COVERAGE_RADIUS_METRES}) AS "coveredNights"
                FROM compounds AS compound
               WHERE compound.community_id = ${community}
               ORDER BY compound.id`,
        ),
        runQuery<PatrolWindowRows['grids'][number]>(pool, sql`SELECT id AS "gridId", name FROM grids WHERE community_id = ${community} ORDER BY id`),
        runQuery<{ count: number }>(
          pool,
          sql`SELECT count(patrol.id)::int AS count
                FROM (${night}) AS night
                LEFT JOIN patrols AS patrol ON patrol.community_id = ${community} AND patrol.started_at < night.ends AND patrol.ended_at >= night.starts
               GROUP BY night.i ORDER BY night.i`,
        ),
        // Hexagons laid over the community and cut to its boundary; the points in each are found through the
        // patrol points' spatial index.
        runQuery<PatrolWindowRows['hexagons'][number]>(
          pool,
          sql`WITH area AS (SELECT ST_Transform(geom, 3857) AS geom, ST_Y(ST_Centroid(geom)) AS latitude FROM areas WHERE id = ${community}),
                   hexagon AS (SELECT cell.i, cell.j, ST_Transform(ST_CollectionExtract(ST_Intersection(cell.geom, area.geom), 3), 4326) AS geom
                                 FROM area, ST_HexagonGrid(${mercatorHexagonSize(hexMetres, sql`area.latitude`)}, area.geom) AS cell
                                WHERE ST_Intersects(cell.geom, area.geom) AND NOT ST_Touches(cell.geom, area.geom)),
                   -- The window's points, each with its night: a few thousand a night, tested against each hexagon's box first.
                   located AS MATERIALIZED (
                     SELECT point.geom, night.i FROM patrol_points AS point
                       JOIN (${night}) AS night ON point.recorded_at >= night.starts AND point.recorded_at < night.ends
                      WHERE point.community_id = ${community} AND point.recorded_at >= ${starts[0]}::timestamptz AND point.recorded_at < ${ends[ends.length - 1]}::timestamptz),
                   visited AS (SELECT hexagon.i, hexagon.j, count(DISTINCT located.i)::int AS nights FROM hexagon JOIN located ON ST_Intersects(hexagon.geom, located.geom) GROUP BY hexagon.i, hexagon.j)
              SELECT ST_AsGeoJSON(hexagon.geom, ${COORDINATE_DECIMALS}) AS geometry, coalesce(visited.nights, 0) AS nights
                FROM hexagon LEFT JOIN visited USING (i, j)
               ORDER BY hexagon.i, hexagon.j`,
        ),
      ]);
      return { compounds: compounds.rows, grids: grids.rows, patrols: patrols.rows.map((row) => row.count), hexagons: hexagons.rows };
    },

    /** Service coverage of a community's households, per kind and radius; undefined outside the scope. */
    async service(community: number, scope: number[], uncoveredRadius: ServiceRadius, uncoveredKind: string | undefined): Promise<ServiceCoverage | undefined> {
      if (!scope.includes(community)) return undefined;
      const farthest = Math.max(...SERVICE_RADII_METRES);
      // Each building's distance to the nearest point of each kind within the largest radius (NULL: farther).
      const distances = sql`
        SELECT building.id, building.households, building.geom, point.kind, min(ST_Distance(point.geom::geography, ST_PointOnSurface(building.geom)::geography)) AS metres
          FROM buildings AS building
          LEFT JOIN service_points AS point ON ST_DWithin(point.geom::geography, ST_PointOnSurface(building.geom)::geography, ${farthest})
         WHERE building.community_id = ${community} AND building.households > 0
         GROUP BY building.id, building.households, building.geom, point.kind`;
      const [totals, covered, uncovered] = await Promise.all([
        runQuery<{ households: number }>(pool, sql`SELECT coalesce(sum(households), 0)::int AS households FROM buildings WHERE community_id = ${community} AND households > 0`),
        runQuery<{ kind: string; radius: number; households: number }>(
          pool,
          sql`WITH distance AS (${distances})
              SELECT distance.kind, radius, sum(distance.households)::int AS households
                FROM distance CROSS JOIN unnest(${[...SERVICE_RADII_METRES]}::int[]) AS radius
               WHERE distance.kind IS NOT NULL AND distance.metres <= radius
               GROUP BY distance.kind, radius
              UNION ALL
              SELECT 'any', radius, sum(nearest.households)::int
                FROM (SELECT id, households, min(metres) AS metres FROM (${distances}) AS d WHERE kind IS NOT NULL GROUP BY id, households) AS nearest
                CROSS JOIN unnest(${[...SERVICE_RADII_METRES]}::int[]) AS radius
               WHERE nearest.metres <= radius
               GROUP BY radius`,
        ),
        runQuery<{ features: string }>(
          pool,
          sql`SELECT '{"type":"FeatureCollection","features":[' || coalesce(string_agg(
                     '{"type":"Feature","id":' || building.id || ',"geometry":' || ST_AsGeoJSON(ST_ForcePolygonCCW(building.geom), ${COORDINATE_DECIMALS})
                     || ',"properties":' || json_build_object('id', building.id, 'name', building.name, 'households', building.households, 'gridId', building.grid_id)::text || '}',
                     ',' ORDER BY building.id), '') || ']}' AS features
                FROM buildings AS building
               WHERE building.community_id = ${community} AND building.households > 0
                 AND NOT EXISTS (SELECT 1 FROM service_points AS point
                                  WHERE (${uncoveredKind ?? null}::text IS NULL OR point.kind = ${uncoveredKind ?? null}::text)
                                    AND ST_DWithin(point.geom::geography, ST_PointOnSurface(building.geom)::geography, ${uncoveredRadius}))`,
        ),
      ]);
      const households = totals.rows[0].households;
      const within = (kind: string) =>
        Object.fromEntries(
          SERVICE_RADII_METRES.map((radius) => {
            const count = covered.rows.find((row) => row.kind === kind && row.radius === radius)?.households ?? 0;
            return [radius, { households: count, share: share(count, households) }];
          }),
        ) as Record<ServiceRadius, { households: number; share: number | null }>;
      return {
        communityId: community,
        households,
        kinds: ['any', ...SERVICE_POINT_KINDS].map((kind) => ({ kind, within: within(kind) })),
        uncovered: uncovered.rows[0].features,
      };
    },
  };
}
