// One list path for every collection of features (after pg_featureserv's catalog): a collection is
// described as data, and one query shape pages through any of them by keyset, with the feature JSON
// written by PostGIS and never parsed here (DESIGN.md §8).
import type pg from 'pg';
import { isReasonableInstant } from '#domain/text-rules.ts';
import { runQuery, sql, type SqlFragment } from '../../db/sql.ts';

export type BboxFilter = [number, number, number, number];

/** What a collection's SQL may depend on besides the filters. */
export interface CollectionContext<Filters> {
  filters: Filters;
  /** Communities the user may see. */
  scope: number[];
  /** The server's now (the injectable clock), for time rules such as "overdue". */
  now: Date;
}

export type KeyType = 'int' | 'bigint' | 'timestamptz';

export interface Collection<Filters> {
  name: string;
  /** The table paged through, aliased `item` in every fragment. */
  table: SqlFragment;
  /** WHERE conditions on `item` (the scope first), from the context. */
  conditions(context: CollectionContext<Filters>): SqlFragment[];
  /** Joins the properties need, applied to the cut page only (never to every match). */
  joins?(context: CollectionContext<Filters>): SqlFragment;
  /** The properties, as a SELECT list over `item` and the joins; every column is a property. */
  properties(context: CollectionContext<Filters>): SqlFragment;
  /** The geometry expression (NULL for collections without geometry). */
  geometry(context: CollectionContext<Filters>): SqlFragment;
  /** The keyset order: columns of `item`, all in one direction; the last one unique (the id). */
  order: { keys: { column: string; type: KeyType }[]; direction: 'ASC' | 'DESC' };
  /** The largest page; larger limits are capped. */
  maxPageSize: number;
  /** numberMatched is given when counting every match is cheap. */
  countMatches: boolean;
  /**
   * For small collections only: a rule applied to each feature in TypeScript (grid balance). The
   * features of such a collection are parsed and written again; others are passed through as text.
   */
  decorate?(properties: Record<string, unknown>): void;
}

export interface CollectionPage {
  /**
   * The page's Features as GeoJSON, UTF-8 bytes joined by commas (the inside of a `features` array). Bytes, not a
   * string: a page of thousands of features is passed from PostGIS to the socket without being decoded into a
   * JavaScript string and encoded again, which on a busy server held the event loop ~8 ms per 2,000-feature page.
   */
  features: Buffer;
  numberReturned: number;
  bbox: [number, number, number, number] | null;
  /** The order keys of the last feature when more follow, else null. */
  nextKeys: unknown[] | null;
  numberMatched?: number;
}

/** Coordinates are written with 6 decimals (about 0.1 m). */
export const COORDINATE_DECIMALS = 6;

const keyColumn = (column: string) => sql.raw(`item.${column}`);

function keysetCondition<F>(collection: Collection<F>, after: unknown[]): SqlFragment {
  const columns = sql.join(collection.order.keys.map((key) => keyColumn(key.column)), ', ');
  const values = sql.join(collection.order.keys.map((key, index) => sql`${after[index]}::${sql.raw(key.type)}`), ', ');
  return sql`(${columns}) ${sql.raw(collection.order.direction === 'ASC' ? '>' : '<')} (${values})`;
}

const orderBy = <F>(collection: Collection<F>) =>
  sql.raw(collection.order.keys.map((key) => `item.${key.column} ${collection.order.direction}`).join(', '));

/** The WHERE clause of the matches, without paging. */
function whereClause<F>(collection: Collection<F>, context: CollectionContext<F>): SqlFragment {
  const conditions = collection.conditions(context);
  return conditions.length === 0 ? sql.raw('true') : sql.join(conditions, ' AND ');
}

/** The rows of a page: cut on the table alone (index order, LIMIT), then joined, with `shape.geom` and `properties`. */
function pageSource<F>(collection: Collection<F>, context: CollectionContext<F>, where: SqlFragment, limit: number): SqlFragment {
  return sql`(SELECT item.* FROM ${collection.table} AS item WHERE ${where} ORDER BY ${orderBy(collection)} LIMIT ${limit}) AS item
      ${collection.joins?.(context) ?? sql.raw('')}
      CROSS JOIN LATERAL (SELECT ${collection.geometry(context)} AS geom) AS shape
      CROSS JOIN LATERAL (SELECT ${collection.properties(context)}) AS properties`;
}

/**
 * One page of a collection: the page is cut on the table alone (index order, LIMIT), and only its rows
 * are joined and turned into Feature text, each with its id at the top level. PostGIS also joins the
 * features into one text and works out the page's box and the next page's keys, so that a page of
 * thousands of features reaches the server as one row (not thousands of small strings to collect).
 */
export async function queryCollectionPage<F>(pool: pg.Pool, collection: Collection<F>, context: CollectionContext<F>, options: { limit: number; after: unknown[] | null }): Promise<CollectionPage> {
  const where = whereClause(collection, context);
  const paged = options.after ? sql`${where} AND ${keysetCondition(collection, options.after)}` : where;
  const limit = options.limit;
  const query = sql`
    WITH page AS (
      SELECT '{"type":"Feature","id":' || item.id || ',"geometry":' || coalesce(ST_AsGeoJSON(shape.geom, ${sql.raw(String(COORDINATE_DECIMALS))}), 'null')
               || ',"properties":' || row_to_json(properties)::text || '}' AS feature,
             json_build_array(${sql.raw(collection.order.keys.map((key) => `item.${key.column}`).join(', '))})::text AS keys,
             shape.geom,
             row_number() OVER (ORDER BY ${orderBy(collection)}) AS n
        FROM ${pageSource(collection, context, paged, limit + 1)}
    )
    SELECT convert_to(coalesce(string_agg(feature, ',' ORDER BY n) FILTER (WHERE n <= ${limit}), ''), 'UTF8') AS features,
           count(*) FILTER (WHERE n <= ${limit})::int AS returned,
           CASE WHEN count(*) > ${limit} THEN max(keys) FILTER (WHERE n = ${limit}) END AS next_keys,
           min(ST_XMin(geom)) FILTER (WHERE n <= ${limit}) AS xmin, min(ST_YMin(geom)) FILTER (WHERE n <= ${limit}) AS ymin,
           max(ST_XMax(geom)) FILTER (WHERE n <= ${limit}) AS xmax, max(ST_YMax(geom)) FILTER (WHERE n <= ${limit}) AS ymax
      FROM page`;
  const counting = collection.countMatches ? runQuery<{ count: number }>(pool, sql`SELECT count(*)::int AS count FROM ${collection.table} AS item WHERE ${where}`) : null;
  const [{ rows }, counted] = await Promise.all([runQuery<{ features: Buffer; returned: number; next_keys: string | null } & Box>(pool, query), counting]);
  const [row] = rows;
  let features = row.features;
  if (collection.decorate && row.returned > 0) {
    const parsed = JSON.parse(`[${features.toString('utf8')}]`) as { properties: Record<string, unknown> }[];
    for (const feature of parsed) collection.decorate(feature.properties);
    features = Buffer.from(JSON.stringify(parsed).slice(1, -1));
  }
  return {
    features,
    numberReturned: row.returned,
    bbox: boxOf(row),
    nextKeys: row.next_keys === null ? null : (JSON.parse(row.next_keys) as unknown[]),
    ...(counted ? { numberMatched: counted.rows[0].count } : {}),
  };
}

interface Box {
  xmin: number | null;
  ymin: number | null;
  xmax: number | null;
  ymax: number | null;
}
const boxOf = (row: Box): [number, number, number, number] | null =>
  row.xmin === null || row.ymin === null || row.xmax === null || row.ymax === null ? null : [row.xmin, row.ymin, row.xmax, row.ymax];

/** A feature for binary formats (GeoPackage): its geometry as little-endian WKB, its box and its properties. */
export interface CollectionRecord {
  id: number;
  wkb: Uint8Array | null;
  bbox: [number, number, number, number] | null;
  properties: Record<string, unknown>;
}

/** Every match (an export), up to `max`, in the collection's order, as records. */
export async function queryCollectionRecords<F>(pool: pg.Pool, collection: Collection<F>, context: CollectionContext<F>, max: number): Promise<CollectionRecord[]> {
  const query = sql`
    SELECT item.id, ST_AsBinary(shape.geom, 'NDR') AS wkb, row_to_json(properties) AS properties,
           ST_XMin(shape.geom) AS xmin, ST_YMin(shape.geom) AS ymin, ST_XMax(shape.geom) AS xmax, ST_YMax(shape.geom) AS ymax
      FROM ${pageSource(collection, context, whereClause(collection, context), max)}
     ORDER BY ${orderBy(collection)}`;
  const { rows } = await runQuery<{ id: number | string; wkb: Buffer | null; properties: Record<string, unknown> } & Box>(pool, query);
  return rows.map((row) => {
    collection.decorate?.(row.properties);
    return { id: Number(row.id), wkb: row.wkb, bbox: boxOf(row), properties: row.properties };
  });
}

/** One feature by its id, if it matches (is in scope), as Feature text; else null. */
export async function queryCollectionItem<F>(pool: pg.Pool, collection: Collection<F>, context: CollectionContext<F>, id: number): Promise<string | null> {
  const one: Collection<F> = { ...collection, countMatches: false, conditions: (inner) => [...collection.conditions(inner), sql`item.id = ${id}`] };
  const page = await queryCollectionPage(pool, one, context, { limit: 1, after: null });
  return page.numberReturned === 0 ? null : page.features.toString('utf8');
}

/** Every match at once (an export), up to `max`, in the collection's order. */
export function queryCollectionAll<F>(pool: pg.Pool, collection: Collection<F>, context: CollectionContext<F>, max: number): Promise<CollectionPage> {
  return queryCollectionPage(pool, { ...collection, countMatches: false }, context, { limit: max, after: null });
}

/** The keys of a page's last feature as an opaque cursor, and back; a cursor that does not fit gives null. */
export function encodeCursor(keys: unknown[]): string {
  return Buffer.from(JSON.stringify(keys)).toString('base64url');
}

const INTEGER_RANGE: Record<'int' | 'bigint', number> = { int: 2_147_483_647, bigint: Number.MAX_SAFE_INTEGER };

export function decodeCursor<F>(collection: Collection<F>, cursor: string): unknown[] | null {
  let keys: unknown;
  try {
    keys = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(keys) || keys.length !== collection.order.keys.length) return null;
  const fits = collection.order.keys.every((key, index) => {
    const value = keys[index];
    if (key.type === 'timestamptz') return typeof value === 'string' && isReasonableInstant(value);
    return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= INTEGER_RANGE[key.type];
  });
  return fits ? keys : null;
}
