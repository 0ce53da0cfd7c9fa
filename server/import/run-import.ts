// One import, all or nothing: read the file, convert to WGS84, check every row (fields, then places and
// scope in the database), and write every row in one transaction, or nothing with a report per row.
// The API (POST /api/imports) and the CLI (npm run import) both run this.
import type pg from 'pg';
import type { CoordinateSystem } from '#domain/coordinate-systems.ts';
import { runQuery, sql } from '../db/sql.ts';
import { readImportFile, type ImportFormat, type Problem } from './read-file.ts';
import { checkRows, mapColumns, type GridRecord, type ImportTarget, type IncidentRecord, type ServicePointRecord } from './targets.ts';

/** Rows written per statement. */
const CHUNK = 1000;
/** The most problems one report lists (the count says how many there were). */
export const MAX_REPORTED_PROBLEMS = 1000;

export interface ImportOptions {
  target: ImportTarget;
  format: ImportFormat;
  coordinateSystem: CoordinateSystem;
  /** Communities the importer may write in. */
  scope: number[];
  /** Who imports (the workflow history names them). */
  actor: string;
  now: Date;
  /** Check everything, write nothing. */
  dryRun?: boolean;
  onProgress?(progress: { phase: 'check' | 'write'; done: number; total: number }): void;
}

export interface ImportResult {
  target: ImportTarget;
  rows: number;
  /** Rows written (0 for a dry run, a grid preview, or when there were problems). */
  imported: number;
  ignoredColumns: string[];
  problems: Problem[];
  problemCount: number;
  /** Grids: the boundaries as they would be, in WGS84, with their community (a preview; nothing is written). */
  preview?: { type: 'FeatureCollection'; features: unknown[] };
}

interface Place {
  row: number;
  community: number | null;
  grid: number | null;
}

/** The community (and grid) each point lies in. */
async function placesOf(client: pg.ClientBase, records: (IncidentRecord | ServicePointRecord)[]): Promise<Map<number, Place>> {
  const places = new Map<number, Place>();
  for (let start = 0; start < records.length; start += CHUNK) {
    const chunk = records.slice(start, start + CHUNK);
    const { rows } = await runQuery<Place>(
      client,
      sql`SELECT input.row, community.id AS community, CASE WHEN community.id IS NULL THEN NULL ELSE grid_at(point.geom) END AS grid
            FROM unnest(${chunk.map((record) => record.row)}::int[], ${chunk.map((record) => record.location.coordinates[0])}::float8[],
                        ${chunk.map((record) => record.location.coordinates[1])}::float8[]) AS input(row, x, y)
           CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(input.x, input.y), 4326) AS geom) AS point
            LEFT JOIN LATERAL (SELECT area.id FROM areas AS area WHERE area.level = 'community' AND ST_Covers(area.geom, point.geom) ORDER BY area.id LIMIT 1) AS community ON true`,
    );
    for (const row of rows) places.set(row.row, row);
  }
  return places;
}

function placeProblems(records: (IncidentRecord | ServicePointRecord)[], places: Map<number, Place>, scope: number[]): Problem[] {
  const problems: Problem[] = [];
  for (const record of records) {
    const place = places.get(record.row);
    const [x, y] = record.location.coordinates.map((value) => Number(value.toFixed(6)));
    if (!place?.community) problems.push({ row: record.row, field: 'geometry', reason: `[${x}, ${y}] lies in no community of GridAtlas (are the coordinates in the declared system?)` });
    else if (!scope.includes(place.community)) problems.push({ row: record.row, field: 'geometry', reason: `[${x}, ${y}] lies in a community outside your scope` });
  }
  return problems;
}

async function writeIncidents(client: pg.ClientBase, records: IncidentRecord[], places: Map<number, Place>, options: ImportOptions): Promise<number> {
  let written = 0;
  for (let start = 0; start < records.length; start += CHUNK) {
    const chunk = records.slice(start, start + CHUNK);
    const column = <T>(value: (record: IncidentRecord) => T) => chunk.map(value);
    const result = await runQuery(
      client,
      sql`WITH input AS (
            SELECT * FROM unnest(${column((r) => places.get(r.row)!.community)}::int[], ${column((r) => places.get(r.row)!.grid)}::int[], ${column((r) => r.category)}::text[],
                                 ${column((r) => r.status)}::text[], ${column((r) => r.source)}::text[], ${column((r) => r.title)}::text[], ${column((r) => r.description)}::text[],
                                 ${column((r) => r.reportedAt)}::timestamptz[], ${column((r) => r.closedAt)}::timestamptz[],
                                 ${column((r) => r.location.coordinates[0])}::float8[], ${column((r) => r.location.coordinates[1])}::float8[])
                     AS input(community_id, grid_id, category, status, source, title, description, reported_at, closed_at, x, y)),
          inserted AS (
            INSERT INTO incidents (community_id, grid_id, category, status, source, title, description, reported_at, updated_at, closed_at, geom)
            SELECT community_id, grid_id, category, status, source, title, description, reported_at, coalesce(closed_at, reported_at), closed_at,
                   ST_SetSRID(ST_MakePoint(x, y), 4326)
              FROM input
            RETURNING id, community_id, status, updated_at)
          INSERT INTO incident_events (community_id, incident_id, from_status, to_status, actor, note, created_at)
          SELECT community_id, id, NULL, status, ${options.actor}, 'imported', updated_at FROM inserted`,
    );
    if (result.rowCount !== chunk.length) throw new Error(`incidents: wrote ${result.rowCount} of ${chunk.length} rows`);
    written += chunk.length;
    options.onProgress?.({ phase: 'write', done: written, total: records.length });
  }
  return written;
}

async function servicePointCodeProblems(client: pg.ClientBase, records: ServicePointRecord[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    if (record.code === null) continue;
    const first = seen.get(record.code);
    if (first !== undefined) problems.push({ row: record.row, field: 'code', reason: `"${record.code}" is already used by row ${first} of this file` });
    else seen.set(record.code, record.row);
  }
  const { rows } = await runQuery<{ code: string }>(client, sql`SELECT code FROM service_points WHERE code = ANY(${[...seen.keys()]}::text[])`);
  for (const { code } of rows) problems.push({ row: seen.get(code)!, field: 'code', reason: `"${code}" is already the code of a service point` });
  return problems;
}

async function writeServicePoints(client: pg.ClientBase, records: ServicePointRecord[], places: Map<number, Place>, options: ImportOptions): Promise<number> {
  let written = 0;
  // A row without a code gets one: its community's code, SP, the import's time and the row.
  const stamp = options.now.toISOString().replace(/\D/g, '').slice(2, 14);
  for (let start = 0; start < records.length; start += CHUNK) {
    const chunk = records.slice(start, start + CHUNK);
    const result = await runQuery(
      client,
      sql`INSERT INTO service_points (community_id, code, name, kind, geom)
          SELECT input.community_id, coalesce(input.code, community.code || '-SP' || ${stamp} || '-' || input.row), input.name, input.kind, ST_SetSRID(ST_MakePoint(input.x, input.y), 4326)
            FROM unnest(${chunk.map((r) => places.get(r.row)!.community)}::int[], ${chunk.map((r) => r.row)}::int[], ${chunk.map((r) => r.code)}::text[], ${chunk.map((r) => r.name)}::text[],
                        ${chunk.map((r) => r.kind)}::text[], ${chunk.map((r) => r.location.coordinates[0])}::float8[], ${chunk.map((r) => r.location.coordinates[1])}::float8[])
                 AS input(community_id, row, code, name, kind, x, y)
            JOIN areas AS community ON community.id = input.community_id
           ORDER BY input.row`,
    );
    if (result.rowCount !== chunk.length) throw new Error(`service points: wrote ${result.rowCount} of ${chunk.length} rows`);
    written += chunk.length;
    options.onProgress?.({ phase: 'write', done: written, total: records.length });
  }
  return written;
}

/** Grid boundaries: which community each lies in, and how much of it lies outside (m²); a preview only. */
async function previewGrids(client: pg.ClientBase, records: GridRecord[], scope: number[]): Promise<{ problems: Problem[]; features: unknown[] }> {
  const { rows } = await runQuery<{ row: number; community: number | null; name: string | null; outside: number | null; feature: string }>(
    client,
    sql`SELECT input.row, community.id AS community, community.name,
               round(ST_Area(ST_Difference(shape.geom, community.geom)::geography))::float8 AS outside,
               json_build_object('type', 'Feature', 'geometry', ST_AsGeoJSON(shape.geom, 6)::json,
                                 'properties', json_build_object('row', input.row, 'name', input.name, 'communityId', community.id, 'community', community.name))::text AS feature
          FROM unnest(${records.map((r) => r.row)}::int[], ${records.map((r) => r.name)}::text[], ${records.map((r) => JSON.stringify(r.boundary))}::text[]) AS input(row, name, boundary)
         CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(input.boundary), 4326) AS geom) AS shape
          LEFT JOIN LATERAL (SELECT area.id, area.name, area.geom FROM areas AS area WHERE area.level = 'community' AND ST_Intersects(area.geom, shape.geom)
                              ORDER BY ST_Area(ST_Intersection(area.geom, shape.geom)) DESC LIMIT 1) AS community ON true
         ORDER BY input.row`,
  );
  const problems: Problem[] = [];
  for (const row of rows) {
    if (row.community === null) problems.push({ row: row.row, field: 'geometry', reason: 'lies in no community of GridAtlas (are the coordinates in the declared system?)' });
    else if (!scope.includes(row.community)) problems.push({ row: row.row, field: 'geometry', reason: `lies in ${row.name}, outside your scope` });
    else if ((row.outside ?? 0) > 1) problems.push({ row: row.row, field: 'geometry', reason: `has ${row.outside} m² outside ${row.name}` });
  }
  return { problems, features: rows.map((row) => JSON.parse(row.feature) as unknown) };
}

export async function runImport(pool: pg.Pool, body: Buffer, options: ImportOptions): Promise<ImportResult> {
  const read = await readImportFile(options.format, body);
  const mapped = mapColumns(options.target, read.rows);
  const checked = checkRows(options.target, read.rows, mapped.columns, options.coordinateSystem, options.now, new Set(read.problems.map((problem) => problem.row)));
  options.onProgress?.({ phase: 'check', done: read.rows.length, total: read.rows.length });
  const result = (problems: Problem[], imported: number, preview?: ImportResult['preview']): ImportResult => {
    const sorted = [...problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    return { target: options.target, rows: read.rows.length, imported, ignoredColumns: mapped.ignored, problems: sorted.slice(0, MAX_REPORTED_PROBLEMS), problemCount: sorted.length, ...(preview ? { preview } : {}) };
  };
  // Rows with bad values are reported together with the places of the others, so one pass finds every problem.
  const early = [...mapped.problems, ...read.problems, ...checked.problems];
  if (mapped.problems.length > 0 || checked.records.length === 0) return result(early, 0);

  const client = await pool.connect();
  try {
    if (options.target === 'grids') {
      const preview = await previewGrids(client, checked.records as GridRecord[], options.scope);
      return result([...early, ...preview.problems], 0, early.length === 0 ? { type: 'FeatureCollection', features: preview.features } : undefined);
    }
    const records = checked.records as (IncidentRecord | ServicePointRecord)[];
    const places = await placesOf(client, records);
    const problems = [...early, ...placeProblems(records, places, options.scope)];
    if (options.target === 'service-points') problems.push(...(await servicePointCodeProblems(client, records as ServicePointRecord[])));
    if (problems.length > 0 || options.dryRun) return result(problems, 0);

    await client.query('BEGIN');
    try {
      const written =
        options.target === 'incidents'
          ? await writeIncidents(client, records as IncidentRecord[], places, options)
          : await writeServicePoints(client, records as ServicePointRecord[], places, options);
      await client.query('COMMIT');
      return result([], written);
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  } finally {
    client.release();
  }
}

