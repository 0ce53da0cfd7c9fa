import type pg from 'pg';
import type { BackendKind } from './database.ts';

export interface Capabilities {
  backend: BackendKind;
  serverVersion: string;
  postgisVersion: string;
  /** ST_AsMVT needs PostGIS built with protobuf; PGlite's PostGIS is not. */
  vectorTiles: boolean;
}

export async function detectCapabilities(pool: pg.Pool, backend: BackendKind): Promise<Capabilities> {
  const versions = await pool.query<{ server_version: string; postgis_version: string }>(
    `SELECT current_setting('server_version') AS server_version, postgis_lib_version() AS postgis_version`,
  );
  let vectorTiles = true;
  try {
    await pool.query(
      `SELECT ST_AsMVT(tile) FROM (SELECT ST_AsMVTGeom(ST_MakePoint(0, 0), ST_MakeEnvelope(-1, -1, 1, 1)) AS geom) AS tile`,
    );
  } catch {
    vectorTiles = false;
  }
  return { backend, serverVersion: versions.rows[0].server_version, postgisVersion: versions.rows[0].postgis_version, vectorTiles };
}
