import path from 'node:path';

/** Everything the server reads from the environment, in one place (documented in README.md). */
export interface Config {
  /** A PostgreSQL + PostGIS server. Unset: the embedded PGlite + PostGIS database. */
  databaseUrl: string | undefined;
  /** Folder of the embedded database. */
  dataDir: string;
  host: string;
  port: number;
  logLevel: string;
  /** Seed the demo city when the database has no areas yet. */
  seedOnEmpty: boolean;
  /** Upper bound for any one SQL statement issued by a request. */
  statementTimeoutMs: number;
  /** How long a request waits for a database connection before it gets 503. */
  databaseConnectTimeoutMs: number;
  /** An external MapLibre style instead of the built-in offline basemap. */
  basemapStyleUrl: string | undefined;
}

export function readConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(environment.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${environment.PORT}"`);
  }
  const statementTimeoutMs = Number(environment.STATEMENT_TIMEOUT_MS ?? 15000);
  if (!Number.isFinite(statementTimeoutMs) || statementTimeoutMs <= 0) {
    throw new Error(`STATEMENT_TIMEOUT_MS must be a positive number, got "${environment.STATEMENT_TIMEOUT_MS}"`);
  }
  const databaseConnectTimeoutMs = Number(environment.DATABASE_CONNECT_TIMEOUT_MS ?? 5000);
  if (!Number.isFinite(databaseConnectTimeoutMs) || databaseConnectTimeoutMs <= 0) {
    throw new Error(`DATABASE_CONNECT_TIMEOUT_MS must be a positive number, got "${environment.DATABASE_CONNECT_TIMEOUT_MS}"`);
  }
  return {
    databaseUrl: environment.DATABASE_URL || undefined,
    dataDir: path.resolve(environment.GRIDATLAS_DATA_DIR ?? '.data/pglite'),
    host: environment.HOST ?? '127.0.0.1',
    port,
    logLevel: environment.LOG_LEVEL ?? 'info',
    seedOnEmpty: environment.SEED_ON_EMPTY !== 'false',
    statementTimeoutMs,
    databaseConnectTimeoutMs,
    basemapStyleUrl: environment.BASEMAP_STYLE_URL || undefined,
  };
}
