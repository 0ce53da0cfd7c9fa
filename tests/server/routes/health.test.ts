import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helpers/build.ts';
import { testBackend } from '../../helpers/test-database.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await build();
});
afterAll(() => testApp.close());

describe(`GET /api/health (${testBackend()})`, () => {
  it('reports the backend, PostGIS, capabilities, migration level and row counts that match the tables', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    const health = response.json();
    expect(health.backend).toBe(testBackend());
    expect(health.postgisVersion).toMatch(/^3\.\d+/);
    // PGlite's PostGIS is built without protobuf; Debian's PostGIS has it.
    expect(health.capabilities.vectorTiles).toBe(testBackend() === 'postgresql');
    expect(health.migrationLevel).toBeGreaterThanOrEqual(1);
    const direct = await testApp.app.pg.query(`SELECT (SELECT count(*) FROM incidents)::int AS incidents, (SELECT count(*) FROM patrol_points)::int AS patrol_points, (SELECT count(*) FROM grids)::int AS grids`);
    expect(health.rowCounts).toMatchObject(direct.rows[0]);
    expect(health.rowCounts.incidents).toBeGreaterThan(0);
  });

  it('runs the app’s sessions with JIT off and a statement timeout', async () => {
    const { rows } = await testApp.app.pg.query(`SELECT current_setting('jit') AS jit, current_setting('statement_timeout') AS timeout`);
    expect(rows[0]).toEqual({ jit: 'off', timeout: '15s' });
  });
});
