import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helpers/build.ts';
import { loginAs } from '../../helpers/session.ts';
import { testBackend } from '../../helpers/test-database.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await build();
});
afterAll(() => testApp.close());

describe(`GET /api/health (${testBackend()})`, () => {
  it('is a cheap public liveness check that says whether the database is reachable, and nothing else', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    const health = response.json();
    expect(health).toEqual({ status: 'ok', backend: testBackend(), database: { state: 'up', since: expect.any(String) } });
    // No versions or table sizes for anonymous callers.
    expect(response.body).not.toMatch(/postgis|rowCounts|serverVersion/i);
  });

  it('gives the details to admins only: versions, capabilities, migration level, queues and row counts from statistics', async () => {
    expect((await testApp.app.inject({ method: 'GET', url: '/api/health/details' })).statusCode).toBe(401);
    const leader = await loginAs(testApp.app, 'leader');
    expect((await leader({ method: 'GET', url: '/api/health/details' })).statusCode).toBe(403);

    await testApp.app.pg.query('ANALYZE');
    const admin = await loginAs(testApp.app, 'admin');
    const response = await admin({ method: 'GET', url: '/api/health/details' });
    expect(response.statusCode).toBe(200);
    const details = response.json();
    expect(details.backend).toBe(testBackend());
    expect(details.postgisVersion).toMatch(/^3\.\d+/);
    // PGlite's PostGIS is built without protobuf; Debian's PostGIS has it.
    expect(details.capabilities.vectorTiles).toBe(testBackend() === 'postgresql');
    expect(details.migrationLevel).toBeGreaterThanOrEqual(1);
    expect(details.database.state).toBe('up');
    expect(details.embeddedSession === null).toBe(testBackend() === 'postgresql');
    const direct = (await testApp.app.pg.query(`SELECT (SELECT count(*) FROM incidents)::int AS incidents, (SELECT count(*) FROM patrol_points)::int AS patrol_points, (SELECT count(*) FROM grids)::int AS grids`)).rows[0];
    for (const [table, count] of Object.entries(direct as Record<string, number>)) {
      // Planner estimates: exact for small tables, sampled for large ones.
      expect(Math.abs(details.rowCounts[table] - count) / count, `${table}: ${details.rowCounts[table]} vs ${count}`).toBeLessThan(0.1);
    }
  });

  it('runs the app’s sessions with JIT off and a statement timeout', async () => {
    const { rows } = await testApp.app.pg.query(`SELECT current_setting('jit') AS jit, current_setting('statement_timeout') AS timeout`);
    expect(rows[0]).toEqual({ jit: 'off', timeout: '15s' });
  });
});
