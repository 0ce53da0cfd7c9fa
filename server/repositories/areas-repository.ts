import type pg from 'pg';
import type { PatrolNight } from '#domain/local-time.ts';
import { OVERDUE_SQL } from './incidents-repository.ts';

export interface AreaNode {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  level: string;
  parentId: number | null;
  bbox: number[];
  centroid: number[];
  counts: { grids: number; compounds: number; buildings: number; households: number; residents: number; openIncidents: number };
  children: AreaNode[];
}

/** Compounds that some GPS point of the window came within 50 m of; the degree test lets the index do most of the work. */
export const COMPOUND_COVERED_SQL = (compound: string, starts: string, ends: string) => `EXISTS (
  SELECT 1 FROM patrol_points AS point
   WHERE point.community_id = ${compound}.community_id AND point.recorded_at >= ${starts} AND point.recorded_at < ${ends}
     AND ST_DWithin(point.geom, ${compound}.geom, 0.0008) AND ST_DWithin(point.geom::geography, ${compound}.geom::geography, 50))`;

export function areasRepository(pool: pg.Pool) {
  return {
    /** The user's communities and their ancestors, as a tree with counts summed upwards. */
    async tree(scope: number[]): Promise<AreaNode | undefined> {
      const { rows } = await pool.query<Omit<AreaNode, 'children'>>(
        `WITH RECURSIVE visible AS (
           SELECT id, parent_id FROM areas WHERE level = 'community' AND id = ANY($1::int[])
           UNION SELECT area.id, area.parent_id FROM areas AS area JOIN visible ON visible.parent_id = area.id
         )
         SELECT area.id, area.code, area.name, area.name_en AS "nameEn", area.level, area.parent_id AS "parentId",
                ARRAY[ST_XMin(area.geom), ST_YMin(area.geom), ST_XMax(area.geom), ST_YMax(area.geom)] AS bbox,
                ARRAY[ST_X(ST_PointOnSurface(area.geom)), ST_Y(ST_PointOnSurface(area.geom))] AS centroid,
                json_build_object(
                  'grids', (SELECT count(*) FROM grids WHERE community_id = area.id),
                  'compounds', (SELECT count(*) FROM compounds WHERE community_id = area.id),
                  'buildings', (SELECT count(*) FROM buildings WHERE community_id = area.id),
                  'households', (SELECT coalesce(sum(households), 0) FROM buildings WHERE community_id = area.id),
                  'residents', (SELECT coalesce(sum(residents), 0) FROM buildings WHERE community_id = area.id),
                  'openIncidents', (SELECT count(*) FROM incidents WHERE community_id = area.id AND status <> 'closed')) AS counts
           FROM areas AS area WHERE area.id IN (SELECT id FROM visible)
          ORDER BY CASE area.level WHEN 'city' THEN 0 WHEN 'district' THEN 1 WHEN 'street' THEN 2 ELSE 3 END DESC, area.code`,
        [scope],
      );
      const nodes = new Map<number, AreaNode>(rows.map((row) => [row.id, { ...row, bbox: row.bbox.map((value) => Number(value.toFixed(7))), centroid: row.centroid.map((value) => Number(value.toFixed(7))), children: [] }]));
      let root: AreaNode | undefined;
      // Rows come leaves first, so each node's counts are complete before they are added to its parent.
      for (const node of nodes.values()) {
        const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
        if (!parent) {
          root = node;
          continue;
        }
        parent.children.push(node);
        for (const key of Object.keys(node.counts) as (keyof AreaNode['counts'])[]) parent.counts[key] += node.counts[key];
      }
      for (const node of nodes.values()) node.children.sort((a, b) => a.code.localeCompare(b.code));
      return root;
    },

    /** A community with its key figures (patrol coverage of the last patrol night), as a GeoJSON Feature; undefined outside the scope. */
    async community(id: number, scope: number[], night: PatrolNight): Promise<string | undefined> {
      const { rows } = await pool.query<{ feature: string }>(
        `WITH last_night AS (SELECT $3::timestamptz AS starts, $4::timestamptz AS ends)
         SELECT ST_AsGeoJSON(page.*, 'geom', 7) AS feature FROM (
           SELECT community.id, community.code, community.name, community.name_en AS "nameEn",
                  street.name AS street, district.name AS district,
                  json_build_object(
                    'grids', (SELECT count(*) FROM grids WHERE community_id = community.id),
                    'compounds', (SELECT count(*) FROM compounds WHERE community_id = community.id),
                    'buildings', (SELECT count(*) FROM buildings WHERE community_id = community.id),
                    'households', (SELECT coalesce(sum(households), 0) FROM buildings WHERE community_id = community.id),
                    'residents', (SELECT coalesce(sum(residents), 0) FROM buildings WHERE community_id = community.id),
                    'elderlyResidents', (SELECT coalesce(sum(elderly_residents), 0) FROM buildings WHERE community_id = community.id),
                    'staff', (SELECT count(*) FROM staff WHERE community_id = community.id),
                    'volunteerTeams', (SELECT count(*) FROM volunteer_teams WHERE community_id = community.id),
                    'volunteers', (SELECT count(*) FROM volunteers WHERE community_id = community.id),
                    'activeVolunteers', (SELECT count(*) FROM volunteers WHERE community_id = community.id AND active),
                    'servicePoints', (SELECT count(*) FROM service_points WHERE community_id = community.id),
                    'incidentsToday', (SELECT count(*) FROM incidents WHERE community_id = community.id
                                        AND reported_at >= (date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')),
                    'openIncidents', (SELECT count(*) FROM incidents WHERE community_id = community.id AND status <> 'closed'),
                    'overdueIncidents', (SELECT count(*) FROM incidents AS item WHERE item.community_id = community.id AND ${OVERDUE_SQL}),
                    'closureRate7d', (SELECT round(count(*) FILTER (WHERE status = 'closed')::numeric / nullif(count(*), 0), 4) FROM incidents
                                       WHERE community_id = community.id AND reported_at >= now() - interval '7 days'),
                    'medianHoursToClose30d', (SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - reported_at)) / 3600)::numeric, 1)
                                               FROM incidents WHERE community_id = community.id AND closed_at >= now() - interval '30 days'),
                    'lastPatrolNight', $5::text,
                    'lastNightPatrols', (SELECT count(*) FROM patrols AS patrol WHERE patrol.community_id = community.id
                                          AND patrol.started_at < last_night.ends AND patrol.ended_at >= last_night.starts),
                    'lastNightPatrolCoverage', (SELECT round(count(*) FILTER (WHERE ${COMPOUND_COVERED_SQL('compound', 'last_night.starts', 'last_night.ends')})::numeric / nullif(count(*), 0), 4)
                                                 FROM compounds AS compound WHERE compound.community_id = community.id)
                  ) AS kpis,
                  ST_ForcePolygonCCW(community.geom) AS geom
             FROM areas AS community
             JOIN areas AS street ON street.id = community.parent_id
             JOIN areas AS district ON district.id = street.parent_id
            CROSS JOIN last_night
            WHERE community.id = $1 AND community.level = 'community' AND community.id = ANY($2::int[])) AS page`,
        [id, scope, night.starts.toISOString(), night.ends.toISOString(), night.date],
      );
      return rows[0]?.feature;
    },
  };
}
