// Aggregations of the incidents that match a selection (the list's filters and a drawn area), computed in
// SQL over every match, so that the analyst's charts, hexbins and choropleth stay right however many
// incidents there are (the client never has to load them all).
import type pg from 'pg';
import { LOCAL_TIME_ZONE } from '#domain/local-time.ts';
import { runQuery, sql, type SqlFragment } from '../db/sql.ts';
import { incidentConditions, type IncidentFilters } from './collections/catalog.ts';
import { mercatorHexagonSize } from './hexagons.ts';

export const AGGREGATE_INTERVALS = ['day', 'week', 'month'] as const;
export type AggregateInterval = (typeof AGGREGATE_INTERVALS)[number];

export interface IncidentAggregates {
  total: number;
  open: number;
  byCategory: Record<string, number>;
  byStatus: Record<string, number>;
  byCommunity: { communityId: number; name: string; count: number; open: number }[];
  byGrid: { gridId: number; name: string; communityId: number; count: number; open: number }[];
  /** Local calendar periods (weeks start on Monday), oldest first; only periods with incidents. */
  series: { start: string; count: number; closed: number }[];
  /** Hours from report to closure of the closed matches. */
  timeToClose: { closed: number; medianHours: number | null; p90Hours: number | null };
  /** Hexagons of `hexMetres` across (flat to flat) with their counts, as GeoJSON text of a FeatureCollection. */
  hexbins: string;
}

export function incidentAggregatesRepository(pool: pg.Pool) {
  return {
    async aggregate(filters: IncidentFilters, scope: number[], interval: AggregateInterval, hexMetres: number): Promise<IncidentAggregates> {
      const where: SqlFragment = sql.join(incidentConditions({ filters, scope }), ' AND ');
      const matches = sql`SELECT item.* FROM incidents AS item WHERE ${where}`;
      const local = sql`(item.reported_at AT TIME ZONE ${LOCAL_TIME_ZONE})`;
      const [counts, communities, grids, series, close, hexbins] = await Promise.all([
        runQuery<{ category: string; status: string; count: number }>(pool, sql`SELECT item.category, item.status, count(*)::int AS count FROM (${matches}) AS item GROUP BY 1, 2`),
        runQuery<IncidentAggregates['byCommunity'][number]>(
          pool,
          sql`SELECT item.community_id AS "communityId", community.name, count(*)::int AS count, count(*) FILTER (WHERE item.status <> 'closed')::int AS open
                FROM (${matches}) AS item JOIN areas AS community ON community.id = item.community_id
               GROUP BY 1, 2 ORDER BY count DESC, 1`,
        ),
        runQuery<IncidentAggregates['byGrid'][number]>(
          pool,
          sql`SELECT item.grid_id AS "gridId", grid.name, grid.community_id AS "communityId", count(*)::int AS count, count(*) FILTER (WHERE item.status <> 'closed')::int AS open
                FROM (${matches}) AS item JOIN grids AS grid ON grid.id = item.grid_id
               GROUP BY 1, 2, 3 ORDER BY count DESC, 1`,
        ),
        runQuery<{ start: string; count: number; closed: number }>(
          pool,
          sql`SELECT to_char(date_trunc(${interval}, ${local}), 'YYYY-MM-DD') AS start, count(*)::int AS count, count(*) FILTER (WHERE item.status = 'closed')::int AS closed
                FROM (${matches}) AS item GROUP BY 1 ORDER BY 1`,
        ),
        runQuery<{ closed: number; median: number | null; p90: number | null }>(
          pool,
          sql`SELECT count(*)::int AS closed,
                     percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM item.closed_at - item.reported_at) / 3600)::float8 AS median,
                     percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM item.closed_at - item.reported_at) / 3600)::float8 AS p90
                FROM (${matches}) AS item WHERE item.closed_at IS NOT NULL`,
        ),
        // Hexagons in Web Mercator, sized so that they are `hexMetres` across on the ground at the matches' latitude.
        runQuery<{ hexbins: string }>(
          pool,
          sql`WITH item AS (${matches}),
                   centre AS (SELECT coalesce(avg(ST_Y(item.geom)), 0) AS latitude FROM item),
                   cell AS (
                     -- Each incident counts in one hexagon: on an edge, the first by its grid position.
                     SELECT hexagon.geom, count(*)::int AS count
                       FROM item, centre,
                            LATERAL (SELECT candidate.geom FROM ST_HexagonGrid(${mercatorHexagonSize(hexMetres, sql`centre.latitude`)}, ST_Transform(item.geom, 3857)) AS candidate
                                      WHERE ST_Intersects(candidate.geom, ST_Transform(item.geom, 3857)) ORDER BY candidate.i, candidate.j LIMIT 1) AS hexagon
                      GROUP BY hexagon.geom),
                   numbered AS (SELECT cell.*, row_number() OVER (ORDER BY cell.count DESC, ST_XMin(cell.geom), ST_YMin(cell.geom)) AS n FROM cell)
              SELECT '{"type":"FeatureCollection","features":[' || coalesce(string_agg(
                       '{"type":"Feature","id":' || numbered.n || ',"geometry":' || ST_AsGeoJSON(ST_Transform(numbered.geom, 4326), 6)
                       || ',"properties":{"count":' || numbered.count || '}}', ',' ORDER BY numbered.n), '')
                     || ']}' AS hexbins
                FROM numbered`,
        ),
      ]);
      const byCategory: Record<string, number> = {};
      const byStatus: Record<string, number> = {};
      let total = 0;
      for (const row of counts.rows) {
        total += row.count;
        byCategory[row.category] = (byCategory[row.category] ?? 0) + row.count;
        byStatus[row.status] = (byStatus[row.status] ?? 0) + row.count;
      }
      const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
      return {
        total,
        open: total - (byStatus.closed ?? 0),
        byCategory,
        byStatus,
        byCommunity: communities.rows,
        byGrid: grids.rows,
        series: series.rows,
        timeToClose: { closed: close.rows[0].closed, medianHours: round(close.rows[0].median), p90Hours: round(close.rows[0].p90) },
        hexbins: hexbins.rows[0].hexbins,
      };
    },
  };
}
