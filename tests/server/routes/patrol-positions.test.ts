// A patrol's phone reports where the patrol walks (POST /api/patrols/positions): the fixes join the patrol, its
// coverage counts them, and bad fixes are refused with the field and the reason, writing nothing. The clock is
// fixed at 21:00 tomorrow, a patrol night no demo data covers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_UTC_OFFSET, localDateOf } from '#domain/local-time.ts';
import { build, type TestApp } from '../../helpers/build.ts';
import { loginAs, tableCounts, type Session } from '../../helpers/session.ts';
import { testBackend } from '../../helpers/test-database.ts';

const tomorrow = localDateOf(new Date(Date.now() + 86_400_000));
const at = (time: string) => new Date(`${tomorrow}T${time}${LOCAL_UTC_OFFSET}`);
let testApp: TestApp;
let staff: Session;
let taoyuan: number;
/** Points along a street through 桃园社区: the first compound's corners. */
let route: [number, number][];

beforeAll(async () => {
  testApp = await build({}, { now: () => at('21:00:00') });
  staff = await loginAs(testApp.app, 'staff_taoyuan');
  taoyuan = (await testApp.app.pg.query(`SELECT id FROM areas WHERE name = '桃园社区'`)).rows[0].id;
  const { rows } = await testApp.app.pg.query<{ ring: [number, number][] }>(
    `SELECT (ST_AsGeoJSON(geom)::json -> 'coordinates' -> 0)::jsonb AS ring FROM compounds WHERE community_id = $1 ORDER BY id LIMIT 1`,
    [taoyuan],
  );
  route = rows[0].ring.slice(0, 4);
});
afterAll(() => testApp.close());

const fixes = (times: string[]) => times.map((time, index) => ({ longitude: route[index % route.length][0], latitude: route[index % route.length][1], at: at(time).toISOString() }));

describe(`patrol positions (${testBackend()})`, () => {
  it('starts a patrol of the community’s security team, appends to it, and the patrol list and coverage see the fixes', async () => {
    const first = await staff({ method: 'POST', url: '/api/patrols/positions', payload: { community: taoyuan, points: fixes(['20:30:00', '20:30:15']) } });
    expect(first.statusCode, first.body).toBe(201);
    const { patrolId } = first.json() as { patrolId: number };
    // The phone keeps sending to the same patrol; a late batch may be out of order.
    const more = await staff({ method: 'POST', url: '/api/patrols/positions', payload: { community: taoyuan, patrol: patrolId, points: fixes(['20:31:00', '20:30:45']) } });
    expect(more.statusCode, more.body).toBe(201);
    expect(more.json()).toEqual({ patrolId, recorded: 2 });

    const { rows } = await testApp.app.pg.query(
      `SELECT p.started_at, p.ended_at, team.kind, (SELECT array_agg(recorded_at ORDER BY recorded_at) FROM patrol_points WHERE patrol_id = p.id) AS times
         FROM patrols p JOIN volunteer_teams team ON team.id = p.team_id WHERE p.id = $1`,
      [patrolId],
    );
    expect(rows[0].kind).toBe('security_patrol');
    expect(rows[0].started_at).toEqual(at('20:30:00'));
    expect(rows[0].ended_at).toEqual(at('20:31:00'));
    expect(rows[0].times).toHaveLength(4);
    // Tonight's patrol list has it, with every vertex's time.
    const list = (await staff({ url: `/api/patrols?community=${taoyuan}&night=${tomorrow}` })).json() as { features: { id: number; properties: { times: number[] } }[] };
    const listed = list.features.find((feature) => feature.id === patrolId);
    expect(listed?.properties.times).toHaveLength(4);
    // The courtyard it walked round is covered that night.
    const coverage = (await staff({ url: `/api/patrols/coverage?community=${taoyuan}&night=${tomorrow}` })).json() as { patrols: number; coverage: number };
    expect(coverage.patrols).toBe(1);
    expect(coverage.coverage).toBeGreaterThan(0);
  });

  it('refuses bad fixes with the field and the reason, and writes nothing', async () => {
    const before = await tableCounts(testApp.app);
    const elsewhere = Number((await testApp.app.pg.query(`SELECT id FROM patrols WHERE community_id <> $1 ORDER BY id LIMIT 1`, [taoyuan])).rows[0].id);
    // In 县衙社区, another county: inside the city, far outside 桃园社区.
    const { rows: centre } = await testApp.app.pg.query<{ x: number; y: number }>(`SELECT ST_X(ST_PointOnSurface(geom)) AS x, ST_Y(ST_PointOnSurface(geom)) AS y FROM areas WHERE name = '县衙社区'`);
    const far = { longitude: centre[0].x, latitude: centre[0].y, at: at('20:40:00').toISOString() };
    const cases: Array<[string, unknown, number, RegExp]> = [
      ['swapped coordinates', { community: taoyuan, points: [{ longitude: route[0][1], latitude: route[0][0], at: at('20:40:00').toISOString() }] }, 400, /points\[0\].*swapped/],
      ['a fix far outside the community', { community: taoyuan, points: [fixes(['20:40:00'])[0], far] }, 422, /points\[1\].*outside the community/],
      ['a fix in the future', { community: taoyuan, points: fixes(['21:10:00']) }, 422, /points\[0\]\.at.*future/],
      ['a fix from last week', { community: taoyuan, points: [{ ...fixes(['20:40:00'])[0], at: new Date(at('20:40:00').getTime() - 7 * 86_400_000).toISOString() }] }, 422, /points\[0\]\.at.*old/],
      ['a fix outside the city', { community: taoyuan, points: [{ longitude: 116.4, latitude: 39.9, at: at('20:40:00').toISOString() }] }, 400, /points\[0\].*outside the service area/],
      ['no fixes', { community: taoyuan, points: [] }, 400, /points/],
      ['an unknown field', { community: taoyuan, points: fixes(['20:40:00']), speed: 3 }, 400, /speed/],
      ['a patrol of another community', { community: taoyuan, patrol: elsewhere, points: fixes(['20:40:00']) }, 404, new RegExp(`Patrol ${elsewhere}`)],
    ];
    for (const [name, payload, status, message] of cases) {
      const response = await staff({ method: 'POST', url: '/api/patrols/positions', payload: payload as object });
      expect(response.statusCode, `${name}: ${response.body}`).toBe(status);
      expect(response.json().message, name).toMatch(message);
    }
    // Outside the sender's communities, and from a role that does not patrol.
    const xianya = (await testApp.app.pg.query(`SELECT id FROM areas WHERE name = '县衙社区'`)).rows[0].id;
    expect((await staff({ method: 'POST', url: '/api/patrols/positions', payload: { community: xianya, points: fixes(['20:40:00']) } })).statusCode).toBe(403);
    const analyst = await loginAs(testApp.app, 'analyst');
    expect((await analyst({ method: 'POST', url: '/api/patrols/positions', payload: { community: taoyuan, points: fixes(['20:40:00']) } })).statusCode).toBe(403);
    const after = await tableCounts(testApp.app);
    expect({ ...after, sessions: 0 }).toEqual({ ...before, sessions: 0 });
  });
});
