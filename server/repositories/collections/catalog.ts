// The collections the API lists, described as data: which table, which filters, which properties.
// Every value a filter brings is a $n parameter; the SQL text is only what is written here.
import { gridBalance, type HouseholdNorm } from '#domain/grid-balance.ts';
import { sql, type SqlFragment } from '../../db/sql.ts';
import type { BboxFilter, Collection, CollectionContext } from './collection.ts';

const envelope = ([west, south, east, north]: BboxFilter) => sql`ST_MakeEnvelope(${west}, ${south}, ${east}, ${north}, 4326)`;
const inScope = (scope: number[]) => sql`item.community_id = ANY(${scope}::int[])`;
/** RFC 7946 wants polygons' outer rings counter-clockwise. */
const polygon = sql.raw('ST_ForcePolygonCCW(item.geom)');
/** An instant as ISO 8601 in UTC, to the second. */
export const isoTime = (column: string) => sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

/**
 * The city's time limits per category and status (table incident_time_limits), read once per query: an
 * uncorrelated subquery is evaluated once, however many rows the rules below are applied to.
 */
const timeLimits = '(SELECT incident_time_limits_map())';

/** Overdue: still open after the time limit of its category and status, by the one SQL definition in the migrations (006). */
export const overdue = (item: string, now: Date) =>
  sql`incident_is_overdue(${sql.raw(`${item}.category, ${item}.status, ${item}.updated_at`)}, ${now}::timestamptz, ${sql.raw(timeLimits)})`;

/** The deadline of the incident's current step (ISO 8601 in UTC; null when closed), by the same SQL definition. */
export const dueAt = (item: string) => isoTime(`incident_due_at(${item}.category, ${item}.status, ${item}.updated_at, ${timeLimits})`);

// ---- reference layers ------------------------------------------------------------------------------

export interface ReferenceFilters {
  community?: number;
  grid?: number;
  compound?: number;
  kinds?: string[] | null;
  bbox?: BboxFilter | null;
  /** Volunteer teams: member homes as a MultiPoint. */
  members?: boolean;
}

function referenceConditions({ filters, scope }: CollectionContext<ReferenceFilters>, columns: { grid?: string; compound?: string; kind?: string; bboxGeometry?: string }): SqlFragment[] {
  const conditions = [inScope(scope)];
  if (filters.community !== undefined) conditions.push(sql`item.community_id = ${filters.community}`);
  if (filters.grid !== undefined && columns.grid) conditions.push(sql`${sql.raw(columns.grid)} = ${filters.grid}`);
  if (filters.compound !== undefined && columns.compound) conditions.push(sql`${sql.raw(columns.compound)} = ${filters.compound}`);
  if (filters.kinds && columns.kind) conditions.push(sql`${sql.raw(columns.kind)} = ANY(${filters.kinds}::text[])`);
  if (filters.bbox) conditions.push(sql`ST_Intersects(${sql.raw(columns.bboxGeometry ?? 'item.geom')}, ${envelope(filters.bbox)})`);
  return conditions;
}

const byId = { keys: [{ column: 'id', type: 'int' as const }], direction: 'ASC' as const };

/** The communities (社区) in scope, as areas. */
export const communitiesCollection: Collection<ReferenceFilters> = {
  name: 'communities',
  table: sql.raw("(SELECT * FROM areas WHERE level = 'community')"),
  conditions: ({ filters, scope }) => {
    const conditions = [sql`item.id = ANY(${scope}::int[])`];
    if (filters.community !== undefined) conditions.push(sql`item.id = ${filters.community}`);
    if (filters.bbox) conditions.push(sql`ST_Intersects(item.geom, ${envelope(filters.bbox)})`);
    return conditions;
  },
  joins: () => sql.raw('JOIN areas AS street ON street.id = item.parent_id'),
  properties: () => sql.raw(`item.id, item.code, item.name, item.name_en AS "nameEn", street.id AS "streetId", street.name AS street`),
  geometry: () => polygon,
  order: byId,
  maxPageSize: 5000,
  countMatches: true,
};

export function gridsCollection(norm: HouseholdNorm): Collection<ReferenceFilters> {
  return {
    name: 'grids',
    table: sql.raw('grids'),
    conditions: (context) => referenceConditions(context, { grid: 'item.id' }),
    // Buildings and compounds carry their grid (grid_of, stored): the totals are plain sums.
    joins: () =>
      sql.raw(`LEFT JOIN LATERAL (
        SELECT count(*)::int AS buildings, coalesce(sum(households), 0)::int AS households, coalesce(sum(residents), 0)::int AS residents,
               coalesce(sum(elderly_residents), 0)::int AS elderly_residents
          FROM buildings AS building WHERE building.grid_id = item.id) AS totals ON true`),
    properties: () =>
      sql.raw(`item.id, item.code, item.name, item.community_id AS "communityId", item.party_branch AS "partyBranch",
        item.target_households AS "targetHouseholds", item.version, totals.households, totals.residents,
        totals.elderly_residents AS "elderlyResidents", totals.buildings,
        (SELECT count(*)::int FROM compounds AS compound WHERE compound.grid_id = item.id) AS compounds,
        (SELECT count(*)::int FROM staff WHERE staff.grid_id = item.id) AS staff,
        (SELECT count(*)::int FROM volunteers AS volunteer WHERE volunteer.community_id = item.community_id AND ST_Covers(item.geom, volunteer.geom) AND grid_at(volunteer.geom) = item.id) AS volunteers,
        (SELECT count(*)::int FROM incidents AS incident WHERE incident.community_id = item.community_id AND incident.grid_id = item.id AND incident.status <> 'closed') AS "openIncidents"`),
    geometry: () => polygon,
    order: byId,
    maxPageSize: 5000,
    countMatches: true,
    decorate(properties) {
      properties.balance = gridBalance(properties.households as number, properties.targetHouseholds as number, norm);
    },
  };
}

export const compoundsCollection: Collection<ReferenceFilters> = {
  name: 'compounds',
  table: sql.raw('compounds'),
  conditions: (context) => referenceConditions(context, { grid: 'item.grid_id' }),
  joins: () =>
    sql.raw(`LEFT JOIN LATERAL (SELECT count(*)::int AS buildings, coalesce(sum(households), 0)::int AS households, coalesce(sum(residents), 0)::int AS residents
                                 FROM buildings WHERE buildings.compound_id = item.id) AS totals ON true`),
  properties: () =>
    sql.raw(`item.id, item.code, item.name, item.kind, item.community_id AS "communityId", item.grid_id AS "gridId",
      item.party_group AS "partyGroup", item.built_year AS "builtYear", totals.buildings, totals.households, totals.residents`),
  geometry: () => polygon,
  order: byId,
  maxPageSize: 5000,
  countMatches: true,
};

export const buildingsCollection: Collection<ReferenceFilters> = {
  name: 'buildings',
  table: sql.raw('buildings'),
  conditions: (context) => referenceConditions(context, { grid: 'item.grid_id', compound: 'item.compound_id' }),
  properties: () =>
    sql.raw(`item.id, item.code, item.name, item.community_id AS "communityId", item.compound_id AS "compoundId", item.grid_id AS "gridId",
      item.floors, item.households, item.residents, item.elderly_residents AS "elderlyResidents"`),
  geometry: () => polygon,
  order: byId,
  maxPageSize: 5000,
  countMatches: true,
};

export const servicePointsCollection: Collection<ReferenceFilters> = {
  name: 'service-points',
  table: sql.raw('service_points'),
  conditions: (context) => referenceConditions(context, { kind: 'item.kind' }),
  properties: () => sql.raw(`item.id, item.code, item.name, item.kind, item.community_id AS "communityId"`),
  geometry: () => sql.raw('item.geom'),
  order: byId,
  maxPageSize: 5000,
  countMatches: true,
};

export const volunteerTeamsCollection: Collection<ReferenceFilters> = {
  name: 'volunteer-teams',
  table: sql.raw('volunteer_teams'),
  // A team has no place of its own: the bbox filter takes its community's.
  conditions: (context) => referenceConditions(context, { kind: 'item.kind', bboxGeometry: '(SELECT community.geom FROM areas AS community WHERE community.id = item.community_id)' }),
  properties: () =>
    sql.raw(`item.id, item.code, item.name, item.kind, item.community_id AS "communityId", item.member_count AS "memberCount",
      item.squad_count AS "squadCount", (SELECT count(*)::int FROM volunteers WHERE volunteers.team_id = item.id AND volunteers.active) AS "activeMembers"`),
  geometry: ({ filters }) =>
    filters.members === true
      ? sql.raw(`(SELECT ST_Multi(ST_Collect(volunteer.geom ORDER BY volunteer.id)) FROM volunteers AS volunteer
                   WHERE volunteer.community_id = item.community_id AND volunteer.team_id = item.id)`)
      : sql.raw('NULL::geometry'),
  order: byId,
  maxPageSize: 5000,
  countMatches: true,
};

export const staffCollection: Collection<ReferenceFilters> = {
  name: 'staff',
  table: sql.raw('staff'),
  conditions: (context) => referenceConditions(context, { grid: 'item.grid_id', bboxGeometry: '(SELECT grid.geom FROM grids AS grid WHERE grid.id = item.grid_id)' }),
  properties: () => sql.raw(`item.id, item.code, item.name, item.role, item.community_id AS "communityId", item.grid_id AS "gridId"`),
  geometry: () => sql.raw('NULL::geometry'),
  order: byId,
  maxPageSize: 5000,
  countMatches: true,
};

// ---- incidents ---------------------------------------------------------------------------------------

export interface IncidentFilters {
  community?: number;
  grid?: number;
  bbox?: BboxFilter | null;
  from?: string;
  to?: string;
  categories?: string[] | null;
  statuses?: string[] | null;
  sources?: string[] | null;
  /** A validated Polygon or MultiPolygon, as GeoJSON text. */
  area?: string;
}

/** The WHERE conditions of an incident query (lists, searches, summaries, exports: one definition). */
export function incidentConditions({ filters, scope }: { filters: IncidentFilters; scope: number[] }): SqlFragment[] {
  const conditions = [inScope(scope)];
  if (filters.community !== undefined) conditions.push(sql`item.community_id = ${filters.community}`);
  if (filters.grid !== undefined) conditions.push(sql`item.grid_id = ${filters.grid}`);
  if (filters.bbox) conditions.push(sql`ST_Intersects(item.geom, ${envelope(filters.bbox)})`);
  if (filters.from) conditions.push(sql`item.reported_at >= ${filters.from}::timestamptz`);
  if (filters.to) conditions.push(sql`item.reported_at < ${filters.to}::timestamptz`);
  if (filters.categories) conditions.push(sql`item.category = ANY(${filters.categories}::text[])`);
  if (filters.statuses) conditions.push(sql`item.status = ANY(${filters.statuses}::text[])`);
  if (filters.sources) conditions.push(sql`item.source = ANY(${filters.sources}::text[])`);
  if (filters.area) conditions.push(sql`ST_Intersects(item.geom, ST_SetSRID(ST_GeomFromGeoJSON(${filters.area}), 4326))`);
  return conditions;
}

/** The properties of an incident in lists, over `item`. */
export const incidentProperties = (now: Date) =>
  sql`item.id, item.community_id AS "communityId", item.grid_id AS "gridId", item.category, item.status, item.source, item.title,
      ${isoTime('item.reported_at')} AS "reportedAt", ${isoTime('item.updated_at')} AS "updatedAt", ${isoTime('item.closed_at')} AS "closedAt",
      ${overdue('item', now)} AS overdue, ${dueAt('item')} AS "dueAt"`;

export const incidentsCollection: Collection<IncidentFilters> = {
  name: 'incidents',
  table: sql.raw('incidents'),
  conditions: incidentConditions,
  properties: ({ now }) => incidentProperties(now),
  geometry: () => sql.raw('item.geom'),
  // Newest first; the index on (reported_at DESC, id DESC) gives a page without sorting every match.
  order: { keys: [{ column: 'reported_at', type: 'timestamptz' }, { column: 'id', type: 'bigint' }], direction: 'DESC' },
  maxPageSize: 5000,
  // Counting every match of a search over a city's incidents is not cheap; the search gives a summary instead.
  countMatches: false,
};

// ---- patrols -----------------------------------------------------------------------------------------

export interface PatrolFilters {
  community?: number;
  /** Patrols that were under way at some time in [from, to). */
  from?: string;
  to?: string;
  bbox?: BboxFilter | null;
}

export const patrolsCollection: Collection<PatrolFilters> = {
  name: 'patrols',
  table: sql.raw('patrols'),
  conditions: ({ filters, scope }) => {
    const conditions = [
      inScope(scope),
      sql.raw('EXISTS (SELECT 1 FROM patrol_points AS point WHERE point.community_id = item.community_id AND point.patrol_id = item.id)'),
    ];
    if (filters.community !== undefined) conditions.push(sql`item.community_id = ${filters.community}`);
    if (filters.to !== undefined) conditions.push(sql`item.started_at < ${filters.to}::timestamptz`);
    if (filters.from !== undefined) conditions.push(sql`item.ended_at >= ${filters.from}::timestamptz`);
    // A patrol is in the box when one of its GPS fixes (every ~15 s) is.
    if (filters.bbox) {
      conditions.push(sql`EXISTS (SELECT 1 FROM patrol_points AS point WHERE point.community_id = item.community_id AND point.patrol_id = item.id AND ST_Intersects(point.geom, ${envelope(filters.bbox)}))`);
    }
    return conditions;
  },
  joins: () =>
    sql.raw(`JOIN volunteer_teams AS team ON team.id = item.team_id
      CROSS JOIN LATERAL (
        SELECT ST_MakeLine(point.geom ORDER BY point.recorded_at) AS line,
               array_agg(extract(epoch FROM point.recorded_at)::bigint ORDER BY point.recorded_at) AS times
          FROM patrol_points AS point WHERE point.community_id = item.community_id AND point.patrol_id = item.id) AS track`),
  properties: () =>
    sql`item.id, item.team_id AS "teamId", team.name AS team, item.community_id AS "communityId",
        ${isoTime('item.started_at')} AS "startedAt", ${isoTime('item.ended_at')} AS "endedAt",
        round(ST_Length(track.line::geography))::int AS "distanceMetres", track.times`,
  geometry: () => sql.raw('track.line'),
  order: byId,
  // A patrol carries hundreds of timed vertices.
  maxPageSize: 200,
  countMatches: true,
};
