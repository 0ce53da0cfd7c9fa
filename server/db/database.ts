import fs from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { acquireFolderLock } from './folder-lock.ts';

export type BackendKind = 'embedded' | 'postgresql';

/** A running database the app's single node-postgres pool connects to. */
export interface Database {
  backend: BackendKind;
  connectionString: string;
  /** Where the embedded database lives; undefined for PostgreSQL. */
  dataDir?: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
  /** Called with progress messages while a slow step runs. */
  onProgress?: (message: string) => void;
}

/** How many client connections the embedded socket accepts (the app's pool, scripts, tests); PGlite runs them one query at a time. */
export const EMBEDDED_MAX_CONNECTIONS = 32;

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    return { backend: 'postgresql', connectionString: options.databaseUrl, close: async () => {} };
  }
  return openEmbeddedDatabase(options.dataDir, options.onProgress);
}

/**
 * Starts PGlite + PostGIS in this process on `dataDir` and exposes it on a private loopback port,
 * so the same node-postgres code path serves both backends.
 */
export async function openEmbeddedDatabase(dataDir: string, onProgress?: (message: string) => void): Promise<Database> {
  const lock = acquireFolderLock(dataDir);
  let pglite: PGlite | undefined;
  let socketServer: PGLiteSocketServer | undefined;
  try {
    const [{ PGlite }, { postgis }, { PGLiteSocketServer }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite-postgis'),
      import('@electric-sql/pglite-socket'),
    ]);
    const isNew = !fs.existsSync(`${dataDir}/PG_VERSION`);
    onProgress?.(isNew ? `creating embedded database in ${dataDir}` : `opening embedded database in ${dataDir}`);
    pglite = await PGlite.create({ dataDir, extensions: { postgis } });
    const hasPostgis = (await pglite.query(`SELECT 1 FROM pg_extension WHERE extname = 'postgis'`)).rows.length > 0;
    if (!hasPostgis) {
      onProgress?.('installing the PostGIS extension (about 15 s, first start only)');
      await pglite.exec('CREATE EXTENSION IF NOT EXISTS postgis');
    }
    socketServer = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: EMBEDDED_MAX_CONNECTIONS });
    await socketServer.start();
    const address = socketServer.getServerConn();
    const db = pglite;
    const server = socketServer;
    let closed = false;
    return {
      backend: 'embedded',
      connectionString: `postgres://postgres@${address}/postgres`,
      dataDir,
      async close() {
        if (closed) return;
        closed = true;
        try {
          await server.stop();
          await db.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    await socketServer?.stop().catch(() => {});
    await pglite?.close().catch(() => {});
    lock.release();
    throw error;
  }
}
