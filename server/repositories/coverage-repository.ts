import type pg from 'pg';
import { SERVICE_RADII_METRES, share, type ServiceRadius } from '#domain/service-coverage.ts';
import { SERVICE_POINT_KINDS } from '#domain/vocabulary.ts';
import { runQuery, sql } from '../db/sql.ts';
import { COORDINATE_DECIMALS } from './collections/collection.ts';

export interface ServiceCoverage {
  communityId: number;
  households: number;
  kinds: { kind: string; within: Record<ServiceRadius, { households: number; share: number | null }> }[];
  /** Buildings with households farther than `radius` from every service point of `kind` (any kind when none), as FeatureCollection text. */
  uncovered: string;
}

export function coverageRepository(pool: pg.Pool) {
  return {
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
