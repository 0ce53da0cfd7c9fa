// The collections GridAtlas offers through OGC API - Features: the API's own collections (one list
// path, catalog.ts), each with a title, its filters by bbox and datetime, and how its extent is found.
import type pg from 'pg';
import { runQuery, sql, type SqlFragment } from '../../db/sql.ts';
import {
  buildingsCollection,
  communitiesCollection,
  compoundsCollection,
  gridsCollection,
  incidentsCollection,
  patrolsCollection,
  servicePointsCollection,
  volunteerTeamsCollection,
} from '../../repositories/collections/catalog.ts';
import {
  decodeCursor,
  queryCollectionItem,
  queryCollectionPage,
  type BboxFilter,
  type Collection,
  type CollectionPage,
} from '../../repositories/collections/collection.ts';
import type { HouseholdNorm } from '#domain/grid-balance.ts';

/** What an OGC items request filters by: `bbox`, and `datetime` as a half-open window [from, to). */
export interface OgcFilters {
  bbox: BboxFilter | null;
  from?: string;
  to?: string;
}

export interface Extent {
  bbox: [number, number, number, number] | null;
  interval: [string | null, string | null] | null;
}

export interface OgcCollectionEntry {
  id: string;
  title: string;
  description: string;
  /** Whether `datetime` filters this collection (else it has no time and the parameter is ignored). */
  temporal: boolean;
  maxPageSize: number;
  page(pool: pg.Pool, filters: OgcFilters, scope: number[], now: Date, options: { limit: number; after: unknown[] | null }): Promise<CollectionPage>;
  item(pool: pg.Pool, id: number, scope: number[], now: Date): Promise<string | null>;
  cursor(text: string): unknown[] | null;
  /** SELECT list yielding xmin, ymin, xmax, ymax (and start, end for temporal ones) over the scope ($ parameter). */
  extent(scope: number[]): SqlFragment;
}

function entry<F>(
  meta: { id: string; title: string; description: string; temporal: boolean },
  collection: Collection<F>,
  filters: (ogc: OgcFilters) => F,
  extent: (scope: number[]) => SqlFragment,
): OgcCollectionEntry {
  return {
    ...meta,
    maxPageSize: collection.maxPageSize,
    page: (pool, ogc, scope, now, options) => queryCollectionPage(pool, collection, { filters: filters(ogc), scope, now }, options),
    item: (pool, id, scope, now) => queryCollectionItem(pool, collection, { filters: filters({ bbox: null }), scope, now }, id),
    cursor: (text) => decodeCursor(collection, text),
    extent,
  };
}

/** The bounding box of a table's geometries in scope. */
const boxOf = (table: string, scope: number[], column = 'community_id') =>
  sql`SELECT ST_XMin(box) AS xmin, ST_YMin(box) AS ymin, ST_XMax(box) AS xmax, ST_YMax(box) AS ymax
        FROM (SELECT ST_Extent(geom) AS box FROM ${sql.raw(table)} WHERE ${sql.raw(column)} = ANY(${scope}::int[])) AS extent`;
const communitiesBox = (scope: number[]) =>
  sql`SELECT ST_XMin(box) AS xmin, ST_YMin(box) AS ymin, ST_XMax(box) AS xmax, ST_YMax(box) AS ymax
        FROM (SELECT ST_Extent(geom) AS box FROM areas WHERE level = 'community' AND id = ANY(${scope}::int[])) AS extent`;
const instant = (expression: string) => sql.raw(`to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

const reference = { temporal: false } as const;
const referenceFilters = (ogc: OgcFilters) => ({ bbox: ogc.bbox });

export function ogcCollections(norm: HouseholdNorm): OgcCollectionEntry[] {
  return [
    entry({ id: 'communities', title: '社区 Communities', description: 'Communities (社区), each with its street (街道)', ...reference }, communitiesCollection, referenceFilters, communitiesBox),
    entry(
      { id: 'grids', title: '网格 Grids', description: 'Grids (网格) with households, residents, staff, volunteers, open incidents and household balance', ...reference },
      gridsCollection(norm),
      referenceFilters,
      (scope) => boxOf('grids', scope),
    ),
    entry({ id: 'compounds', title: '小区院落 Compounds', description: 'Compounds and courtyards (小区/院落) with their grid', ...reference }, compoundsCollection, referenceFilters, (scope) => boxOf('compounds', scope)),
    entry({ id: 'buildings', title: '楼栋 Buildings', description: 'Buildings (楼栋) with floors, households and residents', ...reference }, buildingsCollection, referenceFilters, (scope) => boxOf('buildings', scope)),
    entry({ id: 'service-points', title: '服务点 Service points', description: 'Service points (党群服务中心, 警务室, …)', ...reference }, servicePointsCollection, referenceFilters, (scope) => boxOf('service_points', scope)),
    entry(
      { id: 'volunteer-teams', title: '志愿服务队 Volunteer teams', description: "Volunteer teams, each with its members' homes as a MultiPoint", ...reference },
      volunteerTeamsCollection,
      (ogc) => ({ bbox: ogc.bbox, members: true }),
      (scope) => boxOf('volunteers', scope),
    ),
    entry(
      { id: 'incidents', title: '事件 Incidents', description: 'Incidents (事件) reported by grid staff, residents and hotlines; datetime filters by the time reported', temporal: true },
      incidentsCollection,
      (ogc) => ({ bbox: ogc.bbox, from: ogc.from, to: ogc.to }),
      (scope) =>
        sql`SELECT ST_XMin(box) AS xmin, ST_YMin(box) AS ymin, ST_XMax(box) AS xmax, ST_YMax(box) AS ymax, ${instant('first')} AS start, ${instant('last')} AS "end"
              FROM (SELECT ST_Extent(geom) AS box, min(reported_at) AS first, max(reported_at) AS last FROM incidents WHERE community_id = ANY(${scope}::int[])) AS extent`,
    ),
    entry(
      { id: 'patrols', title: '治安巡逻 Night patrols', description: 'Night patrols: one line per patrol with the time of each GPS fix; datetime filters by the time under way', temporal: true },
      patrolsCollection,
      (ogc) => ({ bbox: ogc.bbox, from: ogc.from, to: ogc.to }),
      // Patrols stay inside their communities: their box is the communities' (cheaper than every GPS fix).
      (scope) =>
        sql`SELECT box.xmin, box.ymin, box.xmax, box.ymax, ${instant('first')} AS start, ${instant('last')} AS "end"
              FROM (${communitiesBox(scope)}) AS box,
                   (SELECT min(started_at) AS first, max(ended_at) AS last FROM patrols WHERE community_id = ANY(${scope}::int[])) AS times`,
    ),
  ];
}

/** The extent of a collection in the caller's scope. */
export async function collectionExtent(pool: pg.Pool, collection: OgcCollectionEntry, scope: number[]): Promise<Extent> {
  const { rows } = await runQuery<{ xmin: number | null; ymin: number | null; xmax: number | null; ymax: number | null; start?: string | null; end?: string | null }>(pool, collection.extent(scope));
  const row = rows[0];
  const round = (value: number) => Number(value.toFixed(6));
  return {
    bbox: row && row.xmin !== null && row.ymin !== null && row.xmax !== null && row.ymax !== null ? [round(row.xmin), round(row.ymin), round(row.xmax), round(row.ymax)] : null,
    interval: collection.temporal ? [row?.start ?? null, row?.end ?? null] : null,
  };
}
