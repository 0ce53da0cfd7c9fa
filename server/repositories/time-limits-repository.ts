import type pg from 'pg';
import type { IncidentCategory } from '#domain/vocabulary.ts';
import type { OpenStatus } from '#domain/workflow.ts';
import { runQuery, sql } from '../db/sql.ts';
import { isoTime } from './collections/catalog.ts';

/** One limit of the table incident_time_limits (migration 006). */
export interface TimeLimitRow {
  category: IncidentCategory;
  status: OpenStatus;
  hours: number;
  /** ISO 8601 in UTC. */
  updatedAt: string;
  /** Null while it is the default. */
  updatedBy: string | null;
}

export interface TimeLimitChange {
  category: IncidentCategory;
  status: OpenStatus;
  hours: number;
}

const selectRows = sql`SELECT time_limit.category, time_limit.status, time_limit.hours::float8 AS hours, ${isoTime('time_limit.updated_at')} AS "updatedAt",
                              time_limit.updated_by AS "updatedBy"
                         FROM incident_time_limits AS time_limit ORDER BY time_limit.category, time_limit.status`;

/** The per-step time limits, per category and open status, that the overdue rule (incident_is_overdue) reads. */
export function timeLimitsRepository(pool: pg.Pool) {
  return {
    async list(): Promise<TimeLimitRow[]> {
      return (await runQuery<TimeLimitRow>(pool, selectRows)).rows;
    },

    /**
     * Sets the given limits in one transaction (a limit that does not change keeps who set it and when) and gives the
     * table as it then is.
     */
    async set(changes: TimeLimitChange[], actor: string, at: Date): Promise<TimeLimitRow[]> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await runQuery(
          client,
          sql`INSERT INTO incident_time_limits AS time_limit (category, status, hours, updated_at, updated_by)
              SELECT change.category, change.status, change.hours, ${at}::timestamptz, ${actor}
                FROM unnest(${changes.map((change) => change.category)}::text[], ${changes.map((change) => change.status)}::text[],
                            ${changes.map((change) => change.hours)}::numeric[]) AS change (category, status, hours)
              ON CONFLICT (category, status) DO UPDATE SET hours = excluded.hours, updated_at = excluded.updated_at, updated_by = excluded.updated_by
               WHERE time_limit.hours IS DISTINCT FROM excluded.hours`,
        );
        const { rows } = await runQuery<TimeLimitRow>(client, selectRows);
        await client.query('COMMIT');
        return rows;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
