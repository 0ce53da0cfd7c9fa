import { KNN_CANDIDATE_FACTOR, PARTY_TEAM_KINDS } from '#domain/responders.ts';
import type pg from 'pg';
import type { IncidentStatus } from '#domain/vocabulary.ts';
import { runQuery, sql } from '../db/sql.ts';
import { incidentConditions, incidentProperties, isoTime, overdue, type IncidentFilters } from './collections/catalog.ts';
import { COORDINATE_DECIMALS, type Collection } from './collections/collection.ts';
import { incidentsCollection } from './collections/catalog.ts';

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

/** Code → label maps for the GeoJSON export (category, status and source). */
export interface ExportLabels {
  category: Record<string, string>;
  status: Record<string, string>;
  source: Record<string, string>;
}

/**
 * The incidents collection as exported to GeoJSON: the list's properties plus the names of the district,
 * street, community and grid and the labels of the codes.
 */
export function incidentExportCollection(labels: ExportLabels): Collection<IncidentFilters> {
  return {
    ...incidentsCollection,
    joins: () =>
      sql.raw(`JOIN areas AS community ON community.id = item.community_id
        JOIN areas AS street ON street.id = community.parent_id
        JOIN areas AS district ON district.id = street.parent_id
        LEFT JOIN grids AS grid ON grid.id = item.grid_id`),
    properties: ({ now }) =>
      sql`${incidentProperties(now)}, district.name AS district, street.name AS street, community.name AS community, grid.name AS grid,
          ${JSON.stringify(labels.category)}::jsonb ->> item.category AS "categoryLabel",
          ${JSON.stringify(labels.status)}::jsonb ->> item.status AS "statusLabel",
          ${JSON.stringify(labels.source)}::jsonb ->> item.source AS "sourceLabel"`,
  };
}

export interface IncidentSummary {
  total: number;
  byCategory: Record<string, number>;
  byStatus: Record<string, number>;
}

export function incidentsRepository(pool: pg.Pool) {
  return {
    /** Rows for a CSV export, newest first, with the names a spreadsheet reader needs (times as instants, formatted by the caller). */
    async exportRows(filters: IncidentFilters, scope: number[], now: Date, max: number): Promise<IncidentExportRow[]> {
      const { rows } = await runQuery<IncidentExportRow>(
        pool,
        sql`SELECT item.id::text AS id, district.name AS district, street.name AS street, community.name AS community, grid.name AS grid,
                   item.category, item.status, item.source, item.title, item.reported_at AS "reportedAt", item.closed_at AS "closedAt",
                   ${overdue('item', now)} AS overdue,
                   round(ST_X(item.geom)::numeric, ${COORDINATE_DECIMALS})::text AS longitude, round(ST_Y(item.geom)::numeric, ${COORDINATE_DECIMALS})::text AS latitude
              FROM incidents AS item
              JOIN areas AS community ON community.id = item.community_id
              JOIN areas AS street ON street.id = community.parent_id
              JOIN areas AS district ON district.id = street.parent_id
              LEFT JOIN grids AS grid ON grid.id = item.grid_id
             WHERE ${sql.join(incidentConditions({ filters, scope }), ' AND ')}
             ORDER BY item.reported_at DESC, item.id DESC LIMIT ${max}`,
      );
      return rows;
    },

    /** Counts over all matches (not just one page), per category and per status. */
    async summary(filters: IncidentFilters, scope: number[]): Promise<IncidentSummary> {
      const { rows } = await runQuery<{ category: string; status: string; count: number }>(
        pool,
        sql`SELECT item.category, item.status, count(*)::int AS count FROM incidents AS item
             WHERE ${sql.join(incidentConditions({ filters, scope }), ' AND ')} GROUP BY item.category, item.status`,
      );
      const summary: IncidentSummary = { total: 0, byCategory: {}, byStatus: {} };
      for (const row of rows) {
        summary.total += row.count;
        summary.byCategory[row.category] = (summary.byCategory[row.category] ?? 0) + row.count;
        summary.byStatus[row.status] = (summary.byStatus[row.status] ?? 0) + row.count;
      }
      return summary;
    },

    /** PostGIS's verdict on an area: null when valid, else the reason. */
    async areaProblem(area: string): Promise<string | null> {
      const { rows } = await runQuery<{ reason: string }>(pool, sql`SELECT ST_IsValidReason(ST_GeomFromGeoJSON(${area})) AS reason`);
      return rows[0].reason === 'Valid Geometry' ? null : rows[0].reason;
    },

    /** One incident as a Feature with its description and workflow history, or undefined outside the scope. */
    async get(id: number, scope: number[], now: Date): Promise<string | undefined> {
      const { rows } = await runQuery<{ feature: string }>(
        pool,
        sql`SELECT '{"type":"Feature","id":' || item.id || ',"geometry":' || ST_AsGeoJSON(item.geom, ${COORDINATE_DECIMALS}) || ',"properties":' || row_to_json(properties)::text || '}' AS feature
              FROM incidents AS item
             CROSS JOIN LATERAL (
               SELECT ${incidentProperties(now)}, item.description,
                      (SELECT coalesce(json_agg(json_build_object('id', event.id, 'fromStatus', event.from_status, 'toStatus', event.to_status,
                                                                  'actor', event.actor, 'note', event.note, 'createdAt', ${isoTime('event.created_at')})
                                                ORDER BY event.created_at, event.id), '[]'::json)
                         FROM incident_events AS event WHERE event.community_id = item.community_id AND event.incident_id = item.id) AS events) AS properties
             WHERE item.id = ${id} AND item.community_id = ANY(${scope}::int[])`,
      );
      return rows[0]?.feature;
    },

    /**
     * The active volunteers nearest to an incident, in the user's communities, as Point features (their homes)
     * ranked by distance in metres: KNN on the index finds candidates, the geography distance ranks them.
     * Undefined when the incident is outside the scope.
     */
    async responders(id: number, scope: number[], limit: number): Promise<string | undefined> {
      const { rows } = await runQuery<{ found: boolean; features: string }>(
        pool,
        sql`WITH incident AS (SELECT item.geom FROM incidents AS item WHERE item.id = ${id} AND item.community_id = ANY(${scope}::int[])),
                 candidate AS (
                   SELECT volunteer.id, volunteer.team_id, volunteer.community_id, volunteer.geom,
                          ST_Distance(volunteer.geom::geography, incident.geom::geography) AS metres
                     FROM incident CROSS JOIN LATERAL (
                       SELECT * FROM volunteers AS volunteer
                        WHERE volunteer.active AND volunteer.community_id = ANY(${scope}::int[])
                        ORDER BY volunteer.geom <-> incident.geom LIMIT ${limit * KNN_CANDIDATE_FACTOR}) AS volunteer),
                 ranked AS (SELECT *, row_number() OVER (ORDER BY metres, id) AS rank FROM candidate ORDER BY metres, id LIMIT ${limit})
            SELECT EXISTS (SELECT 1 FROM incident) AS found,
                   coalesce(string_agg('{"type":"Feature","id":' || ranked.id || ',"geometry":' || ST_AsGeoJSON(ranked.geom, ${COORDINATE_DECIMALS})
                     || ',"properties":' || json_build_object('rank', ranked.rank, 'volunteerId', ranked.id, 'teamId', team.id, 'team', team.name, 'teamKind', team.kind,
                          'partyMember', team.kind = ANY(${[...PARTY_TEAM_KINDS]}::text[]), 'communityId', ranked.community_id,
                          'distanceMetres', round(ranked.metres::numeric, 1))::text || '}', ',' ORDER BY ranked.rank), '') AS features
              FROM ranked JOIN volunteer_teams AS team ON team.id = ranked.team_id`,
      );
      return rows[0].found ? `{"type":"FeatureCollection","features":[${rows[0].features}]}` : undefined;
    },

    /** The grid (and so the community) that a point lies in, by the one SQL definition (grid_at). */
    async gridAt(longitude: number, latitude: number): Promise<{ gridId: number; communityId: number } | undefined> {
      const { rows } = await runQuery<{ gridId: number; communityId: number }>(
        pool,
        sql`SELECT grid.id AS "gridId", grid.community_id AS "communityId" FROM grids AS grid
             WHERE grid.id = grid_at(ST_SetSRID(ST_MakePoint(${longitude}, ${latitude}), 4326))`,
      );
      return rows[0];
    },

    async create(
      client: pg.PoolClient,
      incident: { communityId: number; gridId: number; category: string; source: string; title: string; description: string; longitude: number; latitude: number; actor: string; at: Date },
    ): Promise<number> {
      const { rows } = await runQuery<{ id: string }>(
        client,
        sql`INSERT INTO incidents (community_id, grid_id, category, status, source, title, description, reported_at, updated_at, geom)
            VALUES (${incident.communityId}, ${incident.gridId}, ${incident.category}, 'reported', ${incident.source}, ${incident.title}, ${incident.description},
                    ${incident.at}, ${incident.at}, ST_SetSRID(ST_MakePoint(${incident.longitude}, ${incident.latitude}), 4326)) RETURNING id`,
      );
      const id = Number(rows[0].id);
      await runQuery(
        client,
        sql`INSERT INTO incident_events (community_id, incident_id, from_status, to_status, actor, note, created_at)
            VALUES (${incident.communityId}, ${id}, NULL, 'reported', ${incident.actor}, '', ${incident.at})`,
      );
      return id;
    },

    /** Locks the incident for a move; undefined when it does not exist or is outside the scope. */
    async lockForMove(client: pg.PoolClient, id: number, scope: number[]): Promise<{ status: IncidentStatus; communityId: number } | undefined> {
      const { rows } = await runQuery<{ status: IncidentStatus; communityId: number }>(
        client,
        sql`SELECT status, community_id AS "communityId" FROM incidents WHERE id = ${id} AND community_id = ANY(${scope}::int[]) FOR UPDATE`,
      );
      return rows[0];
    },

    async move(client: pg.PoolClient, move: { id: number; communityId: number; from: IncidentStatus; to: IncidentStatus; actor: string; note: string; at: Date }): Promise<void> {
      await runQuery(
        client,
        sql`UPDATE incidents SET status = ${move.to}, updated_at = ${move.at}, closed_at = CASE WHEN ${move.to}::text = 'closed' THEN ${move.at}::timestamptz END
             WHERE community_id = ${move.communityId} AND id = ${move.id}`,
      );
      await runQuery(
        client,
        sql`INSERT INTO incident_events (community_id, incident_id, from_status, to_status, actor, note, created_at)
            VALUES (${move.communityId}, ${move.id}, ${move.from}, ${move.to}, ${move.actor}, ${move.note}, ${move.at})`,
      );
    },
  };
}
