// Reading an import file into rows: GeoJSON, CSV with longitude and latitude columns, or a zipped
// Shapefile. A row is its properties and its geometry (as the file gives them, not yet converted to WGS84),
// with the number a person finds it by: the spreadsheet row for CSV (the header is row 1), else the feature number.
import { parse } from 'csv-parse/sync';
import shp from 'shpjs';
import type { Geometry } from 'geojson';

export const IMPORT_FORMATS = ['geojson', 'csv', 'shapefile'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportRow {
  row: number;
  properties: Record<string, unknown>;
  geometry: Geometry | null;
}

export interface Problem {
  row: number | null;
  field: string;
  reason: string;
}

/** A file that cannot be read at all: the reason, for a 400. */
export class UnreadableFile extends Error {}

/** The most rows one import takes. */
export const MAX_IMPORT_ROWS = 50_000;

/** Text without the byte-order mark spreadsheet programs put first. */
const withoutByteOrderMark = (text: string) => (text.startsWith('\uFEFF') ? text.slice(1) : text);

const LONGITUDE_COLUMNS = ['longitude', 'lon', 'lng', 'x', '经度'];
const LATITUDE_COLUMNS = ['latitude', 'lat', 'y', '纬度'];

/** A column of `headers` named by one of `names` (case and surrounding space ignored). */
export function findColumn(headers: string[], names: string[], prefixes: string[] = []): string | undefined {
  const normalised = (text: string) => text.trim().toLowerCase();
  return headers.find((header) => names.includes(normalised(header)) || prefixes.some((prefix) => normalised(header).startsWith(prefix)));
}

function readCsv(text: string): { rows: ImportRow[]; problems: Problem[] } {
  let records: string[][];
  try {
    records = parse(withoutByteOrderMark(text), { relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new UnreadableFile(`the CSV cannot be read: ${(error as Error).message}`);
  }
  if (records.length === 0) throw new UnreadableFile('the CSV is empty: the first row must name the columns');
  const [headers, ...data] = records;
  const longitude = findColumn(headers, LONGITUDE_COLUMNS);
  const latitude = findColumn(headers, LATITUDE_COLUMNS);
  if (!longitude || !latitude) throw new UnreadableFile(`the CSV needs a longitude and a latitude column (named e.g. longitude/经度 and latitude/纬度); it has: ${headers.join(', ')}`);
  const problems: Problem[] = [];
  const rows = data.map((values, index): ImportRow => {
    const row = index + 2;
    if (values.length !== headers.length) problems.push({ row, field: '(row)', reason: `has ${values.length} values where the header names ${headers.length} columns` });
    const properties = Object.fromEntries(headers.map((header, column) => [header.trim(), (values[column] ?? '').trim()]));
    const x = properties[longitude] === '' ? NaN : Number(properties[longitude]);
    const y = properties[latitude] === '' ? NaN : Number(properties[latitude]);
    delete properties[longitude];
    delete properties[latitude];
    if (!Number.isFinite(x)) problems.push({ row, field: longitude, reason: `is not a number: "${values[headers.indexOf(longitude)] ?? ''}"` });
    if (!Number.isFinite(y)) problems.push({ row, field: latitude, reason: `is not a number: "${values[headers.indexOf(latitude)] ?? ''}"` });
    return { row, properties, geometry: Number.isFinite(x) && Number.isFinite(y) ? { type: 'Point', coordinates: [x, y] } : null };
  });
  return { rows, problems };
}

function featuresOf(collection: unknown, what: string): ImportRow[] {
  const document = collection as { type?: unknown; features?: unknown };
  if (document?.type !== 'FeatureCollection' || !Array.isArray(document.features)) throw new UnreadableFile(`${what} is not a GeoJSON FeatureCollection`);
  return document.features.map((feature: { type?: unknown; properties?: unknown; geometry?: unknown }, index): ImportRow => ({
    row: index + 1,
    properties: feature?.properties && typeof feature.properties === 'object' ? (feature.properties as Record<string, unknown>) : {},
    geometry: feature?.type === 'Feature' && feature.geometry && typeof feature.geometry === 'object' ? (feature.geometry as Geometry) : null,
  }));
}

function readGeoJson(text: string): ImportRow[] {
  let document: unknown;
  try {
    document = JSON.parse(withoutByteOrderMark(text));
  } catch (error) {
    throw new UnreadableFile(`the GeoJSON is not JSON: ${(error as Error).message}`);
  }
  return featuresOf(document, 'the file');
}

async function readShapefile(zip: Buffer): Promise<ImportRow[]> {
  let parsed: unknown;
  try {
    parsed = await shp(zip);
  } catch (error) {
    throw new UnreadableFile(`the zipped Shapefile cannot be read: ${(error as Error).message}`);
  }
  if (Array.isArray(parsed)) {
    if (parsed.length !== 1) throw new UnreadableFile(`the zip holds ${parsed.length} Shapefiles; import one at a time`);
    parsed = parsed[0];
  }
  return featuresOf(parsed, 'the Shapefile');
}

/** The rows of a file, and the problems found while reading them (a value that is not a number, …). */
export async function readImportFile(format: ImportFormat, body: Buffer): Promise<{ rows: ImportRow[]; problems: Problem[] }> {
  const result =
    format === 'csv' ? readCsv(body.toString('utf8')) : format === 'geojson' ? { rows: readGeoJson(body.toString('utf8')), problems: [] } : { rows: await readShapefile(body), problems: [] };
  if (result.rows.length === 0) throw new UnreadableFile('the file has no rows to import');
  if (result.rows.length > MAX_IMPORT_ROWS) throw new UnreadableFile(`the file has ${result.rows.length} rows; one import takes at most ${MAX_IMPORT_ROWS}`);
  return result;
}
