import type pg from 'pg';
import { LOCAL_TIME_ZONE } from '#domain/local-time.ts';
import { runQuery, sql } from '../db/sql.ts';
import type { Static } from '@sinclair/typebox';
import type { IncidentProperties } from '../schemas/incidents.ts';
import { incidentProperties, isoTime } from './collections/catalog.ts';

type IncidentPropertiesValue = Static<typeof IncidentProperties>;

export function statsRepository(pool: pg.Pool) {
  return {
    /** Communities under an area (any level) that the user may see; all of the scope when no area is given. */
    async communitiesUnder(area: number | undefined, scope: number[]): Promise<number[]> {
      if (area === undefined) return scope;
      const { rows } = await runQuery<{ ids: number[] }>(
        pool,
        sql`WITH RECURSIVE below AS (
              SELECT id, level FROM areas WHERE id = ${area}
              UNION SELECT area.id, area.level FROM areas AS area JOIN below ON area.parent_id = below.id
            )
            SELECT coalesce(array_agg(id), '{}') AS ids FROM below WHERE level = 'community' AND id = ANY(${scope}::int[])`,
      );
      return rows[0].ids;
    },

    /** What the command display shows: per category and status, a daily trend (local days), a grid ranking and the latest incidents. */
    async incidentStats(communities: number[], days: number, now: Date) {
      const window = sql`item.community_id = ANY(${communities}::int[]) AND item.reported_at >= ${now}::timestamptz - make_interval(days => ${days})`;
      // Local calendar days, the last `days` of them up to today.
      const localDay = (column: string) => sql`(${sql.raw(column)} AT TIME ZONE ${LOCAL_TIME_ZONE})::date`;
      const [byCategory, byStatus, trend, ranking, latest, asOf] = await Promise.all([
        runQuery<{ key: string; count: number }>(pool, sql`SELECT category AS key, count(*)::int AS count FROM incidents AS item WHERE ${window} GROUP BY category`),
        runQuery<{ key: string; count: number }>(pool, sql`SELECT status AS key, count(*)::int AS count FROM incidents AS item WHERE ${window} GROUP BY status`),
        runQuery<{ date: string; count: number; closed: number }>(
          pool,
          sql`WITH bounds AS (
                SELECT (${now}::timestamptz AT TIME ZONE ${LOCAL_TIME_ZONE})::date AS today,
                       (((${now}::timestamptz AT TIME ZONE ${LOCAL_TIME_ZONE})::date - (${days}::int - 1))::timestamp AT TIME ZONE ${LOCAL_TIME_ZONE}) AS first_instant
              ),
              days AS (SELECT day::date AS day FROM bounds, generate_series(bounds.today - (${days}::int - 1), bounds.today, interval '1 day') AS day),
              reported AS (
                SELECT ${localDay('item.reported_at')} AS day, count(*)::int AS count FROM incidents AS item, bounds
                 WHERE item.community_id = ANY(${communities}::int[]) AND item.reported_at >= bounds.first_instant GROUP BY 1),
              closed AS (
                SELECT ${localDay('item.closed_at')} AS day, count(*)::int AS count FROM incidents AS item, bounds
                 WHERE item.community_id = ANY(${communities}::int[]) AND item.closed_at >= bounds.first_instant GROUP BY 1)
              SELECT to_char(days.day, 'YYYY-MM-DD') AS date, coalesce(reported.count, 0) AS count, coalesce(closed.count, 0) AS closed
                FROM days LEFT JOIN reported USING (day) LEFT JOIN closed USING (day) ORDER BY days.day`,
        ),
        runQuery<{ gridId: number; name: string; community: string; count: number; open: number }>(
          pool,
          sql`SELECT grid.id AS "gridId", grid.name, community.name AS community, count(item.id)::int AS count,
                     count(item.id) FILTER (WHERE item.status <> 'closed')::int AS open
                FROM incidents AS item JOIN grids AS grid ON grid.id = item.grid_id JOIN areas AS community ON community.id = grid.community_id
               WHERE ${window} GROUP BY grid.id, community.name ORDER BY count DESC, grid.id LIMIT 10`,
        ),
        runQuery<IncidentPropertiesValue>(pool, sql`SELECT ${incidentProperties(now)} FROM incidents AS item WHERE item.community_id = ANY(${communities}::int[]) ORDER BY item.reported_at DESC, item.id DESC LIMIT 10`),
        runQuery<{ asOf: string | null }>(pool, sql`SELECT ${isoTime('max(updated_at)')} AS "asOf" FROM incidents WHERE community_id = ANY(${communities}::int[])`),
      ]);
      const counts = (rows: { key: string; count: number }[]) => Object.fromEntries(rows.map((row) => [row.key, row.count]));
      return {
        days,
        byCategory: counts(byCategory.rows),
        byStatus: counts(byStatus.rows),
        trend: trend.rows,
        gridRanking: ranking.rows,
        latest: latest.rows,
        dataAsOf: asOf.rows[0].asOf ?? now.toISOString().slice(0, 19) + 'Z',
      };
    },
  };
}
