import type pg from 'pg';

// Whether an error means "the database cannot be reached right now" (a restart, a failover, connections
// killed by an administrator, the network): the request gets 503 with Retry-After and the server waits
// for the database to come back, instead of failing or crashing.

/** SQLSTATEs of a lost or refused connection: class 08 (connection exception), and shutdown or start-up. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * node-postgres reports a connection that dies under a query, and a pool that cannot connect in time,
 * with these messages and no code; they are part of its API (pg/lib/client.js, pg-pool/index.js).
 */
const UNAVAILABLE_PG_MESSAGES = ['Connection terminated unexpectedly', 'Connection terminated', 'Client has encountered a connection error and is not queryable'];
/** pg-pool's message when no connection became free within connectionTimeoutMillis: the server is busy, not down. */
const POOL_EXHAUSTED_MESSAGE = 'timeout exceeded when trying to connect';
/** SQLSTATEs of a database too busy to answer now: a statement stopped by statement_timeout, a lock not granted in time (also the embedded session's queue). */
const STATEMENT_TIMEOUT_SQLSTATE = '57014';
const LOCK_NOT_AVAILABLE_SQLSTATE = '55P03';

/** Marks errors raised while a connection was being opened (see AvailabilityClient). */
const CONNECT_FAILURE = Symbol('gridatlas.connectFailure');

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if ((error as Record<symbol, unknown>)[CONNECT_FAILURE] === true) return true;
  if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NETWORK_CODES.has(code))) return true;
  return typeof message === 'string' && UNAVAILABLE_PG_MESSAGES.includes(message);
}

export type DatabaseTrouble = 'unavailable' | 'overloaded' | 'timeout';

/** What a database error means for the client: unreachable, too busy, or a statement that ran too long; null for anything else. */
export function databaseTrouble(error: unknown): DatabaseTrouble | null {
  if (isDatabaseUnavailable(error)) return 'unavailable';
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === STATEMENT_TIMEOUT_SQLSTATE) return 'timeout';
  if (code === LOCK_NOT_AVAILABLE_SQLSTATE || message === POOL_EXHAUSTED_MESSAGE) return 'overloaded';
  return null;
}

/** Seconds a client should wait before retrying while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * A node-postgres Client whose connection failures (whatever the server said: "the database system is
 * starting up", "database does not allow connections", a refused port) are recognised as unavailability.
 */
export function availabilityClient(Client: typeof pg.Client): typeof pg.Client {
  const mark = (error: Error | null | undefined) => {
    if (error && typeof error === 'object') Object.defineProperty(error, CONNECT_FAILURE, { value: true });
    return error;
  };
  const connect = Client.prototype.connect as (this: pg.Client, callback?: (error: Error) => void) => Promise<pg.Client> | void;
  class AvailabilityClient extends Client {}
  // pg-pool calls connect with a callback; other callers use the promise.
  AvailabilityClient.prototype.connect = function (this: pg.Client, callback?: (error: Error | null) => void) {
    if (callback) return connect.call(this, (error: Error) => callback(mark(error) ?? null));
    return (connect.call(this) as Promise<pg.Client>).catch((error: Error) => {
      throw mark(error);
    });
  } as typeof Client.prototype.connect;
  return AvailabilityClient;
}

export type DatabaseState = 'up' | 'down';

/**
 * What the server knows of the database, for /api/health without a query per request: a probe runs at
 * most every `intervalMs` in the background, and any request that finds the database unreachable says so.
 */
export class DatabaseMonitor {
  private state: DatabaseState = 'up';
  private since = new Date();
  private lastProbe = 0;
  private probing: Promise<void> | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly probe: () => Promise<void>,
    private readonly intervalMs = 2000,
    private readonly onChange: (state: DatabaseState, error: string | null) => void = () => {},
  ) {}

  /** The last known state; starts a probe in the background when it is stale. */
  current(): { state: DatabaseState; since: Date; error: string | null } {
    if (Date.now() - this.lastProbe >= this.intervalMs) void this.check();
    return { state: this.state, since: this.since, error: this.lastError };
  }

  /** Runs a probe now (one at a time) and updates the state. */
  check(): Promise<void> {
    this.probing ??= (async () => {
      this.lastProbe = Date.now();
      try {
        await this.probe();
        this.set('up', null);
      } catch (error) {
        // A busy database is not a missing one: only unavailability errors count.
        if (isDatabaseUnavailable(error)) this.set('down', (error as Error).message);
      } finally {
        this.probing = null;
      }
    })();
    return this.probing;
  }

  /** A request found the database unreachable. */
  reportUnavailable(error: unknown): void {
    this.set('down', (error as Error)?.message ?? String(error));
  }

  private set(state: DatabaseState, error: string | null): void {
    this.lastError = error;
    if (state === this.state) return;
    this.state = state;
    this.since = new Date();
    this.onChange(state, error);
  }
}
