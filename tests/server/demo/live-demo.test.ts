// The live demo makes the wall move: each step reports an incident inside a courtyard (so inside a grid of its
// community) and every other step moves an open incident one allowed step on, each with its live event, as the
// API would; from 20:00 to 23:00 the patrols walk and send their fixes. Both backends, the patrols with a fixed clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '#domain/random.ts';
import { LOCAL_UTC_OFFSET, localDateOf } from '#domain/local-time.ts';
import { isAllowedTransition } from '#domain/workflow.ts';
import { DEMO_ACTOR, LiveDemo } from '../../../server/demo/live-demo.ts';
import { build, type TestApp } from '../../helpers/build.ts';
import { openStream } from '../../helpers/event-stream.ts';
import { httpSession, startServerProcess, type ServerProcess } from '../../helpers/server-process.ts';
import { testBackend } from '../../helpers/test-database.ts';

let testApp: TestApp;
/** The app's clock: 15:00 tomorrow unless a test sets it (outside patrol hours, the demo's patrols rest). */
const tomorrow = localDateOf(new Date(Date.now() + 86_400_000));
const at = (time: string) => new Date(`${tomorrow}T${time}:00${LOCAL_UTC_OFFSET}`);
let clock = at('15:00');
beforeAll(async () => {
  testApp = await build({}, { now: () => clock });
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
    // 6 reports and 3 moves, each one live event; at 15:00 no patrol walks.
    expect(steps.every((step) => step.patrolFixes === 0)).toBe(true);
    expect(await count('SELECT count(*) FROM live_events')).toBe(eventsBefore + 9);
    expect(await count(`SELECT count(*) FROM live_events WHERE id > (SELECT max(id) - 9 FROM live_events) AND kind = 'incident.moved'`)).toBe(3);
  });

  it('walks tonight\'s patrols from 20:00: at 21:00 the hour so far, then each minute\'s fixes, as live positions', async () => {
    const app = testApp.app;
    const demo = new LiveDemo(app, new SeededRandom(7));
    const lastEvent = await count('SELECT coalesce(max(id), 0) AS count FROM live_events');
    clock = at('21:00');
    try {
      const first = await demo.step();
      // Nobody patrolled tomorrow night yet: every team's walk is played from 20:00, a fix about every 15 s.
      const { rows: patrols } = await app.pg.query<{ id: string; community_id: number; points: number; first: Date; last: Date; outside: number }>(
        `SELECT p.id, p.community_id, count(pt.*)::int AS points, min(pt.recorded_at) AS first, max(pt.recorded_at) AS last,
                count(*) FILTER (WHERE NOT ST_DWithin(pt.geom::geography, a.geom::geography, 300))::int AS outside
           FROM patrols p JOIN patrol_points pt ON pt.patrol_id = p.id AND pt.community_id = p.community_id JOIN areas a ON a.id = p.community_id
          WHERE p.started_at >= $1 GROUP BY p.id, p.community_id`,
        [at('20:00')],
      );
      expect(patrols.length, 'most teams walk (a few stand down on a given night)').toBeGreaterThanOrEqual(10);
      expect(new Set(patrols.map((patrol) => patrol.community_id)).size).toBe(patrols.length);
      expect(first.patrolFixes).toBe(patrols.reduce((sum, patrol) => sum + patrol.points, 0));
      for (const patrol of patrols) {
        expect(patrol.first.getTime()).toBeLessThan(at('20:15').getTime());
        expect(patrol.last.getTime()).toBeLessThanOrEqual(clock.getTime());
        expect(patrol.points).toBeGreaterThan(150); // an hour at ~15 s
        expect(patrol.outside).toBe(0);
      }
      // Each fix went out live, in its community's patrol.position events.
      const { rows: events } = await app.pg.query<{ community_id: number; data: { patrolId: number; points: number[][] } }>(
        `SELECT community_id, data FROM live_events WHERE id > $1 AND kind = 'patrol.position'`,
        [lastEvent],
      );
      expect(events.reduce((sum, event) => sum + event.data.points.length, 0)).toBe(first.patrolFixes);
      for (const event of events) expect(patrols.find((patrol) => Number(patrol.id) === event.data.patrolId)?.community_id).toBe(event.community_id);

      // A minute later: a few more fixes each, on the same patrols.
      clock = at('21:01');
      const next = await demo.step();
      expect(next.patrolFixes).toBeGreaterThanOrEqual(patrols.length * 2);
      expect(next.patrolFixes).toBeLessThanOrEqual(patrols.length * 6);
      expect(await count(`SELECT count(*) FROM patrols WHERE started_at >= $1`, [at('20:00')])).toBe(patrols.length);
      expect(await count(`SELECT count(*) FROM patrol_points WHERE recorded_at > $1 AND recorded_at <= $2`, [at('21:00'), at('21:01')])).toBe(next.patrolFixes);
    } finally {
      clock = at('15:00');
    }
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
