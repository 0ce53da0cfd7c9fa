import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStream } from '../../helpers/event-stream.ts';
import { copyTestDatabase, httpSession, startServerProcess, type ServerProcess } from '../../helpers/server-process.ts';
import { testBackend } from '../../helpers/test-database.ts';

// The live stream as a wall display reads it: events arrive without polling, only for the viewer's
// communities, and a reconnect with Last-Event-ID gets what was missed. On PostgreSQL, a write on one
// server process reaches a stream on another (LISTEN/NOTIFY).

describe(`live events (${testBackend()})`, () => {
  let server: ServerProcess;
  let point: { taoyuan: number[]; xianya: number[] };
  beforeAll(async () => {
    // Streams check their credentials again at every keep-alive: once a second here.
    server = await startServerProcess({ env: { LIVE_EVENTS_HEARTBEAT_MS: '1000' } });
    // A point inside each community: the middle of one of its buildings (small rectangles inside their grids).
    const pointIn = async (username: string) => {
      const staff = await httpSession(server.baseUrl, username);
      const page = (await (await staff(`/api/buildings?community=${staff.user.communityIds[0]}&limit=1`)).json()) as { features: { geometry: { coordinates: number[][][] } }[] };
      const ring = page.features[0].geometry.coordinates[0].slice(0, -1);
      return [ring.reduce((sum, p) => sum + p[0], 0) / ring.length, ring.reduce((sum, p) => sum + p[1], 0) / ring.length];
    };
    point = { taoyuan: await pointIn('staff_taoyuan'), xianya: await pointIn('staff_xianya') };
  }, 180_000);
  afterAll(() => server?.stop());

  const report = async (username: string, title: string, coordinates: number[]) => {
    const staff = await httpSession(server.baseUrl, username);
    const response = await staff('/api/incidents', { method: 'POST', json: { category: 'sanitation', title, location: { type: 'Point', coordinates } } });
    expect(response.status, await response.clone().text()).toBe(201);
    return { staff, id: ((await response.json()) as { id: number }).id };
  };

  it('carries a new incident and its moves to the streams whose communities hold it, and only those', { timeout: 60_000 }, async () => {
    const leader = await httpSession(server.baseUrl, 'leader');
    const xianyaStaff = await httpSession(server.baseUrl, 'staff_xianya');
    const wall = await openStream(server.baseUrl, leader);
    const other = await openStream(server.baseUrl, xianyaStaff);
    try {
      const { staff, id } = await report('staff_taoyuan', '实时事件测试', point.taoyuan);
      const reported = await wall.waitFor((event) => event.event === 'incident.reported' && event.data.id === id);
      expect(reported.data.properties).toMatchObject({ title: '实时事件测试', status: 'reported' });
      const moved = await staff(`/api/incidents/${id}/transitions`, { method: 'POST', json: { from: 'reported', to: 'assigned' } });
      expect(moved.status).toBe(200);
      const move = await wall.waitFor((event) => event.event === 'incident.moved' && event.data.id === id);
      expect(move.data).toMatchObject({ from: 'reported', to: 'assigned', properties: { status: 'assigned' } });
      expect(move.id).toBeGreaterThan(reported.id);
      // 县衙社区's member sees their own community's incident, and not 桃园's.
      const { id: xianyaId } = await report('staff_xianya', '县衙实时测试', point.xianya);
      await other.waitFor((event) => event.data.id === xianyaId);
      expect(other.events.some((event) => event.data.id === id)).toBe(false);
      expect(wall.events.some((event) => event.data.id === xianyaId)).toBe(false);
    } finally {
      wall.close();
      other.close();
    }
  });

  it('carries a patrol\'s positions to the walls of its community within 2 s, and to no one else', { timeout: 60_000 }, async () => {
    const leader = await httpSession(server.baseUrl, 'leader');
    const xianyaStaff = await httpSession(server.baseUrl, 'staff_xianya');
    const wall = await openStream(server.baseUrl, leader);
    const other = await openStream(server.baseUrl, xianyaStaff);
    try {
      const staff = await httpSession(server.baseUrl, 'staff_taoyuan');
      const community = staff.user.communityIds[0];
      const sentAt = Date.now();
      const fixes = [0, 15].map((seconds) => ({ longitude: point.taoyuan[0], latitude: point.taoyuan[1], at: new Date(sentAt - 60_000 + seconds * 1000).toISOString() }));
      const posted = await staff('/api/patrols/positions', { method: 'POST', json: { community, points: fixes } });
      expect(posted.status, await posted.clone().text()).toBe(201);
      const { patrolId } = (await posted.json()) as { patrolId: number };
      const event = await wall.waitFor((received) => received.event === 'patrol.position' && received.data.patrolId === patrolId, 2_000);
      expect(event.data).toMatchObject({ communityId: community, points: fixes.map((fix) => [fix.longitude, fix.latitude, Math.round(Date.parse(fix.at) / 1000)]) });
      expect(event.data.team).toMatch(/巡/);
      // 县衙社区's stream never gets 桃园's patrol: a later event of its own arrives, and nothing of 桃园's before it.
      const { id: fence } = await report('staff_xianya', '县衙围栏事件', point.xianya);
      await other.waitFor((received) => received.data.id === fence);
      expect(other.events.some((received) => received.event === 'patrol.position' && received.data.patrolId === patrolId)).toBe(false);
    } finally {
      wall.close();
      other.close();
    }
  });

  it('replays what a stream missed when it reconnects with Last-Event-ID, in order, once', { timeout: 60_000 }, async () => {
    const leader = await httpSession(server.baseUrl, 'leader');
    const first = await openStream(server.baseUrl, leader);
    const { id: seen } = await report('staff_taoyuan', '断线前', point.taoyuan);
    const last = await first.waitFor((event) => event.data.id === seen);
    first.close();
    const missed = [(await report('staff_taoyuan', '断线中 1', point.taoyuan)).id, (await report('staff_taoyuan', '断线中 2', point.taoyuan)).id];
    const again = await openStream(server.baseUrl, leader, last.id);
    try {
      await again.waitFor((event) => event.data.id === missed[1]);
      const incidents = again.events.filter((event) => event.event === 'incident.reported').map((event) => event.data.id);
      expect(incidents).toEqual(missed);
      const ids = again.events.map((event) => event.id);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    } finally {
      again.close();
    }
  });

  it('ends the stream of a display token once it is revoked, and refuses it afterwards', { timeout: 60_000 }, async () => {
    const leader = await httpSession(server.baseUrl, 'leader');
    const made = await leader('/api/display-tokens', { method: 'POST', json: { label: '直播测试大屏' }, headers: { origin: server.baseUrl } });
    expect(made.status).toBe(201);
    const { id, token } = (await made.json()) as { id: number; token: string };
    const response = await fetch(`${server.baseUrl}/api/events`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const ended = (async () => {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) void chunk;
      return 'ended';
    })();
    const revoked = await leader(`/api/display-tokens/${id}`, { method: 'DELETE', headers: { origin: server.baseUrl } });
    expect(revoked.status).toBe(204);
    const outcome = await Promise.race([ended, new Promise((resolve) => setTimeout(() => resolve('still open'), 10_000))]);
    expect(outcome).toBe('ended');
    const again = await fetch(`${server.baseUrl}/api/events`, { headers: { authorization: `Bearer ${token}` } });
    expect(again.status).toBe(401);
    expect(((await again.json()) as { error: string }).error).toBe('token_revoked');
  });

  it.skipIf(testBackend() !== 'postgresql')('reaches a stream on another server process through LISTEN/NOTIFY', { timeout: 120_000 }, async () => {
    const copy = await copyTestDatabase();
    // Polling only once a minute: an event that arrives within a second came by NOTIFY.
    const env = { ...copy.env, LIVE_EVENTS_POLL_MS: '60000' };
    const one = await startServerProcess({ env, database: copy });
    const two = await startServerProcess({ env, database: copy });
    try {
      const leader = await httpSession(two.baseUrl, 'leader');
      const wall = await openStream(two.baseUrl, leader);
      const staff = await httpSession(one.baseUrl, 'staff_taoyuan');
      const response = await staff('/api/incidents', { method: 'POST', json: { category: 'sanitation', title: '跨进程事件', location: { type: 'Point', coordinates: point.taoyuan } } });
      expect(response.status).toBe(201);
      const id = ((await response.json()) as { id: number }).id;
      const started = Date.now();
      await wall.waitFor((event) => event.data.id === id);
      // Woken by NOTIFY, not by the poll.
      expect(Date.now() - started).toBeLessThan(1500);
      wall.close();
    } finally {
      await one.stop();
      await two.stop();
      await copy.drop();
    }
  });
});
