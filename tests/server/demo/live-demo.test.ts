// The live demo makes the wall move: each step reports an incident inside a courtyard (so inside a grid of its
// community) and every other step moves an open incident one allowed step on, each with its live event, as the
// API would. Both backends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '#domain/random.ts';
import { isAllowedTransition } from '#domain/workflow.ts';
import { DEMO_ACTOR, LiveDemo } from '../../../server/demo/live-demo.ts';
import { build, type TestApp } from '../../helpers/build.ts';
import { openStream } from '../../helpers/event-stream.ts';
import { httpSession, startServerProcess, type ServerProcess } from '../../helpers/server-process.ts';
import { testBackend } from '../../helpers/test-database.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await build();
});
afterAll(() => testApp.close());

const count = async (query: string, values: unknown[] = []) => Number((await testApp.app.pg.query(query, values)).rows[0].count);

describe(`the live demo (${testBackend()})`, () => {
  it('reports an incident in a courtyard every step and moves one on every other step, each with its live event', async () => {
    const app = testApp.app;
    const eventsBefore = await count('SELECT count(*) FROM live_events');
    const demo = new LiveDemo(app, new SeededRandom(20261129));
    const steps = [];
    for (let index = 0; index < 6; index++) steps.push(await demo.step());

    const reported = steps.map((step) => step.reported);
    expect(reported.every((id) => typeof id === 'number')).toBe(true);
    // Each new incident lies in a courtyard of its own community, in a grid of that community, reported by the demo.
    const placed = await app.pg.query(
      `SELECT i.id, i.status, bool_or(ST_Covers(c.geom, i.geom)) AS in_courtyard, g.community_id = i.community_id AS grid_matches
         FROM incidents i JOIN grids g ON g.id = i.grid_id LEFT JOIN compounds c ON c.community_id = i.community_id
        WHERE i.id = ANY($1::bigint[]) GROUP BY i.id, i.status, g.community_id, i.community_id`,
      [reported],
    );
    expect(placed.rows).toHaveLength(6);
    for (const row of placed.rows) expect(row).toMatchObject({ in_courtyard: true, grid_matches: true });
    expect(await count(`SELECT count(*) FROM incident_events WHERE incident_id = ANY($1::bigint[]) AND actor = $2`, [reported, DEMO_ACTOR])).toBeGreaterThanOrEqual(6);

    const moves = steps.map((step) => step.moved);
    expect(moves.filter((move) => move !== null)).toHaveLength(3);
    expect(moves.filter((_, index) => index % 2 === 0).every((move) => move === null)).toBe(true);
    for (const move of moves.filter((item) => item !== null)) {
      expect(isAllowedTransition(move.from, move.to)).toBe(true);
      expect(move.to).not.toBe('returned');
    }
    // 6 reports and 3 moves, each one live event.
    expect(await count('SELECT count(*) FROM live_events')).toBe(eventsBefore + 9);
    expect(await count(`SELECT count(*) FROM live_events WHERE id > (SELECT max(id) - 9 FROM live_events) AND kind = 'incident.moved'`)).toBe(3);
  });
});

describe(`npm start -- --live (${testBackend()})`, () => {
  let server: ServerProcess | undefined;
  afterAll(() => server?.stop());

  it('streams a new demo incident to a wall within seconds, with nobody reporting', { timeout: 180_000 }, async () => {
    server = await startServerProcess({ env: { LIVE_DEMO: '1', LIVE_DEMO_INTERVAL_MS: '500' } });
    const leader = await httpSession(server.baseUrl, 'leader');
    const stream = await openStream(server.baseUrl, leader);
    try {
      const event = await stream.waitFor((received) => received.event === 'incident.reported', 20_000);
      expect(leader.user.communityIds).toContain(event.data.properties?.communityId);
    } finally {
      stream.close();
    }
  });
});
