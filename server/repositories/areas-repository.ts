import type pg from 'pg';
import { LOCAL_TIME_ZONE, type PatrolNight } from '#domain/local-time.ts';
import { PATROL_COVERAGE_RADIUS_METRES } from '#domain/patrol-coverage.ts';
import { runQuery, sql, type SqlFragment } from '../db/sql.ts';
import type { AreaNodeValue } from '../schemas/areas.ts';
import { overdue } from './collections/catalog.ts';
import { COORDINATE_DECIMALS } from './collections/collection.ts';

/** The counts of an area (`area` is the alias of an areas row of level community), for the tree and the community KPIs alike. */
const communityCounts = (area: string) =>
  sql.raw(`'grids', (SELECT count(*) FROM grids WHERE community_id = ${area}.id),
           'compounds', (SELECT count(*) FROM compounds WHERE community_id = ${area}.id),
           'buildings', (SELECT count(*) FROM buildings WHERE community_id = ${area}.id),
           'households', (SELECT coalesce(sum(households), 0) FROM buildings WHERE community_id = ${area}.id),
           'residents', (SELECT coalesce(sum(residents), 0) FROM buildings WHERE community_id = ${area}.id),
           'openIncidents', (SELECT count(*) FROM incidents WHERE community_id = ${area}.id AND status <> 'closed')`);

/** Share (0-1, 4 decimals) of a community's compounds that the patrols of `night` came near, by the one SQL rule (patrolled_near). */
export const patrolCoverageOf = (community: string, night: PatrolNight): SqlFragment =>
  sql`(SELECT round(count(*) FILTER (WHERE patrolled_near(compound.community_id, compound.geom, ${night.starts}::timestamptz, ${night.ends}::timestamptz, ${PATROL_COVERAGE_RADIUS_METRES}))::numeric
                    / nullif(count(*), 0), 4)
         FROM compounds AS compound WHERE compound.community_id = ${sql.raw(community)}.id)`;

export function areasRepository(pool: pg.Pool) {
  return {
    /** The user's communities and their ancestors, as a tree with counts summed upwards. */
    async tree(scope: number[]): Promise<AreaNodeValue | undefined> {
      const { rows } = await runQuery<Omit<AreaNodeValue, 'children'>>(
        pool,
        sql`WITH RECURSIVE visible AS (
              SELECT id, parent_id FROM areas WHERE level = 'community' AND id = ANY(${scope}::int[])
              UNION SELECT area.id, area.parent_id FROM areas AS area JOIN visible ON visible.parent_id = area.id
            )
            SELECT area.id, area.code, area.name, area.name_en AS "nameEn", area.level, area.parent_id AS "parentId",
                   ARRAY[ST_XMin(area.geom), ST_YMin(area.geom), ST_XMax(area.geom), ST_YMax(area.geom)] AS bbox,
                   ARRAY[ST_X(ST_PointOnSurface(area.geom)), ST_Y(ST_PointOnSurface(area.geom))] AS centroid,
                   CASE WHEN area.level = 'community' THEN json_build_object(${communityCounts('area')})
                        ELSE json_build_object('grids', 0, 'compounds', 0, 'buildings', 0, 'households', 0, 'residents', 0, 'openIncidents', 0) END AS counts
              FROM areas AS area WHERE area.id IN (SELECT id FROM visible)
             ORDER BY CASE area.level WHEN 'city' THEN 0 WHEN 'district' THEN 1 WHEN 'street' THEN 2 ELSE 3 END DESC, area.code`,
      );
      // Rounding keeps the length: a bbox stays four numbers, a point two.
      const round = <T extends number[]>(values: T): T => values.map((value) => Number(value.toFixed(COORDINATE_DECIMALS))) as T;
      const nodes = new Map<number, AreaNodeValue>(rows.map((row) => [row.id, { ...row, bbox: round(row.bbox), centroid: round(row.centroid), children: [] }]));
      let root: AreaNodeValue | undefined;
      // Rows come leaves first, so each node's counts are complete before they are added to its parent.
      for (const node of nodes.values()) {
        const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
        if (!parent) {
          root = node;
          continue;
        }
        parent.children.push(node);
        for (const key of Object.keys(node.counts) as (keyof AreaNodeValue['counts'])[]) parent.counts[key] += node.counts[key];
      }
      for (const node of nodes.values()) node.children.sort((a, b) => a.code.localeCompare(b.code));
      return root;
    },

    /** A community with its key figures as a GeoJSON Feature (patrol figures of the last patrol night), or undefined outside the scope. */
    async community(id: number, scope: number[], now: Date, night: PatrolNight): Promise<string | undefined> {
      const { rows } = await runQuery<{ feature: string }>(
        pool,
        sql`SELECT '{"type":"Feature","id":' || community.id || ',"geometry":' || ST_AsGeoJSON(ST_ForcePolygonCCW(community.geom), ${COORDINATE_DECIMALS})
                   || ',"properties":' || row_to_json(properties)::text || '}' AS feature
              FROM areas AS community
              JOIN areas AS street ON street.id = community.parent_id
              JOIN areas AS district ON district.id = street.parent_id
             CROSS JOIN LATERAL (
               SELECT community.id, community.code, community.name, community.name_en AS "nameEn", street.name AS street, district.name AS district,
                      (json_build_object(${communityCounts('community')})::jsonb || jsonb_build_object(
                        'elderlyResidents', (SELECT coalesce(sum(elderly_residents), 0) FROM buildings WHERE community_id = community.id),
                        'staff', (SELECT count(*) FROM staff WHERE community_id = community.id),
                        'volunteerTeams', (SELECT count(*) FROM volunteer_teams WHERE community_id = community.id),
                        'volunteers', (SELECT count(*) FROM volunteers WHERE community_id = community.id),
                        'activeVolunteers', (SELECT count(*) FROM volunteers WHERE community_id = community.id AND active),
                        'servicePoints', (SELECT count(*) FROM service_points WHERE community_id = community.id),
                        -- Today is the local calendar day (the demo places' time zone).
                        'incidentsToday', (SELECT count(*) FROM incidents WHERE community_id = community.id
                                            AND reported_at >= (date_trunc('day', ${now}::timestamptz AT TIME ZONE ${LOCAL_TIME_ZONE}) AT TIME ZONE ${LOCAL_TIME_ZONE})),
                        'overdueIncidents', (SELECT count(*) FROM incidents AS item WHERE item.community_id = community.id AND ${overdue('item', now)}),
                        'closureRate7d', (SELECT round(count(*) FILTER (WHERE status = 'closed')::numeric / nullif(count(*), 0), 4) FROM incidents
                                           WHERE community_id = community.id AND reported_at >= ${now}::timestamptz - interval '7 days'),
                        'medianHoursToClose30d', (SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - reported_at)) / 3600)::numeric, 1)
                                                   FROM incidents WHERE community_id = community.id AND closed_at >= ${now}::timestamptz - interval '30 days'),
                        'lastPatrolNight', ${night.date}::text,
                        'lastNightPatrols', (SELECT count(*) FROM patrols AS patrol WHERE patrol.community_id = community.id
                                              AND patrol.started_at < ${night.ends}::timestamptz AND patrol.ended_at >= ${night.starts}::timestamptz),
                        'lastNightPatrolCoverage', ${patrolCoverageOf('community', night)})) AS kpis) AS properties
             WHERE community.id = ${id} AND community.level = 'community' AND community.id = ANY(${scope}::int[])`,
      );
      return rows[0]?.feature;
    },
  };
}
