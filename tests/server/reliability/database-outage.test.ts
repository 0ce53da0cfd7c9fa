import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSession, startServerProcess, type ServerProcess } from '../../helpers/server-process.ts';
import { testBackend } from '../../helpers/test-database.ts';

// A PostgreSQL restart, a failover or an administrator killing connections used to crash the server
// (an unhandled pool 'error'). Now idle connections that die are dropped, requests get 503 with
// Retry-After while the database cannot be reached, and everything recovers by itself.

/** Polls until `condition` holds, for at most `timeoutMs`; returns how long it took. */
async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - started;
}

describe.skipIf(testBackend() !== 'postgresql')('the server survives its PostgreSQL going away', () => {
  let server: ServerProcess;
  let admin: pg.Client;
  let databaseName: string;
  beforeAll(async () => {
    server = await startServerProcess();
    databaseName = (server.database as { name: string }).name;
    admin = new pg.Client({ connectionString: (server.database as { url: string }).url.replace(`/${databaseName}`, '/postgres') });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.query(`ALTER DATABASE ${databaseName} ALLOW_CONNECTIONS true`).catch(() => {});
    await admin?.end();
    await server?.stop();
  });

  const killAppConnections = (idleOnly: boolean) =>
    admin.query(
      `SELECT count(pg_terminate_backend(pid))::int AS killed FROM pg_stat_activity
        WHERE application_name = 'gridatlas' AND datname = $1 ${idleOnly ? `AND state = 'idle'` : ''}`,
      [databaseName],
    );

  it('keeps running when its idle connections are killed, and answers the next request', async () => {
    const analyst = await httpSession(server.baseUrl, 'analyst');
    // Fill the pool with idle connections.
    await Promise.all(Array.from({ length: 6 }, () => analyst('/api/grids?limit=5')));
    const { rows } = await killAppConnections(true);
    expect(rows[0].killed).toBeGreaterThan(0);
    // The pool drops the dead connections and makes new ones. A request that took a dead connection before the
    // pool noticed gets 503 with Retry-After (never a 500), and the next ones succeed.
    const statuses: number[] = [];
    await until(async () => {
      const response = await analyst('/api/grids?limit=5');
      statuses.push(response.status);
      if (response.status === 503) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      return response.status === 200;
    }, 10_000, 'a request to succeed after the connections were killed');
    for (let attempt = 0; attempt < 5; attempt++) expect((await analyst('/api/grids?limit=5')).status).toBe(200);
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(server.alive()).toBe(true);
    expect(server.output()).toMatch(/idle database connection failed/);
  });

  it('answers 503 with Retry-After while the database refuses connections, and 200 again once it is back', async () => {
    const analyst = await httpSession(server.baseUrl, 'analyst');
    expect((await analyst('/api/grids?limit=5')).status).toBe(200);

    // An outage: the database accepts no connections, and the ones the app had are gone.
    await admin.query(`ALTER DATABASE ${databaseName} ALLOW_CONNECTIONS false`);
    await killAppConnections(false);

    const during = await analyst('/api/grids?limit=5');
    expect(during.status).toBe(503);
    expect(Number(during.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await during.json()) as { error: string }).error).toBe('database_unavailable');
    // Health says so too (a probe runs at most every 2 s).
    await until(async () => (await fetch(`${server.baseUrl}/api/health`)).status === 503, 10_000, 'health to report the outage');
    const health = (await (await fetch(`${server.baseUrl}/api/health`)).json()) as { status: string; database: { state: string } };
    expect(health).toMatchObject({ status: 'unavailable', database: { state: 'down' } });
    expect(server.alive()).toBe(true);

    await admin.query(`ALTER DATABASE ${databaseName} ALLOW_CONNECTIONS true`);
    const recovery = await until(async () => (await analyst('/api/grids?limit=5')).status === 200, 20_000, 'the API to answer again');
    await until(async () => (await fetch(`${server.baseUrl}/api/health`)).status === 200, 10_000, 'health to report the database back');
    console.log(`[outage] API answered again ${recovery} ms after the database came back`);
    expect(server.alive()).toBe(true);
  });
});
