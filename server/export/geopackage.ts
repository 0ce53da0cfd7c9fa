// A GeoPackage (OGC 12-128r18, version 1.3) of one feature layer in WGS84, written with SQLite compiled to
// WebAssembly (sql.js), so that no native module or GDAL is needed on the server. QGIS, ArcGIS and GDAL
// open it directly; Chinese text stays UTF-8, as SQLite stores it.
import initSqlJs from 'sql.js';
import type { CollectionRecord } from '../repositories/collections/collection.ts';

export const GEOPACKAGE_TYPE = 'application/geopackage+sqlite3';

/** The geometry type names of GeoPackage (and of the WKB that PostGIS writes for them). */
export type GeometryTypeName = 'POINT' | 'LINESTRING' | 'POLYGON' | 'MULTIPOINT' | 'MULTIPOLYGON' | 'GEOMETRY';

export interface GeoPackageLayer {
  /** The table name (ASCII letters, digits and _). */
  name: string;
  title: string;
  description: string;
  geometryType: GeometryTypeName;
  records: CollectionRecord[];
}

const WGS84_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],' +
  'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]';

/** "GPKG" as the SQLite application id, and version 1.3.0. */
const APPLICATION_ID = 0x47504b47;
const USER_VERSION = 10300;

type ColumnType = 'INTEGER' | 'REAL' | 'TEXT' | 'BOOLEAN' | 'DATETIME';
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Properties as flat columns: a nested object becomes columns `parent_child` (grid balance: balance_status, …). */
export function flatten(properties: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(properties)) {
    const column = prefix + name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) Object.assign(flat, flatten(value as Record<string, unknown>, `${column}_`));
    else flat[column] = Array.isArray(value) ? JSON.stringify(value) : value;
  }
  return flat;
}

/** Each column's type, from every value it holds (a column of only nulls is TEXT). */
function columnTypes(rows: Record<string, unknown>[]): Map<string, ColumnType> {
  const types = new Map<string, ColumnType>();
  const seen = new Map<string, Set<string>>();
  for (const row of rows) {
    for (const [column, value] of Object.entries(row)) {
      if (!seen.has(column)) seen.set(column, new Set());
      if (value === null || value === undefined) continue;
      const kind = typeof value === 'boolean' ? 'BOOLEAN' : typeof value === 'number' ? (Number.isInteger(value) ? 'INTEGER' : 'REAL') : typeof value === 'string' && INSTANT.test(value) ? 'DATETIME' : 'TEXT';
      seen.get(column)!.add(kind);
    }
  }
  for (const [column, kinds] of seen) {
    if (kinds.size === 0) types.set(column, 'TEXT');
    else if (kinds.size === 1) types.set(column, [...kinds][0] as ColumnType);
    else if ([...kinds].every((kind) => kind === 'INTEGER' || kind === 'REAL')) types.set(column, 'REAL');
    else types.set(column, 'TEXT');
  }
  return types;
}

/** The GeoPackage geometry blob: header (magic, version, flags, srs id, xy envelope), then the WKB. */
export function geometryBlob(record: CollectionRecord, srsId = 4326): Uint8Array | null {
  if (!record.wkb || !record.bbox) return null;
  const header = Buffer.alloc(8 + 32);
  header.write('GP', 0, 'ascii');
  header.writeUInt8(0, 2); // version 1
  header.writeUInt8(0b0000_0011, 3); // little-endian, envelope [minx, maxx, miny, maxy]
  header.writeInt32LE(srsId, 4);
  const [minX, minY, maxX, maxY] = record.bbox;
  [minX, maxX, minY, maxY].forEach((value, index) => header.writeDoubleLE(value, 8 + index * 8));
  return Buffer.concat([header, record.wkb]);
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function writeGeoPackage(layer: GeoPackageLayer): Promise<Uint8Array> {
  if (!/^[a-z][a-z0-9_]*$/.test(layer.name)) throw new Error(`a GeoPackage table name must be lower-case ASCII: ${layer.name}`);
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  try {
    db.run(`PRAGMA application_id = ${APPLICATION_ID}; PRAGMA user_version = ${USER_VERSION};`);
    db.run(`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
              organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
            CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
              last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
              srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
            CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
              srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
              CONSTRAINT uk_gc_table_name UNIQUE (table_name), CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
              CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));`);
    db.run(`INSERT INTO gpkg_spatial_ref_sys VALUES
              ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
              ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
              ('WGS 84 geodetic', 4326, 'EPSG', 4326, ?, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid')`, [WGS84_WKT]);

    const rows = layer.records.map((record) => flatten(record.properties));
    const types = columnTypes(rows);
    // The feature id is the table's fid; a property of the same name would repeat it.
    types.delete('fid');
    const columns = [...types.keys()];
    db.run(`CREATE TABLE ${quote(layer.name)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom ${layer.geometryType}${columns.map((column) => `, ${quote(column)} ${types.get(column)}`).join('')})`);
    const insert = db.prepare(`INSERT INTO ${quote(layer.name)} (fid, geom${columns.map((column) => `, ${quote(column)}`).join('')}) VALUES (?, ?${columns.map(() => ', ?').join('')})`);
    let extent: [number, number, number, number] | null = null;
    db.run('BEGIN');
    layer.records.forEach((record, index) => {
      const row = rows[index];
      const values = columns.map((column) => {
        const value = row[column];
        if (value === undefined || value === null) return null;
        if (typeof value === 'boolean') return value ? 1 : 0;
        // GeoPackage DATETIME is ISO 8601 in UTC with milliseconds: YYYY-MM-DDTHH:MM:SS.SSSZ.
        if (types.get(column) === 'DATETIME') return new Date(value as string).toISOString();
        return value as string | number;
      });
      insert.run([record.id, geometryBlob(record), ...values]);
      if (record.bbox) {
        const [minX, minY, maxX, maxY] = record.bbox;
        extent = extent ? [Math.min(extent[0], minX), Math.min(extent[1], minY), Math.max(extent[2], maxX), Math.max(extent[3], maxY)] : [minX, minY, maxX, maxY];
      }
    });
    insert.free();
    db.run('COMMIT');
    const box: (number | null)[] = extent ?? [null, null, null, null];
    db.run(`INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'features', ?, ?, ?, ?, ?, ?, 4326)`, [
      layer.name,
      layer.title,
      layer.description,
      ...box,
    ]);
    db.run(`INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)`, [layer.name, layer.geometryType]);
    return db.export();
  } finally {
    db.close();
  }
}
