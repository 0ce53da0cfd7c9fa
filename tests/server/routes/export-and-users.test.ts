import { check } from '@placemarkio/check-geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helpers/build.ts';
import { loginAs, type Session } from '../../helpers/session.ts';
import { testBackend } from '../../helpers/test-database.ts';

let testApp: TestApp;
let analyst: Session;
let admin: Session;
let xianya: number;

beforeAll(async () => {
  testApp = await build();
  analyst = await loginAs(testApp.app, 'analyst');
  admin = await loginAs(testApp.app, 'admin');
  xianya = (await testApp.app.pg.query(`SELECT id FROM areas WHERE name = '县衙社区'`)).rows[0].id;
});
afterAll(() => testApp.close());

describe(`exports (${testBackend()})`, () => {
  it('gives an analyst a CSV of exactly the matching incidents, readable as UTF-8 by spreadsheets', async () => {
    const response = await analyst({ url: `/api/incidents/export?community=${xianya}&categories=illegal_dumping,illegal_occupation&format=csv` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="gridatlas-incidents-.*\.csv"/);
    expect(response.body.startsWith('\uFEFFid,community,grid,category')).toBe(true);
    const lines = response.body.trim().split('\r\n');
    const expected = await testApp.app.pg.query(`SELECT count(*)::int AS n FROM incidents WHERE community_id = $1 AND category IN ('illegal_dumping', 'illegal_occupation')`, [xianya]);
    expect(lines.length - 1).toBe(expected.rows[0].n);
    expect(lines[1]).toContain('县衙社区');
  });

  it('exports GeoJSON too, and only to analysts', async () => {
    const geojson = await analyst({ url: `/api/incidents/export?community=${xianya}&format=geojson` });
    expect(geojson.statusCode).toBe(200);
    expect(() => check(geojson.body)).not.toThrow();
    const leader = await loginAs(testApp.app, 'leader');
    expect((await leader({ url: '/api/incidents/export?format=csv' })).statusCode).toBe(403);
  });
});

describe(`user administration (${testBackend()})`, () => {
  it('lets an admin create a user who then sees only their communities', async () => {
    const created = await admin({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'wang.xiaoming', displayName: '王小明', password: 'a-long-password-1', role: 'grid_staff', communityIds: [xianya] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const login = await testApp.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'wang.xiaoming', password: 'a-long-password-1' } });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.communityIds).toEqual([xianya]);
    const duplicate = await admin({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'wang.xiaoming', displayName: '重复', password: 'a-long-password-2', role: 'leader', communityIds: [] },
    });
    expect(duplicate.statusCode).toBe(409);
    expect((await admin({ url: '/api/users' })).json().users.map((user: { username: string }) => user.username)).toContain('wang.xiaoming');
  });

  it('refuses user administration to everyone else', async () => {
    expect((await analyst({ url: '/api/users' })).statusCode).toBe(403);
    const attempt = await analyst({ method: 'POST', url: '/api/users', payload: { username: 'intruder', displayName: 'x', password: 'a-long-password', role: 'admin', communityIds: [] } });
    expect(attempt.statusCode).toBe(403);
  });
});
