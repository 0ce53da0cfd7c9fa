import { check } from '@placemarkio/check-geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helpers/build.ts';
import { loginAs, type Session } from '../../helpers/session.ts';
import { testBackend } from '../../helpers/test-database.ts';

let testApp: TestApp;
/** The app's clock: the system's unless a test moves it on. */
let clock: Date | null = null;
let analyst: Session;
let admin: Session;
let xianya: number;

beforeAll(async () => {
  testApp = await build({}, { now: () => clock ?? new Date() });
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
    const lines = response.body.trim().split('\r\n');
    const expected = await testApp.app.pg.query(`SELECT count(*)::int AS n FROM incidents WHERE community_id = $1 AND category IN ('illegal_dumping', 'illegal_occupation')`, [xianya]);
    expect(lines.length - 1).toBe(expected.rows[0].n);
    expect(lines[1]).toContain('县衙社区');
  });

  it('writes the bytes a spreadsheet reader needs: BOM, Beijing times with the offset, Chinese labels beside the codes, names, overdue, and formulas as text', async () => {
    const staff = await loginAs(testApp.app, 'staff_xianya');
    const point = (await testApp.app.pg.query(`SELECT ST_X(ST_PointOnSurface(geom)) AS x, ST_Y(ST_PointOnSurface(geom)) AS y FROM grids WHERE community_id = $1 ORDER BY id LIMIT 1`, [xianya])).rows[0];
    const created = await staff({ method: 'POST', url: '/api/incidents', payload: { category: 'livelihood_request', title: '=cmd()', description: '+1', location: { type: 'Point', coordinates: [point.x, point.y] } } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().properties.id;
    const reported = (await testApp.app.pg.query(`SELECT reported_at FROM incidents WHERE id = $1`, [id])).rows[0].reported_at as Date;

    const response = await analyst({ url: `/api/incidents/export?community=${xianya}&format=csv` });
    const bytes = response.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const [header, ...rows] = text.trimEnd().split('\r\n');
    const columns = header.split(',');
    expect(columns).toEqual(['编号', '区县', '街道/镇', '社区', '网格', '类别', '类别代码', '状态', '状态代码', '来源', '来源代码', '标题', '上报时间(北京时间 UTC+08:00)', '结案时间(北京时间 UTC+08:00)', '是否超期', '经度', '纬度']);
    const row = rows.map((line) => line.split(',')).find((cells) => cells[0] === String(id));
    expect(row).toBeDefined();
    const cell = (name: string) => row![columns.indexOf(name)];
    expect(cell('标题')).toBe("'=cmd()");
    expect(cell('区县')).toBe('内乡县');
    expect(cell('街道/镇')).toBe('城关镇');
    expect(cell('社区')).toBe('县衙社区');
    expect(cell('网格')).toMatch(/县衙社区第\d网格/);
    expect([cell('类别'), cell('类别代码'), cell('状态'), cell('状态代码'), cell('来源'), cell('来源代码')]).toEqual(['民生诉求', 'livelihood_request', '上报', 'reported', '网格员上报', 'grid_staff']);
    expect(cell('是否超期')).toBe('否');
    // The local time of the report, with its offset, to the second.
    const local = new Date(reported.getTime() + 8 * 3_600_000).toISOString().slice(0, 19);
    expect(cell('上报时间(北京时间 UTC+08:00)')).toBe(`${local}+08:00`);
    expect(cell('结案时间(北京时间 UTC+08:00)')).toBe('');
    // Every overdue cell is 是 or 否; five hours on, past the 4 h to dispatch a report, the new one is overdue.
    for (const line of rows) expect(['是', '否']).toContain(line.split(',')[columns.indexOf('是否超期')]);
    clock = new Date(Date.now() + 5 * 3_600_000);
    try {
      const later = (await analyst({ url: `/api/incidents/export?community=${xianya}&format=csv` })).rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n');
      expect(later.find((line) => line.startsWith(`${id},`))?.split(',')[columns.indexOf('是否超期')]).toBe('是');
    } finally {
      clock = null;
    }
    // No text cell can start a formula.
    for (const line of rows) for (const value of line.split(',')) expect(value).not.toMatch(/^[=+@]/);
  });

  it('exports GeoJSON with the same names and labels, and only to analysts', async () => {
    const geojson = await analyst({ url: `/api/incidents/export?community=${xianya}&format=geojson` });
    expect(geojson.statusCode).toBe(200);
    expect(() => check(geojson.body)).not.toThrow();
    const properties = geojson.json().features[0].properties;
    expect(properties).toMatchObject({ district: '内乡县', street: '城关镇', community: '县衙社区' });
    expect(properties.grid).toMatch(/县衙社区第\d网格/);
    expect(properties.categoryLabel).toMatch(/[\u4e00-\u9fff]/);
    expect(properties.statusLabel).toMatch(/[\u4e00-\u9fff]/);
    expect(properties.sourceLabel).toMatch(/[\u4e00-\u9fff]/);
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
