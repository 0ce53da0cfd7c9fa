import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helpers/build.ts';
import { loginAs, tableCounts, type Session } from '../../helpers/session.ts';
import { testBackend } from '../../helpers/test-database.ts';

let testApp: TestApp;
let taoyuanStaff: Session;
let analyst: Session;
let taoyuan: number;
let neighbour: number;
let neighbourIncident: number;
let neighbourGrid: number;
let neighbourPoint: [number, number];

beforeAll(async () => {
  testApp = await build();
  taoyuanStaff = await loginAs(testApp.app, 'staff_taoyuan');
  analyst = await loginAs(testApp.app, 'analyst');
  const query = testApp.app.pg.query.bind(testApp.app.pg);
  taoyuan = (await query(`SELECT id FROM areas WHERE name = '桃园社区'`)).rows[0].id;
  // A neighbouring community of the same street (community B).
  neighbour = (await query(`SELECT c.id FROM areas c JOIN areas t ON t.parent_id = c.parent_id WHERE t.name = '桃园社区' AND c.id <> t.id AND ST_Touches(c.geom, t.geom) LIMIT 1`)).rows[0].id;
  neighbourIncident = Number((await query(`SELECT id FROM incidents WHERE community_id = $1 LIMIT 1`, [neighbour])).rows[0].id);
  neighbourGrid = (await query(`SELECT id FROM grids WHERE community_id = $1 LIMIT 1`, [neighbour])).rows[0].id;
  const point = (await query(`SELECT ST_X(ST_PointOnSurface(geom)) AS x, ST_Y(ST_PointOnSurface(geom)) AS y FROM buildings WHERE community_id = $1 LIMIT 1`, [neighbour])).rows[0];
  neighbourPoint = [point.x, point.y];
});
afterAll(() => testApp.close());

describe(`community scope and roles (${testBackend()})`, () => {
  it('answers 401 without a session, on every protected route', async () => {
    for (const url of ['/api/areas', '/api/grids', '/api/incidents', `/api/incidents/${neighbourIncident}`, `/api/communities/${taoyuan}`, '/api/stats/incidents', '/api/session']) {
      const response = await testApp.app.inject({ url });
      expect(response.statusCode, url).toBe(401);
      expect(response.json().error).toBe('unauthorized');
    }
    const write = await testApp.app.inject({ method: 'POST', url: '/api/incidents', payload: {} });
    expect(write.statusCode).toBe(401);
    expect((await testApp.app.inject({ url: '/api/health' })).statusCode).toBe(200);
  });

  it('rejects a wrong password with 401 and a clear message', async () => {
    const response = await testApp.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'leader', password: 'wrong' } });
    expect(response.statusCode).toBe(401);
    expect(response.json().message).toMatch(/username or password/);
  });

  it('answers 404 to a grid_staff user of community A for the items of B', async () => {
    expect((await taoyuanStaff({ url: `/api/incidents/${neighbourIncident}` })).statusCode).toBe(404);
    expect((await taoyuanStaff({ url: `/api/communities/${neighbour}` })).statusCode).toBe(404);
    expect((await analyst({ url: `/api/incidents/${neighbourIncident}` })).statusCode).toBe(200);
    const moved = await taoyuanStaff({ method: 'POST', url: `/api/incidents/${neighbourIncident}/transitions`, payload: { from: 'reported', to: 'assigned' } });
    expect(moved.statusCode).toBe(404);
  });

  it('never shows B’s rows in lists, nor in a search whose polygon spans A and B', async () => {
    for (const url of ['/api/incidents?limit=5000', '/api/grids', '/api/buildings?limit=5000', '/api/compounds', '/api/staff?limit=5000', '/api/service-points', '/api/volunteer-teams']) {
      const features = (await taoyuanStaff({ url })).json().features as { properties: { communityId: number } }[];
      expect(features.length, url).toBeGreaterThan(0);
      expect(new Set(features.map((feature) => feature.properties.communityId)), url).toEqual(new Set([taoyuan]));
    }
    expect((await taoyuanStaff({ url: `/api/grids?grid=${neighbourGrid}` })).json().features).toEqual([]);
    const span = await testApp.app.pg.query(`SELECT ST_AsGeoJSON(ST_Envelope(ST_Collect(geom))) AS area FROM areas WHERE id IN ($1, $2)`, [taoyuan, neighbour]);
    const area = JSON.parse(span.rows[0].area);
    const mine = (await taoyuanStaff({ method: 'POST', url: '/api/incidents/search', payload: { area, limit: 5000 } })).json();
    const everyone = (await analyst({ method: 'POST', url: '/api/incidents/search', payload: { area, limit: 5000 } })).json();
    expect(new Set(mine.features.map((feature: { properties: { communityId: number } }) => feature.properties.communityId))).toEqual(new Set([taoyuan]));
    expect(everyone.features.some((feature: { properties: { communityId: number } }) => feature.properties.communityId === neighbour)).toBe(true);
    expect(mine.summary.total).toBeLessThan(everyone.summary.total);
    const tree = (await taoyuanStaff({ url: '/api/areas' })).json().tree;
    const communities = JSON.stringify(tree).match(/"level":"community"/g);
    expect(communities).toHaveLength(1);
  });

  it('answers 403 to writes outside the user’s communities or role, and writes nothing', async () => {
    const before = await tableCounts(testApp.app);
    const outside = await taoyuanStaff({
      method: 'POST',
      url: '/api/incidents',
      payload: { category: 'sanitation', title: '垃圾未清运', location: { type: 'Point', coordinates: neighbourPoint } },
    });
    expect(outside.statusCode).toBe(403);
    const analystWrite = await analyst({
      method: 'POST',
      url: '/api/incidents',
      payload: { category: 'sanitation', title: '垃圾未清运', location: { type: 'Point', coordinates: neighbourPoint } },
    });
    expect(analystWrite.statusCode).toBe(403);
    expect(analystWrite.json().message).toMatch(/analyst/);
    const analystMove = await analyst({ method: 'POST', url: `/api/incidents/${neighbourIncident}/transitions`, payload: { from: 'reported', to: 'assigned' } });
    expect(analystMove.statusCode).toBe(403);
    expect(await tableCounts(testApp.app)).toEqual(before);
  });

  it('gives the big screen a read-only display token that can be revoked', async () => {
    const leader = await loginAs(testApp.app, 'leader');
    const created = await leader({ method: 'POST', url: '/api/display-tokens', payload: { label: '指挥中心大屏' } });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    const headers = { authorization: `Bearer ${token}` };
    const read = await testApp.app.inject({ url: '/api/grids?limit=1', headers });
    expect(read.statusCode).toBe(200);
    expect((await testApp.app.inject({ url: `/api/grids?limit=1&token=${token}` })).statusCode).toBe(200);
    const write = await testApp.app.inject({ method: 'POST', url: `/api/incidents/${neighbourIncident}/transitions`, headers, payload: { from: 'reported', to: 'assigned' } });
    expect(write.statusCode).toBe(403);
    expect((await leader({ method: 'DELETE', url: `/api/display-tokens/${id}` })).statusCode).toBe(204);
    expect((await testApp.app.inject({ url: '/api/grids?limit=1', headers })).statusCode).toBe(401);
  });

  it('ends a session on logout', async () => {
    const session = await loginAs(testApp.app, 'planner');
    expect((await session({ url: '/api/session' })).statusCode).toBe(200);
    expect((await session({ method: 'DELETE', url: '/api/session' })).statusCode).toBe(204);
    expect((await session({ url: '/api/session' })).statusCode).toBe(401);
  });
});
