import { check } from '@placemarkio/check-geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helpers/build.ts';
import { loginAs, tableCounts, type Session } from '../../helpers/session.ts';
import { testBackend } from '../../helpers/test-database.ts';

let testApp: TestApp;
let staff: Session;
let taoyuanPoint: [number, number];

beforeAll(async () => {
  testApp = await build();
  staff = await loginAs(testApp.app, 'staff_taoyuan');
  const { rows } = await testApp.app.pg.query(
    `SELECT ST_X(ST_PointOnSurface(b.geom)) AS x, ST_Y(ST_PointOnSurface(b.geom)) AS y FROM buildings b JOIN areas a ON a.id = b.community_id WHERE a.name = '桃园社区' ORDER BY b.id LIMIT 1`,
  );
  taoyuanPoint = [rows[0].x, rows[0].y];
});
afterAll(() => testApp.close());

async function report(): Promise<number> {
  const response = await staff({
    method: 'POST',
    url: '/api/incidents',
    payload: { category: 'illegal_dumping', title: '楼下建筑垃圾乱堆', description: '测试上报', location: { type: 'Point', coordinates: taoyuanPoint } },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().properties.id;
}

const move = (id: number, from: string, to: string, note?: string) =>
  staff({ method: 'POST', url: `/api/incidents/${id}/transitions`, payload: { from, to, ...(note === undefined ? {} : { note }) } });

describe(`the incident workflow over HTTP (${testBackend()})`, () => {
  it('reports an incident into the grid and community that contain its point', async () => {
    const id = await report();
    const response = await staff({ url: `/api/incidents/${id}` });
    expect(() => check(response.body)).not.toThrow();
    const incident = response.json().properties;
    const expected = await testApp.app.pg.query(
      `SELECT g.id AS grid_id, g.community_id FROM grids g WHERE ST_Covers(g.geom, ST_SetSRID(ST_MakePoint($1, $2), 4326))`,
      taoyuanPoint,
    );
    expect(incident).toMatchObject({ status: 'reported', gridId: expected.rows[0].grid_id, communityId: expected.rows[0].community_id });
    expect(incident.events).toHaveLength(1);
  });

  it('writes one event per move along the whole path, including a return with a note', async () => {
    const id = await report();
    const path: [string, string, string?][] = [
      ['reported', 'assigned'],
      ['assigned', 'in_progress'],
      ['in_progress', 'verified'],
      ['verified', 'returned', '整改不彻底'],
      ['returned', 'assigned'],
      ['assigned', 'in_progress'],
      ['in_progress', 'verified'],
      ['verified', 'closed'],
    ];
    for (const [from, to, note] of path) {
      const response = await move(id, from, to, note);
      expect(response.statusCode, `${from} → ${to}: ${response.body}`).toBe(200);
      expect(response.json().properties.status).toBe(to);
    }
    const detail = (await staff({ url: `/api/incidents/${id}` })).json().properties;
    expect(detail.events.map((event: { toStatus: string }) => event.toStatus)).toEqual(['reported', ...path.map(([, to]) => to)]);
    expect(detail.events.find((event: { toStatus: string }) => event.toStatus === 'returned').note).toBe('整改不彻底');
    expect(detail.closedAt).not.toBeNull();
  });

  it('answers 4xx and writes nothing for every illegal transition', async () => {
    const id = await report();
    const before = await tableCounts(testApp.app);
    const illegal: [string, string, string?][] = [
      ['reported', 'closed'],
      ['reported', 'in_progress'],
      ['reported', 'verified'],
      ['reported', 'returned', 'x'],
      ['reported', 'reported'],
      ['closed', 'reported'],
      ['assigned', 'verified'],
    ];
    for (const [from, to, note] of illegal) {
      const response = await move(id, from, to, note);
      expect(response.statusCode, `${from} → ${to}`).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      expect(response.json().message).toBeTruthy();
    }
    expect((await move(id, 'reported', 'assigned')).statusCode).toBe(200);
    const noNote = await move(id, 'assigned', 'returned');
    expect(noNote.statusCode).toBe(422);
    expect(noNote.json().message).toMatch(/note/);
    const after = await tableCounts(testApp.app);
    expect(after.incident_events).toBe(before.incident_events + 1);
  });

  it('answers 409 to a move from a stale status, and writes nothing', async () => {
    const id = await report();
    expect((await move(id, 'reported', 'assigned')).statusCode).toBe(200);
    const before = await tableCounts(testApp.app);
    const stale = await move(id, 'reported', 'assigned');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details.currentStatus).toBe('assigned');
    expect(await tableCounts(testApp.app)).toEqual(before);
  });
});
