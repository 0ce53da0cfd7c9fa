import initSqlJs, { type Database } from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helpers/build.ts';
import { loginAs, type Session } from '../../helpers/session.ts';
import { testBackend } from '../../helpers/test-database.ts';

// GeoPackage exports, read back as a GIS reads them: the file is an SQLite database with the GeoPackage
// tables, one feature table whose rows are the features, geometry blobs with the standard header, and
// Chinese text intact. (tests/server/ogc/gdal.test.ts also opens them with GDAL.)

let testApp: TestApp;
let analyst: Session;
let taoyuan: Session;
let xianya: number;

beforeAll(async () => {
  testApp = await build();
  analyst = await loginAs(testApp.app, 'analyst');
  taoyuan = await loginAs(testApp.app, 'staff_taoyuan');
  xianya = (await testApp.app.pg.query(`SELECT id FROM areas WHERE name = '县衙社区'`)).rows[0].id;
});
afterAll(() => testApp.close());

async function open(body: Buffer): Promise<Database> {
  const SQL = await initSqlJs();
  return new SQL.Database(new Uint8Array(body));
}
const all = (db: Database, sql: string) => {
  const [result] = db.exec(sql);
  return result ? result.values.map((row) => Object.fromEntries(result.columns.map((column, index) => [column, row[index]]))) : [];
};

/** The header of a GeoPackage geometry blob: magic, flags, SRS id and the xy envelope. */
function blobHeader(blob: Uint8Array) {
  const view = Buffer.from(blob);
  const envelope = [0, 1, 2, 3].map((index) => view.readDoubleLE(8 + index * 8));
  return { magic: view.toString('ascii', 0, 2), flags: view.readUInt8(3), srsId: view.readInt32LE(4), envelope, wkbByteOrder: view.readUInt8(40), wkbType: view.readUInt32LE(41) };
}

describe(`GeoPackage exports (${testBackend()})`, () => {
  it('exports the grids in scope as a valid GeoPackage: one polygon row per grid with its figures and balance as columns', async () => {
    const response = await taoyuan({ url: '/api/grids/export?format=gpkg' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/geopackage+sqlite3');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="gridatlas-grids-\d{4}-\d{2}-\d{2}\.gpkg"/);
    const db = await open(response.rawPayload);
    try {
      expect(all(db, 'PRAGMA application_id')[0].application_id).toBe(0x47504b47);
      expect(all(db, 'PRAGMA user_version')[0].user_version).toBe(10300);
      expect(all(db, 'SELECT table_name, data_type, srs_id FROM gpkg_contents')).toEqual([{ table_name: 'grids', data_type: 'features', srs_id: 4326 }]);
      expect(all(db, 'SELECT column_name, geometry_type_name, srs_id FROM gpkg_geometry_columns')).toEqual([{ column_name: 'geom', geometry_type_name: 'POLYGON', srs_id: 4326 }]);

      const api = (await taoyuan({ url: '/api/grids?limit=5000' })).json() as { features: { id: number; properties: { name: string; households: number; balance: { status: string } } }[] };
      const rows = all(db, 'SELECT fid, name, households, balance_status, geom FROM grids ORDER BY fid');
      expect(rows.map((row) => row.fid)).toEqual(api.features.map((feature) => feature.id));
      for (const [index, feature] of api.features.entries()) {
        expect(rows[index]).toMatchObject({ name: feature.properties.name, households: feature.properties.households, balance_status: feature.properties.balance.status });
        expect(rows[index].name).toMatch(/^桃园社区/);
        const header = blobHeader(rows[index].geom as Uint8Array);
        expect(header).toMatchObject({ magic: 'GP', flags: 0b11, srsId: 4326, wkbByteOrder: 1, wkbType: 3 });
        const [minX, maxX, minY, maxY] = header.envelope;
        expect(minX).toBeLessThan(maxX);
        expect(minY).toBeLessThan(maxY);
      }
    } finally {
      db.close();
    }
  });

  it('exports exactly the matching incidents as points, with UTC times GIS can read, labels and overdue as a boolean', async () => {
    const url = `/api/incidents/export?community=${xianya}&categories=illegal_dumping,illegal_occupation`;
    const response = await analyst({ url: `${url}&format=gpkg` });
    expect(response.statusCode, response.body).toBe(200);
    const db = await open(response.rawPayload);
    try {
      const expected = await testApp.app.pg.query<{ id: string }>(
        `SELECT id FROM incidents WHERE community_id = $1 AND category IN ('illegal_dumping', 'illegal_occupation') ORDER BY id`,
        [xianya],
      );
      const rows = all(db, 'SELECT fid, community, category, category_label, reported_at, overdue, geom FROM incidents ORDER BY fid');
      expect(rows.map((row) => row.fid)).toEqual(expected.rows.map((row) => Number(row.id)));
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.community).toBe('县衙社区');
        expect(['illegal_dumping', 'illegal_occupation']).toContain(row.category);
        expect(row.category_label).toMatch(/[\u4e00-\u9fff]/);
        expect(row.reported_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect([0, 1]).toContain(row.overdue);
        expect(blobHeader(row.geom as Uint8Array)).toMatchObject({ magic: 'GP', srsId: 4326, wkbType: 1 });
      }
      const types = Object.fromEntries(all(db, 'PRAGMA table_info(incidents)').map((column) => [column.name, column.type]));
      expect(types).toMatchObject({ geom: 'POINT', reported_at: 'DATETIME', overdue: 'BOOLEAN', title: 'TEXT' });
    } finally {
      db.close();
    }
  });

  it('keeps exports to the scope and the roles of the CSV export', async () => {
    const taoyuanId = taoyuan.user.communityIds[0];
    const outside = await taoyuan({ url: `/api/grids/export?community=${xianya}` });
    expect(outside.statusCode).toBe(200);
    const db = await open(outside.rawPayload);
    try {
      expect(all(db, 'SELECT count(*) AS n FROM grids')[0].n).toBe(0);
    } finally {
      db.close();
    }
    expect(taoyuanId).not.toBe(xianya);
    // Incident exports are for analysts (and admins), as the CSV one.
    expect((await taoyuan({ url: '/api/incidents/export?format=gpkg' })).statusCode).toBe(403);
    expect((await analyst({ url: '/api/grids/export?format=shp' })).statusCode).toBe(400);
  });
});
