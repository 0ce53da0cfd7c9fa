import type pg from 'pg';
import { extentColumns, queryFeaturePage, type FeaturePage } from './feature-page.ts';

// The reference layers the API lists, described as data (after pg_featureserv's catalog): what to
// select, where from, and which filters apply. One function turns a description and a request's
// filters into one parameterised query; every value is a $n parameter.

export interface LayerFilters {
  /** Communities the user may see. */
  scope: number[];
  community?: number;
  grid?: number;
  compound?: number;
  kinds?: string[] | null;
  bbox?: number[] | null;
  /** Volunteer teams: include member homes as a MultiPoint. */
  members?: boolean;
  afterId?: number;
  limit: number;
}

interface LayerDefinition {
  from: string;
  /** The properties, as a SELECT list over `item` (and any joins in `from`). */
  properties: string;
  /** The geometry expression (may be NULL for layers without geometry). */
  geometry: (parameter: (value: unknown) => string, filters: LayerFilters) => string;
  /** The geometry the bbox filter tests. */
  bboxGeometry: string;
  gridFilter?: string;
  compoundFilter?: string;
  kindFilter?: string;
}

/** The grid containing a footprint's representative point: how buildings and compounds are assigned to grids. */
const derivedGrid = (alias: string) =>
  `(SELECT grid.id FROM grids AS grid WHERE grid.community_id = ${alias}.community_id AND ST_Covers(grid.geom, ST_PointOnSurface(${alias}.geom)) ORDER BY grid.id LIMIT 1)`;

const polygonGeometry = (expression: string) => `ST_ForcePolygonCCW(${expression})`;

export const LAYERS = {
  grids: {
    from: `grids AS item
      LEFT JOIN LATERAL (
        SELECT count(*)::int AS buildings, coalesce(sum(households), 0)::int AS households, coalesce(sum(residents), 0)::int AS residents,
               coalesce(sum(elderly_residents), 0)::int AS elderly_residents
          FROM buildings AS building
         WHERE building.community_id = item.community_id AND ST_Covers(item.geom, ST_PointOnSurface(building.geom))) AS building_totals ON true`,
    properties: `item.id, item.code, item.name, item.community_id AS "communityId", item.party_branch AS "partyBranch",
      item.target_households AS "targetHouseholds", item.version, building_totals.households, building_totals.residents,
      building_totals.elderly_residents AS "elderlyResidents", building_totals.buildings,
      (SELECT count(*)::int FROM compounds AS compound WHERE compound.community_id = item.community_id AND ST_Covers(item.geom, ST_PointOnSurface(compound.geom))) AS compounds,
      (SELECT count(*)::int FROM staff WHERE staff.grid_id = item.id) AS staff,
      (SELECT count(*)::int FROM volunteers AS volunteer WHERE volunteer.community_id = item.community_id AND ST_Covers(item.geom, volunteer.geom)) AS volunteers,
      (SELECT count(*)::int FROM incidents AS incident WHERE incident.community_id = item.community_id AND incident.grid_id = item.id AND incident.status <> 'closed') AS "openIncidents"`,
    geometry: () => polygonGeometry('item.geom'),
    bboxGeometry: 'item.geom',
    gridFilter: 'item.id',
  },
  compounds: {
    from: `compounds AS item
      LEFT JOIN LATERAL (SELECT count(*)::int AS buildings, coalesce(sum(households), 0)::int AS households, coalesce(sum(residents), 0)::int AS residents
                           FROM buildings WHERE buildings.compound_id = item.id) AS building_totals ON true`,
    properties: `item.id, item.code, item.name, item.kind, item.community_id AS "communityId", ${derivedGrid('item')} AS "gridId",
      item.party_group AS "partyGroup", item.built_year AS "builtYear", building_totals.buildings, building_totals.households, building_totals.residents`,
    geometry: () => polygonGeometry('item.geom'),
    bboxGeometry: 'item.geom',
    gridFilter: derivedGrid('item'),
  },
  buildings: {
    from: 'buildings AS item',
    properties: `item.id, item.code, item.name, item.community_id AS "communityId", item.compound_id AS "compoundId", ${derivedGrid('item')} AS "gridId",
      item.floors, item.households, item.residents, item.elderly_residents AS "elderlyResidents"`,
    geometry: () => polygonGeometry('item.geom'),
    bboxGeometry: 'item.geom',
    gridFilter: derivedGrid('item'),
    compoundFilter: 'item.compound_id',
  },
  servicePoints: {
    from: 'service_points AS item',
    properties: 'item.id, item.code, item.name, item.kind, item.community_id AS "communityId"',
    geometry: () => 'item.geom',
    bboxGeometry: 'item.geom',
    kindFilter: 'item.kind',
  },
  volunteerTeams: {
    from: `volunteer_teams AS item JOIN areas AS community ON community.id = item.community_id`,
    properties: `item.id, item.code, item.name, item.kind, item.community_id AS "communityId", item.member_count AS "memberCount",
      item.squad_count AS "squadCount", (SELECT count(*)::int FROM volunteers WHERE volunteers.team_id = item.id AND volunteers.active) AS "activeMembers"`,
    geometry: (parameter, filters) =>
      `CASE WHEN ${parameter(filters.members === true)}::boolean
            THEN (SELECT ST_Multi(ST_Collect(volunteer.geom ORDER BY volunteer.id)) FROM volunteers AS volunteer
                   WHERE volunteer.community_id = item.community_id AND volunteer.team_id = item.id) END`,
    bboxGeometry: 'community.geom',
    kindFilter: 'item.kind',
  },
  staff: {
    from: 'staff AS item LEFT JOIN grids AS grid ON grid.id = item.grid_id',
    properties: 'item.id, item.code, item.name, item.role, item.community_id AS "communityId", item.grid_id AS "gridId"',
    geometry: () => 'NULL::geometry',
    bboxGeometry: 'grid.geom',
    gridFilter: 'item.grid_id',
  },
} satisfies Record<string, LayerDefinition>;

export type LayerName = keyof typeof LAYERS;

/**
 * A row as a GeoJSON Feature. PostGIS before 3.5 writes a missing geometry as {"type": null}, which
 * RFC 7946 does not allow, so rows without geometry are written as "geometry": null here.
 */
export const featureText = (row: string) =>
  `CASE WHEN ${row}.geom IS NULL THEN json_build_object('type', 'Feature', 'geometry', NULL, 'properties', to_jsonb(${row}) - 'geom')::text
        ELSE ST_AsGeoJSON(${row}.*, 'geom', 7) END`;

export async function listLayer(pool: pg.Pool, name: LayerName, filters: LayerFilters): Promise<FeaturePage> {
  const layer: LayerDefinition = LAYERS[name];
  const parameters: unknown[] = [];
  const parameter = (value: unknown) => {
    parameters.push(value);
    return `$${parameters.length}`;
  };
  const conditions = [`item.community_id = ANY(${parameter(filters.scope)}::int[])`];
  if (filters.community !== undefined) conditions.push(`item.community_id = ${parameter(filters.community)}`);
  if (filters.grid !== undefined && layer.gridFilter) conditions.push(`${layer.gridFilter} = ${parameter(filters.grid)}`);
  if (filters.compound !== undefined && layer.compoundFilter) conditions.push(`${layer.compoundFilter} = ${parameter(filters.compound)}`);
  if (filters.kinds && layer.kindFilter) conditions.push(`${layer.kindFilter} = ANY(${parameter(filters.kinds)}::text[])`);
  if (filters.bbox) {
    const [west, south, east, north] = filters.bbox.map((value) => parameter(value));
    conditions.push(`ST_Intersects(${layer.bboxGeometry}, ST_MakeEnvelope(${west}, ${south}, ${east}, ${north}, 4326))`);
  }
  if (filters.afterId !== undefined) conditions.push(`item.id > ${parameter(filters.afterId)}`);
  const geometry = layer.geometry(parameter, filters);
  const sql = `
    SELECT ${featureText('page')} AS feature, page.id::text AS cursor, ${extentColumns('page.geom')}
      FROM (SELECT ${layer.properties}, ${geometry} AS geom
              FROM ${layer.from}
             WHERE ${conditions.join(' AND ')}
             ORDER BY item.id
             LIMIT ${parameter(filters.limit + 1)}) AS page
     ORDER BY page.id`;
  return queryFeaturePage(pool, sql, parameters, filters.limit);
}
