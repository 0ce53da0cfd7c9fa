import path from 'node:path';
import { GRID_HOUSEHOLD_NORM, parseHouseholdNorm, type HouseholdNorm } from '#domain/grid-balance.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The configuration the app was built with. */
    config: Config;
  }
}

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
  /** Fastify's trustProxy: whether X-Forwarded-For/-Proto/-Host from a proxy in front are believed (true, or the proxies' addresses). */
  trustProxy: boolean | string;
  /** The origin browsers use to reach the app (https://grid.example.cn), when a proxy hides it; writes from other origins are refused. */
  publicOrigin: string | undefined;
  /** Login attempts allowed per username, and per client address (×3), in one window. */
  loginRateLimit: { max: number; windowMs: number };
  /** Load shedding: above this event-loop delay or heap use, requests get 503 with Retry-After. */
  maxEventLoopDelayMs: number;
  maxHeapUsedBytes: number;
  /** Heavy queries (searches, lists of incidents, exports, statistics) run at most this many at once; others wait up to heavyQueueMs, then get 503. 0: by backend. */
  heavyConcurrency: number;
  heavyQueueMs: number;
  /** How often each process looks for new live events when not woken by NOTIFY or its own writes. */
  liveEventsPollMs: number;
  /** How often an open event stream gets a keep-alive line and its session or token is checked again. */
  liveEventsHeartbeatMs: number;
  /** The live demo's tick (a new incident each, a move every other); 0 = off. LIVE_DEMO=1 or `npm start -- --live`. */
  liveDemoIntervalMs: number;
  /** Origins whose pages may read the API and /ogc with GET (CORS_ORIGINS, comma-separated, or *); empty: none (the default). */
  corsOrigins: string[];
  /** Households a grid should hold (GRID_HOUSEHOLD_NORM, "300-500"). */
  gridHouseholdNorm: HouseholdNorm;
}

function positiveNumber(environment: NodeJS.ProcessEnv, name: string, fallback: number, { allowZero = false } = {}): number {
  const raw = environment[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new Error(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got "${raw}"`);
  }
  return value;
}

function trustProxyOption(raw: string | undefined): boolean | string {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  return raw === 'true' ? true : raw;
}

function corsOrigins(raw: string | undefined): string[] {
  const origins = (raw ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
  for (const origin of origins) {
    if (origin !== '*' && new URL(origin).origin !== origin) throw new Error(`CORS_ORIGINS must list origins such as https://gis.example.cn (no path), or *, got "${origin}"`);
  }
  return origins;
}

export function readConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(environment.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${environment.PORT}"`);
  }
  const publicOrigin = environment.PUBLIC_ORIGIN || undefined;
  if (publicOrigin !== undefined && new URL(publicOrigin).origin !== publicOrigin) {
    throw new Error(`PUBLIC_ORIGIN must be an origin such as https://grid.example.cn (no path, no trailing slash), got "${publicOrigin}"`);
  }
  return {
    databaseUrl: environment.DATABASE_URL || undefined,
    dataDir: path.resolve(environment.GRIDATLAS_DATA_DIR ?? '.data/pglite'),
    host: environment.HOST ?? '127.0.0.1',
    port,
    logLevel: environment.LOG_LEVEL ?? 'info',
    seedOnEmpty: environment.SEED_ON_EMPTY !== 'false',
    statementTimeoutMs: positiveNumber(environment, 'STATEMENT_TIMEOUT_MS', 15_000),
    databaseConnectTimeoutMs: positiveNumber(environment, 'DATABASE_CONNECT_TIMEOUT_MS', 5000),
    basemapStyleUrl: environment.BASEMAP_STYLE_URL || undefined,
    trustProxy: trustProxyOption(environment.TRUST_PROXY),
    publicOrigin,
    loginRateLimit: { max: positiveNumber(environment, 'LOGIN_RATE_LIMIT_MAX', 10), windowMs: positiveNumber(environment, 'LOGIN_RATE_LIMIT_WINDOW_MS', 60_000) },
    maxEventLoopDelayMs: positiveNumber(environment, 'MAX_EVENT_LOOP_DELAY_MS', 1000, { allowZero: true }),
    maxHeapUsedBytes: positiveNumber(environment, 'MAX_HEAP_USED_MB', 0, { allowZero: true }) * 1024 * 1024,
    heavyConcurrency: positiveNumber(environment, 'HEAVY_QUERY_CONCURRENCY', 0, { allowZero: true }),
    heavyQueueMs: positiveNumber(environment, 'HEAVY_QUERY_QUEUE_MS', 2000),
    corsOrigins: corsOrigins(environment.CORS_ORIGINS),
    liveEventsPollMs: positiveNumber(environment, 'LIVE_EVENTS_POLL_MS', 2000),
    liveEventsHeartbeatMs: positiveNumber(environment, 'LIVE_EVENTS_HEARTBEAT_MS', 15_000),
    liveDemoIntervalMs: ['1', 'true', 'yes'].includes(environment.LIVE_DEMO ?? '') ? positiveNumber(environment, 'LIVE_DEMO_INTERVAL_MS', 8000) : 0,
    gridHouseholdNorm: environment.GRID_HOUSEHOLD_NORM ? parseHouseholdNorm(environment.GRID_HOUSEHOLD_NORM) : { ...GRID_HOUSEHOLD_NORM },
  };
}
