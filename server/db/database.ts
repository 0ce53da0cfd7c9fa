import type pg from 'pg';
import { EmbeddedSession, type SessionStatistics } from './embedded/embedded-session.ts';
import { acquireFolderLock } from './folder-lock.ts';

export type BackendKind = 'embedded' | 'postgresql';

/** A running database that the app's single node-postgres pool connects to. */
export interface Database {
  backend: BackendKind;
  /**
   * node-postgres options that reach this database: a connection string for PostgreSQL; for the embedded
   * database an in-process stream, so that nothing outside this process can connect to it.
   */
  connection: pg.ClientConfig;
  /** Where the embedded database lives; undefined for PostgreSQL. */
  dataDir?: string;
  /** The embedded session's queue, for health and load shedding; undefined for PostgreSQL. */
  sessionStatistics?(): SessionStatistics;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
  /** Called with progress messages while a slow step runs. */
  onProgress?: (message: string) => void;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    return { backend: 'postgresql', connection: { connectionString: options.databaseUrl }, close: async () => {} };
  }
  return openEmbeddedDatabase(options.dataDir, options.onProgress);
}

/**
 * Starts PGlite + PostGIS on `dataDir` in a worker thread of this process. Connections reach it only
 * through in-process streams (no TCP port, no Unix socket), and take turns on its one session.
 */
export async function openEmbeddedDatabase(dataDir: string, onProgress?: (message: string) => void): Promise<Database> {
  const lock = acquireFolderLock(dataDir);
  let session: EmbeddedSession;
  try {
    session = await EmbeddedSession.start(dataDir, { onProgress });
  } catch (error) {
    lock.release();
    throw error;
  }
  let closed = false;
  return {
    backend: 'embedded',
    // node-postgres calls `stream` once per connection. The user and database names are PGlite's own.
    connection: { stream: () => session.connect() as never, user: 'postgres', database: 'postgres', host: 'embedded' },
    dataDir,
    sessionStatistics: () => session.statistics,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await session.close();
      } finally {
        lock.release();
      }
    },
  };
}
