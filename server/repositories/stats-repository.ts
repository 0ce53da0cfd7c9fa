import type pg from 'pg';
import { INCIDENT_PROPERTIES } from './incidents-repository.ts';

/** Communities under an area (any level) that the user may see; all of the scope when no area is given. */
const COMMUNITIES_UNDER_AREA = `
  WITH RECURSIVE below AS (
    SELECT id, level FROM areas WHERE id = $1
    UNION SELECT area.id, area.level FROM areas AS area JOIN below ON area.parent_id = below.id
  )
  SELECT coalesce(array_agg(id), '{}') AS ids FROM below WHERE level = 'community' AND id = ANY($2::int[])`;

export function statsRepository(pool: pg.Pool) {
  return {
    async communitiesUnder(area: number | undefined, scope: number[]): Promise<number[]> {
      if (area === undefined) return scope;
      const { rows } = await pool.query<{ ids: number[] }>(COMMUNITIES_UNDER_AREA, [area, scope]);
      return rows[0].ids;
    },

    /** What the command display shows: per category and status, a daily trend, a grid ranking and the latest incidents. */
    async incidentStats(communities: number[], days: number) {
      const window = `item.community_id = ANY($1::int[]) AND item.reported_at >= now() - make_interval(days => $2)`;
      const [byCategory, byStatus, trend, ranking, latest, asOf] = await Promise.all([
        pool.query(`SELECT category AS key, count(*)::int AS count FROM incidents AS item WHERE ${window} GROUP BY category`, [communities, days]),
        pool.query(`SELECT status AS key, count(*)::int AS count FROM incidents AS item WHERE ${window} GROUP BY status`, [communities, days]),
        pool.query(
          `SELECT to_char(day, 'YYYY-MM-DD') AS date,
                  (SELECT count(*)::int FROM incidents AS item WHERE item.community_id = ANY($1::int[])
                      AND item.reported_at >= day AT TIME ZONE 'Asia/Shanghai' AND item.reported_at < (day + interval '1 day') AT TIME ZONE 'Asia/Shanghai') AS count,
                  (SELECT count(*)::int FROM incidents AS item WHERE item.community_id = ANY($1::int[])
                      AND item.closed_at >= day AT TIME ZONE 'Asia/Shanghai' AND item.closed_at < (day + interval '1 day') AT TIME ZONE 'Asia/Shanghai') AS closed
             FROM generate_series(date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') - make_interval(days => $2 - 1),
                                  date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai'), interval '1 day') AS day
            ORDER BY day`,
          [communities, days],
        ),
        pool.query(
          `SELECT grid.id AS "gridId", grid.name, community.name AS community, count(item.id)::int AS count,
                  count(item.id) FILTER (WHERE item.status <> 'closed')::int AS open
             FROM incidents AS item JOIN grids AS grid ON grid.id = item.grid_id JOIN areas AS community ON community.id = grid.community_id
            WHERE ${window} GROUP BY grid.id, community.name ORDER BY count DESC, grid.id LIMIT 10`,
          [communities, days],
        ),
        pool.query(`SELECT ${INCIDENT_PROPERTIES} FROM incidents AS item WHERE item.community_id = ANY($1::int[]) ORDER BY item.reported_at DESC, item.id DESC LIMIT 10`, [communities]),
        pool.query(`SELECT to_char(coalesce(max(updated_at), now()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "asOf" FROM incidents WHERE community_id = ANY($1::int[])`, [communities]),
      ]);
      const counts = (rows: { key: string; count: number }[]) => Object.fromEntries(rows.map((row) => [row.key, row.count]));
      return {
        days,
        byCategory: counts(byCategory.rows),
        byStatus: counts(byStatus.rows),
        trend: trend.rows,
        gridRanking: ranking.rows,
        latest: latest.rows,
        dataAsOf: asOf.rows[0].asOf as string,
      };
    },
  };
}
