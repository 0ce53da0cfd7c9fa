// Per-step time limits per category (GET and PUT /api/time-limits) and what follows from them: the overdue flag
// and the deadline (dueAt) of every incident in lists and details, and the community's overdue count. The app
// runs on a clock the test sets; every expected flag, deadline and count is worked out here in plain JavaScript
// from the rows of the incidents table, not by the SQL rule under test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import pg from 'pg';
import { INCIDENT_CATEGORIES } from '#domain/vocabulary.ts';
import { defaultTimeLimitHours, OPEN_STATUSES } from '#domain/workflow.ts';
import { build, type TestApp } from '../../helpers/build.ts';
import { copyTestDatabase, httpSession, startServerProcess } from '../../helpers/server-process.ts';
import { loginAs, tableCounts, type Session } from '../../helpers/session.ts';
import { testBackend } from '../../helpers/test-database.ts';

type Hours = Record<string, Record<string, number>>;
interface IncidentRow {
  id: number;
  category: string;
  status: string;
  updatedAt: Date;
}
interface IncidentProperties {
  id: number;
  category: string;
  status: string;
  overdue: boolean;
  dueAt: string | null;
}

const HOUR = 3_600_000;
/** An instant as the API writes it: ISO 8601 in UTC, to the second. */
const iso = (time: number) => new Date(Math.floor(time / 1000) * 1000).toISOString().replace('.000Z', 'Z');

let testApp: TestApp;
let clock: Date;
/** A whole hour after the newest incident of the demo data: the test's "now", moved on as it needs. */
let start: number;
const sessions = {} as Record<'admin' | 'leader' | 'analyst' | 'planner' | 'staff', Session>;
let taoyuan: number;
let taoyuanPoint: [number, number];

beforeAll(async () => {
  testApp = await build({}, { now: () => clock });
  const newest = (await testApp.app.pg.query<{ at: Date }>('SELECT max(updated_at) AS at FROM incidents')).rows[0].at.getTime();
  start = Math.ceil(newest / HOUR) * HOUR + HOUR;
  clock = new Date(start);
  sessions.admin = await loginAs(testApp.app, 'admin');
  sessions.leader = await loginAs(testApp.app, 'leader');
  sessions.analyst = await loginAs(testApp.app, 'analyst');
  sessions.planner = await loginAs(testApp.app, 'planner');
  sessions.staff = await loginAs(testApp.app, 'staff_taoyuan');
  taoyuan = (await testApp.app.pg.query(`SELECT id FROM areas WHERE name = '桃园社区'`)).rows[0].id;
  const point = (await testApp.app.pg.query(`SELECT ST_X(ST_PointOnSurface(geom)) AS x, ST_Y(ST_PointOnSurface(geom)) AS y FROM grids WHERE community_id = $1 ORDER BY id LIMIT 1`, [taoyuan])).rows[0];
  taoyuanPoint = [point.x, point.y];
});
afterAll(() => testApp.close());

const getLimits = async (session: Session = sessions.admin) => {
  const response = await session({ url: '/api/time-limits' });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { hours: Hours; defaultHours: Hours; categories: { code: string; label: string; labelEn: string }[]; statuses: { code: string; label: string }[]; updatedAt: string | null; updatedBy: string | null };
};
const put = (session: Session, body: unknown): Promise<Awaited<ReturnType<Session>>> => session({ method: 'PUT', url: '/api/time-limits', payload: body as InjectOptions['payload'] });

const incidentRows = async (community: number): Promise<IncidentRow[]> =>
  (await testApp.app.pg.query<IncidentRow>(`SELECT id::int AS id, category, status, updated_at AS "updatedAt" FROM incidents WHERE community_id = $1`, [community])).rows;

/** The deadline and the overdue flag by the rule, in JavaScript: entered its status + the limit; overdue once past it. */
function expected(row: IncidentRow, hours: Hours, at: Date): { overdue: boolean; dueAt: string | null } {
  if (row.status === 'closed') return { overdue: false, dueAt: null };
  const due = row.updatedAt.getTime() + hours[row.category][row.status] * HOUR;
  return { overdue: due < at.getTime(), dueAt: iso(due) };
}

const limitRows = async () => (await testApp.app.pg.query('SELECT category, status, hours::float8 AS hours, updated_at, updated_by FROM incident_time_limits ORDER BY category, status')).rows;

async function report(category: string): Promise<number> {
  const response = await sessions.staff({ method: 'POST', url: '/api/incidents', payload: { category, title: `时限测试 ${category}`, location: { type: 'Point', coordinates: taoyuanPoint } } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().properties.id;
}

const detail = async (id: number): Promise<IncidentProperties> => (await sessions.staff({ url: `/api/incidents/${id}` })).json().properties;

async function openListOf(community: number): Promise<IncidentProperties[]> {
  const response = await sessions.admin({ url: `/api/incidents?community=${community}&statuses=${OPEN_STATUSES.join(',')}&limit=5000` });
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json();
  expect(body.links.some((link: { rel: string }) => link.rel === 'next'), 'one page holds every open incident').toBe(false);
  return body.features.map((feature: { properties: IncidentProperties }) => feature.properties);
}

const overdueKpi = async (community: number): Promise<number> => (await sessions.admin({ url: `/api/communities/${community}` })).json().properties.kpis.overdueIncidents;

describe(`per-step time limits (${testBackend()})`, () => {
  it('gives every signed-in user the table of every category × open status, labelled, starting from the domain defaults', async () => {
    for (const session of Object.values(sessions)) {
      const table = await getLimits(session);
      expect(table.categories.map((category) => category.code)).toEqual([...INCIDENT_CATEGORIES]);
      expect(table.statuses.map((status) => status.code)).toEqual([...OPEN_STATUSES]);
      for (const category of INCIDENT_CATEGORIES) {
        expect(Object.keys(table.hours[category]).sort()).toEqual([...OPEN_STATUSES].sort());
        for (const status of OPEN_STATUSES) {
          expect(table.defaultHours[category][status]).toBe(defaultTimeLimitHours(category, status));
          expect(table.hours[category][status], `${category}/${status}`).toBe(table.defaultHours[category][status]);
        }
      }
      expect(table.categories.find((category) => category.code === 'safety_hazard')).toEqual({ code: 'safety_hazard', label: '安全隐患', labelEn: 'Safety hazard' });
      expect(table.statuses.find((status) => status.code === 'reported')?.label).toBe('上报');
      expect(table.updatedBy).toBeNull();
    }
    // Urgent categories are faster at every step than an ordinary one.
    const { hours } = await getLimits();
    for (const urgent of ['safety_hazard', 'public_security']) {
      for (const status of OPEN_STATUSES) expect(hours[urgent][status]).toBeLessThan(hours.sanitation[status]);
    }
    // Stored: one row per category and open status, none for closed.
    const rows = await limitRows();
    expect(rows).toHaveLength(INCIDENT_CATEGORIES.length * OPEN_STATUSES.length);
    expect(rows.some((row) => row.status === 'closed')).toBe(false);
    expect((await testApp.app.inject({ url: '/api/time-limits' })).statusCode).toBe(401);
  });

  it("flags an incident by its own category's limit and gives the deadline of its current step, in the detail and the list", async () => {
    clock = new Date(start);
    const hazard = await report('safety_hazard');
    const sanitation = await report('sanitation');
    const { hours } = await getLimits();
    clock = new Date(start + 2 * HOUR);
    // 安全隐患 must be dispatched within its (shorter) limit; 环境卫生 is still within its own.
    expect(hours.safety_hazard.reported).toBeLessThan(2);
    expect(hours.sanitation.reported).toBeGreaterThan(2);
    expect(await detail(hazard)).toMatchObject({ overdue: true, dueAt: iso(start + hours.safety_hazard.reported * HOUR) });
    expect(await detail(sanitation)).toMatchObject({ overdue: false, dueAt: iso(start + hours.sanitation.reported * HOUR) });
    const listed = await openListOf(taoyuan);
    expect(listed.find((item) => item.id === hazard)).toMatchObject({ overdue: true, dueAt: iso(start + hours.safety_hazard.reported * HOUR) });
    expect(listed.find((item) => item.id === sanitation)).toMatchObject({ overdue: false });

    // A move starts the next step's clock.
    const moved = await sessions.staff({ method: 'POST', url: `/api/incidents/${hazard}/transitions`, payload: { from: 'reported', to: 'assigned' } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().properties).toMatchObject({ overdue: false, dueAt: iso(start + 2 * HOUR + hours.safety_hazard.assigned * HOUR) });

    // Closed: no deadline, never overdue.
    const closed = await sessions.admin({ url: `/api/incidents?community=${taoyuan}&statuses=closed&limit=20` });
    for (const feature of closed.json().features) expect(feature.properties).toMatchObject({ overdue: false, dueAt: null });
  });

  it('moves the overdue flags, deadlines and the community overdue count with a changed limit, as worked out independently', async () => {
    // One incident of the test's own, in progress for half an hour: within any default limit, past a quarter of an hour.
    // (Whether the demo data has such an incident depends on the hour it was seeded.)
    clock = new Date(start + 2.5 * HOUR);
    const working = await report('sanitation');
    for (const [from, to] of [['reported', 'assigned'], ['assigned', 'in_progress']]) {
      const moved = await sessions.staff({ method: 'POST', url: `/api/incidents/${working}/transitions`, payload: { from, to } });
      expect(moved.statusCode, moved.body).toBe(200);
    }
    clock = new Date(start + 3 * HOUR);
    const before = await getLimits();
    const rowsBefore = await incidentRows(taoyuan);
    const overdueBefore = rowsBefore.filter((row) => expected(row, before.hours, clock).overdue);
    const countBefore = overdueBefore.length;
    expect(await overdueKpi(taoyuan)).toBe(countBefore);

    // Every in-progress step is due within a quarter of an hour; a report may wait 90 days.
    const change: Hours = Object.fromEntries(INCIDENT_CATEGORIES.map((category) => [category, { in_progress: 0.25, reported: 2160 }]));
    const response = await put(sessions.admin, { hours: change });
    expect(response.statusCode, response.body).toBe(200);
    const after = await getLimits(sessions.staff);
    for (const category of INCIDENT_CATEGORIES) expect(after.hours[category]).toEqual({ ...before.hours[category], in_progress: 0.25, reported: 2160 });

    const rows = await incidentRows(taoyuan);
    const overdueAfter = rows.filter((row) => expected(row, after.hours, clock).overdue);
    const countAfter = overdueAfter.length;
    // The change matters to this community: the overdue incidents are not the same ones (their number may by chance be).
    expect(overdueAfter.map((row) => row.id).sort(), 'the change matters to this community').not.toEqual(overdueBefore.map((row) => row.id).sort());
    const newlyOverdue = rows.filter((row) => row.status === 'in_progress' && expected(row, after.hours, clock).overdue && !expected(row, before.hours, clock).overdue);
    expect(newlyOverdue.map((row) => row.id)).toContain(working);
    expect(await overdueKpi(taoyuan)).toBe(countAfter);

    const listed = await openListOf(taoyuan);
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(listed.length).toBe(rows.filter((row) => row.status !== 'closed').length);
    for (const item of listed) expect({ id: item.id, overdue: item.overdue, dueAt: item.dueAt }).toEqual({ id: item.id, ...expected(byId.get(item.id)!, after.hours, clock) });

    // The search (an area over the whole community) gives the same flags.
    const box = (await testApp.app.pg.query(`SELECT ST_AsGeoJSON(ST_Envelope(geom)) AS box FROM areas WHERE id = $1`, [taoyuan])).rows[0].box;
    const search = await sessions.admin({ method: 'POST', url: '/api/incidents/search', payload: { area: JSON.parse(box), community: taoyuan, statuses: ['in_progress'], limit: 5000 } });
    expect(search.statusCode, search.body).toBe(200);
    const found = search.json().features.map((feature: { properties: IncidentProperties }) => feature.properties) as IncidentProperties[];
    expect(found.length).toBeGreaterThan(0);
    for (const item of found) expect(item.overdue).toBe(expected(byId.get(item.id)!, after.hours, clock).overdue);

    // Back to the defaults, and the count with them.
    const restore = await put(sessions.admin, { hours: before.hours });
    expect(restore.statusCode, restore.body).toBe(200);
    expect(await overdueKpi(taoyuan)).toBe(countBefore);
  });

  it('records who set a limit and when; a limit sent unchanged keeps its history', async () => {
    clock = new Date(start + 4 * HOUR);
    const response = await put(sessions.admin, { hours: { neighbour_dispute: { verified: 12.5 } } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ updatedBy: '系统管理员', updatedAt: iso(clock.getTime()) });
    expect(response.json().hours.neighbour_dispute.verified).toBe(12.5);
    clock = new Date(start + 5 * HOUR);
    expect((await put(sessions.admin, { hours: { neighbour_dispute: { verified: 12.5 } } })).json().updatedAt).toBe(iso(start + 4 * HOUR));
    const row = (await limitRows()).find((item) => item.category === 'neighbour_dispute' && item.status === 'verified');
    expect(row).toMatchObject({ hours: 12.5, updated_by: '系统管理员' });
    expect(row.updated_at.getTime()).toBe(start + 4 * HOUR);
  });

  it('refuses a PUT from every other role (403) and from a read-only token, and writes nothing', async () => {
    const body = { hours: { sanitation: { reported: 1 } } };
    const before = { rows: await limitRows(), counts: await tableCounts(testApp.app) };
    for (const session of [sessions.leader, sessions.analyst, sessions.planner, sessions.staff]) {
      const response = await put(session, body);
      expect(response.statusCode, `${session.user.role}: ${response.body}`).toBe(403);
      expect(response.json().error).toBe('forbidden');
    }
    const made = await sessions.admin({ method: 'POST', url: '/api/display-tokens', payload: { label: '时限测试大屏' } });
    expect(made.statusCode, made.body).toBe(201);
    const byToken = await testApp.app.inject({ method: 'PUT', url: '/api/time-limits', payload: body, headers: { authorization: `Bearer ${made.json().token}` } });
    expect(byToken.statusCode).toBe(403);
    // The token may read, like any signed-in user.
    expect((await testApp.app.inject({ url: '/api/time-limits', headers: { authorization: `Bearer ${made.json().token}` } })).statusCode).toBe(200);
    expect((await testApp.app.inject({ method: 'PUT', url: '/api/time-limits', payload: body })).statusCode).toBe(401);
    const counts = await tableCounts(testApp.app);
    expect(await limitRows()).toEqual(before.rows);
    expect(counts).toEqual({ ...before.counts, display_tokens: before.counts.display_tokens + 1 });
  });

  it('answers a bad body with 400 naming the field and the reason, and writes nothing, not even its good part', async () => {
    const before = { rows: await limitRows(), counts: await tableCounts(testApp.app) };
    const cases: { body: unknown; field: string; reason: RegExp }[] = [
      { body: {}, field: 'body.hours', reason: /is required/ },
      { body: { hours: {} }, field: 'body.hours', reason: /at least one/ },
      { body: { hours: null }, field: 'body.hours', reason: /must be an object/ },
      { body: { hours: { sanitation: { reported: 2 } }, note: 'x' }, field: 'body.note', reason: /not a known field/ },
      { body: { hours: { graffiti: { reported: 2 } } }, field: 'body.hours.graffiti', reason: /not a known field; known fields: illegal_occupation/ },
      { body: { hours: { sanitation: {} } }, field: 'body.hours.sanitation', reason: /at least one/ },
      { body: { hours: { sanitation: { lost: 2 } } }, field: 'body.hours.sanitation.lost', reason: /not a known field; known fields: reported, assigned, in_progress, verified, returned/ },
      { body: { hours: { sanitation: { closed: 2 } } }, field: 'body.hours.sanitation.closed', reason: /closed incident has no time limit/ },
      { body: { hours: { sanitation: { reported: 0 } } }, field: 'body.hours.sanitation.reported', reason: /at least 0.25/ },
      { body: { hours: { sanitation: { reported: -4 } } }, field: 'body.hours.sanitation.reported', reason: /at least 0.25/ },
      { body: { hours: { sanitation: { reported: 2161 } } }, field: 'body.hours.sanitation.reported', reason: /at most 2160/ },
      { body: { hours: { sanitation: { reported: 1.1 } } }, field: 'body.hours.sanitation.reported', reason: /multiple of 0.25/ },
      { body: { hours: { sanitation: { reported: '2' } } }, field: 'body.hours.sanitation.reported', reason: /must be a number/ },
      { body: { hours: { sanitation: { reported: null } } }, field: 'body.hours.sanitation.reported', reason: /must be a number/ },
      // A good limit beside a bad one: neither is written.
      { body: { hours: { sanitation: { reported: 2 }, safety_hazard: { assigned: 0 } } }, field: 'body.hours.safety_hazard.assigned', reason: /at least 0.25/ },
    ];
    for (const { body, field, reason } of cases) {
      const response = await put(sessions.admin, body);
      expect(response.statusCode, `${JSON.stringify(body)}: ${response.body}`).toBe(400);
      const answer = response.json();
      expect(answer.error).toBe('invalid_request');
      expect(answer.details[0].field, JSON.stringify(body)).toBe(field);
      expect(answer.details[0].reason, JSON.stringify(body)).toMatch(reason);
      expect(answer.message).toContain(field);
    }
    const notJson = await sessions.admin({ method: 'PUT', url: '/api/time-limits', payload: '{"hours":', headers: { 'content-type': 'application/json' } });
    expect(notJson.statusCode).toBe(400);
    expect(await limitRows()).toEqual(before.rows);
    expect(await tableCounts(testApp.app)).toEqual(before.counts);
  });

  it.skipIf(testBackend() !== 'postgresql')('holds at once on every server process on the database: a limit set through one process flags incidents on another', { timeout: 120_000 }, async () => {
    const copy = await copyTestDatabase();
    const one = await startServerProcess({ database: copy });
    const two = await startServerProcess({ database: copy });
    const client = new pg.Client({ connectionString: (copy.database as { url: string }).url });
    await client.connect();
    try {
      // An assigned 环境卫生 incident that entered its status two hours ago (by the database's clock, which the processes share).
      const row = (await client.query(`SELECT id::int AS id, community_id FROM incidents WHERE status = 'assigned' AND category = 'sanitation' ORDER BY id LIMIT 1`)).rows[0];
      await client.query(`UPDATE incidents SET updated_at = now() - interval '2 hours' WHERE id = $1`, [row.id]);
      const adminOne = await httpSession(one.baseUrl, 'admin');
      const adminTwo = await httpSession(two.baseUrl, 'admin');
      const overdueOn = async (session: typeof adminOne) => ((await (await session(`/api/incidents/${row.id}`)).json()) as { properties: IncidentProperties }).properties.overdue;
      const set = async (session: typeof adminOne, hours: number) => {
        const response = await session('/api/time-limits', { method: 'PUT', json: { hours: { sanitation: { assigned: hours } } } });
        expect(response.status, await response.clone().text()).toBe(200);
      };
      expect([await overdueOn(adminOne), await overdueOn(adminTwo)]).toEqual([false, false]);
      await set(adminOne, 1);
      expect([await overdueOn(adminTwo), await overdueOn(adminOne)]).toEqual([true, true]);
      await set(adminTwo, 3);
      expect([await overdueOn(adminOne), await overdueOn(adminTwo)]).toEqual([false, false]);
    } finally {
      await client.end();
      await one.stop();
      await two.stop();
      await copy.drop();
    }
  });
});
