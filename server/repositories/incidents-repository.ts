import type pg from 'pg';
import type { PoolClient } from 'pg';
import { STATUS_TIME_LIMIT_HOURS } from '#domain/workflow.ts';
import type { IncidentStatus } from '#domain/vocabulary.ts';
import { extentColumns, queryFeaturePage, type FeaturePage } from './feature-page.ts';

export interface IncidentFilters {
  scope: number[];
  community?: number;
  grid?: number;
  bbox?: number[] | null;
  from?: string;
  to?: string;
  categories?: string[] | null;
  statuses?: string[] | null;
  sources?: string[] | null;
  /** A validated Polygon or MultiPolygon, as GeoJSON text. */
  area?: string;
}

export interface IncidentExportRow {
  id: string;
  district: string;
  street: string;
  community: string;
  grid: string | null;
  category: string;
  status: string;
  source: string;
  title: string;
  reportedAt: Date;
  closedAt: Date | null;
  overdue: boolean;
  longitude: string;
  latitude: string;
}

export interface IncidentCursor {
  reportedAtMicros: string;
  id: string;
}

/** Overdue: open for longer than its status allows (server/domain/workflow.ts). Built from constants only. */
export const OVERDUE_SQL = `(item.status <> 'closed' AND now() - item.updated_at > CASE item.status ${Object.entries(STATUS_TIME_LIMIT_HOURS)
  .filter(([, hours]) => hours !== null)
  .map(([status, hours]) => `WHEN '${status}' THEN interval '${hours} hours'`)
  .join(' ')} END)`;

const isoTime = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

export const INCIDENT_PROPERTIES = `item.id, item.community_id AS "communityId", item.grid_id AS "gridId", item.category, item.status, item.source,
  item.title, ${isoTime('item.reported_at')} AS "reportedAt", ${isoTime('item.updated_at')} AS "updatedAt", ${isoTime('item.closed_at')} AS "closedAt",
  ${OVERDUE_SQL} AS overdue`;

/** WHERE conditions for the filters, adding each value as a parameter. */
function incidentConditions(filters: IncidentFilters, parameter: (value: unknown) => string): string[] {
  const conditions = [`item.community_id = ANY(${parameter(filters.scope)}::int[])`];
  if (filters.community !== undefined) conditions.push(`item.community_id = ${parameter(filters.community)}`);
  if (filters.grid !== undefined) conditions.push(`item.grid_id = ${parameter(filters.grid)}`);
  if (filters.bbox) {
    const [west, south, east, north] = filters.bbox.map((value) => parameter(value));
    conditions.push(`ST_Intersects(item.geom, ST_MakeEnvelope(${west}, ${south}, ${east}, ${north}, 4326))`);
  }
  if (filters.from) conditions.push(`item.reported_at >= ${parameter(filters.from)}::timestamptz`);
  if (filters.to) conditions.push(`item.reported_at < ${parameter(filters.to)}::timestamptz`);
  if (filters.categories) conditions.push(`item.category = ANY(${parameter(filters.categories)}::text[])`);
  if (filters.statuses) conditions.push(`item.status = ANY(${parameter(filters.statuses)}::text[])`);
  if (filters.sources) conditions.push(`item.source = ANY(${parameter(filters.sources)}::text[])`);
  if (filters.area) conditions.push(`ST_Intersects(item.geom, ST_SetSRID(ST_GeomFromGeoJSON(${parameter(filters.area)}), 4326))`);
  return conditions;
}

function parameterList() {
  const values: unknown[] = [];
  const parameter = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  return { values, parameter };
}

export function incidentsRepository(pool: pg.Pool) {
  return {
    /** Newest first, keyset-paged on (reported_at, id). */
    async list(filters: IncidentFilters, cursor: IncidentCursor | undefined, limit: number): Promise<FeaturePage> {
      const { values, parameter } = parameterList();
      const conditions = incidentConditions(filters, parameter);
      if (cursor) {
        conditions.push(
          `(item.reported_at, item.id) < ('epoch'::timestamptz + ${parameter(cursor.reportedAtMicros)}::bigint * interval '1 microsecond', ${parameter(cursor.id)}::bigint)`,
        );
      }
      const sql = `
        SELECT ST_AsGeoJSON(page.*, 'geom', 7) AS feature, page.cursor, ${extentColumns('page.geom')}
          FROM (SELECT ${INCIDENT_PROPERTIES}, item.geom,
                       (extract(epoch FROM item.reported_at) * 1000000)::bigint || '_' || item.id AS cursor
                  FROM incidents AS item
                 WHERE ${conditions.join(' AND ')}
                 ORDER BY item.reported_at DESC, item.id DESC
                 LIMIT ${parameter(limit + 1)}) AS page`;
      const page = await queryFeaturePage(pool, sql, values, limit);
      // The cursor column is for paging only; drop it from the features' properties.
      page.features = page.features.map((feature) => feature.replace(/,\s*"cursor":\s*"\d+_\d+"/, ''));
      return page;
    },

    /** Rows for a CSV export, newest first, with the names a spreadsheet reader needs (times as instants, formatted by the caller). */
    async exportRows(filters: IncidentFilters, max: number): Promise<IncidentExportRow[]> {
      const { values, parameter } = parameterList();
      const { rows } = await pool.query<IncidentExportRow>(
        `SELECT item.id::text AS id, district.name AS district, street.name AS street, community.name AS community, grid.name AS grid,
                item.category, item.status, item.source, item.title, item.reported_at AS "reportedAt", item.closed_at AS "closedAt",
                ${OVERDUE_SQL} AS overdue,
                round(ST_X(item.geom)::numeric, 7)::text AS longitude, round(ST_Y(item.geom)::numeric, 7)::text AS latitude
           FROM incidents AS item
           JOIN areas AS community ON community.id = item.community_id
           JOIN areas AS street ON street.id = community.parent_id
           JOIN areas AS district ON district.id = street.parent_id
           LEFT JOIN grids AS grid ON grid.id = item.grid_id
          WHERE ${incidentConditions(filters, parameter).join(' AND ')}
          ORDER BY item.reported_at DESC, item.id DESC LIMIT ${parameter(max)}`,
        values,
      );
      return rows;
    },

    /**
     * GeoJSON export: the list's properties plus the names of the district, street, community and grid and the
     * Chinese labels of category, status and source (each of `labels` maps a code to its label).
     */
    async exportFeatures(filters: IncidentFilters, max: number, labels: { category: Record<string, string>; status: Record<string, string>; source: Record<string, string> }): Promise<FeaturePage> {
      const { values, parameter } = parameterList();
      const [categoryLabels, statusLabels, sourceLabels] = [labels.category, labels.status, labels.source].map((map) => parameter(JSON.stringify(map)));
      const sql = `
        SELECT ST_AsGeoJSON(page.*, 'geom', 7) AS feature, page.id::text AS cursor, ${extentColumns('page.geom')}
          FROM (SELECT ${INCIDENT_PROPERTIES},
                       district.name AS district, street.name AS street, community.name AS community, grid.name AS grid,
                       ${categoryLabels}::jsonb ->> item.category AS "categoryLabel", ${statusLabels}::jsonb ->> item.status AS "statusLabel",
                       ${sourceLabels}::jsonb ->> item.source AS "sourceLabel", item.geom
                  FROM incidents AS item
                  JOIN areas AS community ON community.id = item.community_id
                  JOIN areas AS street ON street.id = community.parent_id
                  JOIN areas AS district ON district.id = street.parent_id
                  LEFT JOIN grids AS grid ON grid.id = item.grid_id
                 WHERE ${incidentConditions(filters, parameter).join(' AND ')}
                 ORDER BY item.reported_at DESC, item.id DESC
                 LIMIT ${parameter(max)}) AS page`;
      return queryFeaturePage(pool, sql, values, max);
    },

    /** Counts over all matches (not just one page), per category and per status. */
    async summary(filters: IncidentFilters): Promise<{ total: number; byCategory: Record<string, number>; byStatus: Record<string, number> }> {
      const { values, parameter } = parameterList();
      const { rows } = await pool.query<{ category: string; status: string; count: number }>(
        `SELECT item.category, item.status, count(*)::int AS count FROM incidents AS item
          WHERE ${incidentConditions(filters, parameter).join(' AND ')} GROUP BY item.category, item.status`,
        values,
      );
      const summary = { total: 0, byCategory: {} as Record<string, number>, byStatus: {} as Record<string, number> };
      for (const row of rows) {
        summary.total += row.count;
        summary.byCategory[row.category] = (summary.byCategory[row.category] ?? 0) + row.count;
        summary.byStatus[row.status] = (summary.byStatus[row.status] ?? 0) + row.count;
      }
      return summary;
    },

    /** PostGIS's verdict on an area: null when valid, else the reason. */
    async areaProblem(area: string): Promise<string | null> {
      const { rows } = await pool.query<{ reason: string }>(`SELECT ST_IsValidReason(ST_GeomFromGeoJSON($1)) AS reason`, [area]);
      return rows[0].reason === 'Valid Geometry' ? null : rows[0].reason;
    },

    /** One incident with its description and workflow history, or undefined outside the scope. */
    async get(id: number, scope: number[], client: pg.Pool | PoolClient = pool): Promise<string | undefined> {
      const { rows } = await client.query<{ feature: string }>(
        `SELECT ST_AsGeoJSON(page.*, 'geom', 7) AS feature FROM (
           SELECT ${INCIDENT_PROPERTIES}, item.description, item.geom,
                  (SELECT coalesce(json_agg(json_build_object('id', event.id, 'fromStatus', event.from_status, 'toStatus', event.to_status,
                                                              'actor', event.actor, 'note', event.note, 'createdAt', ${isoTime('event.created_at')})
                                            ORDER BY event.created_at, event.id), '[]'::json)
                     FROM incident_events AS event WHERE event.community_id = item.community_id AND event.incident_id = item.id) AS events
             FROM incidents AS item WHERE item.id = $1 AND item.community_id = ANY($2::int[])) AS page`,
        [id, scope],
      );
      return rows[0]?.feature;
    },

    /** The grid (and so the community) whose polygon contains the point. */
    async gridAt(longitude: number, latitude: number): Promise<{ gridId: number; communityId: number } | undefined> {
      const { rows } = await pool.query<{ gridId: number; communityId: number }>(
        `SELECT id AS "gridId", community_id AS "communityId" FROM grids
          WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY id LIMIT 1`,
        [longitude, latitude],
      );
      return rows[0];
    },

    async create(
      client: PoolClient,
      incident: { communityId: number; gridId: number; category: string; source: string; title: string; description: string; longitude: number; latitude: number; actor: string },
    ): Promise<number> {
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO incidents (community_id, grid_id, category, status, source, title, description, reported_at, updated_at, geom)
         VALUES ($1, $2, $3, 'reported', $4, $5, $6, now(), now(), ST_SetSRID(ST_MakePoint($7, $8), 4326)) RETURNING id`,
        [incident.communityId, incident.gridId, incident.category, incident.source, incident.title, incident.description, incident.longitude, incident.latitude],
      );
      const id = Number(rows[0].id);
      await client.query(
        `INSERT INTO incident_events (community_id, incident_id, from_status, to_status, actor, note, created_at) VALUES ($1, $2, NULL, 'reported', $3, '', now())`,
        [incident.communityId, id, incident.actor],
      );
      return id;
    },

    /** Locks the incident for a move; undefined when it does not exist or is outside the scope. */
    async lockForMove(client: PoolClient, id: number, scope: number[]): Promise<{ status: IncidentStatus; communityId: number } | undefined> {
      const { rows } = await client.query<{ status: IncidentStatus; communityId: number }>(
        `SELECT status, community_id AS "communityId" FROM incidents WHERE id = $1 AND community_id = ANY($2::int[]) FOR UPDATE`,
        [id, scope],
      );
      return rows[0];
    },

    async move(client: PoolClient, id: number, communityId: number, from: IncidentStatus, to: IncidentStatus, actor: string, note: string): Promise<void> {
      await client.query(
        `UPDATE incidents SET status = $3, updated_at = now(), closed_at = CASE WHEN $3 = 'closed' THEN now() END
          WHERE community_id = $1 AND id = $2`,
        [communityId, id, to],
      );
      await client.query(
        `INSERT INTO incident_events (community_id, incident_id, from_status, to_status, actor, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, now())`,
        [communityId, id, from, to, actor, note],
      );
    },
  };
}
