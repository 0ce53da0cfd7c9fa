import { pointOnFeature } from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSession, startServerProcess, type ServerProcess } from '../../helpers/server-process.ts';
import { testBackend } from '../../helpers/test-database.ts';

// Several people at once, each with their own session, on a real server process. On the embedded
// database this used to answer requests as another user, give false 401/403/422/500s, and then crash.

const SECONDS = Number(process.env.CONCURRENCY_TEST_SECONDS ?? 30);

type Session = Awaited<ReturnType<typeof httpSession>>;

describe(`several users at once (${testBackend()})`, () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess();
  });
  afterAll(() => server?.stop());

  it(`answers 4 writer and 4 reader loops for ${SECONDS} s, each as its own user, with no 5xx, and stays up`, { timeout: (SECONDS + 120) * 1000 }, async () => {
    const [taoyuan, xianya, analyst, leader, admin, planner] = await Promise.all(
      ['staff_taoyuan', 'staff_xianya', 'analyst', 'leader', 'admin', 'planner'].map((username) => httpSession(server.baseUrl, username)),
    );
    // A point inside a grid of each writer's community, where a report lands in that community.
    const pointIn = async (session: Session) => {
      const grids = (await (await session(`/api/grids?community=${session.user.communityIds[0]}&limit=1`)).json()) as { features: Feature<Polygon>[] };
      return pointOnFeature(grids.features[0]).geometry.coordinates;
    };
    const places = new Map<Session, number[]>([
      [taoyuan, await pointIn(taoyuan)],
      [xianya, await pointIn(xianya)],
    ]);

    const problems: string[] = [];
    const counts = { requests: 0, writes: 0, reads: 0 };
    const deadline = Date.now() + SECONDS * 1000;
    const note = (what: string) => {
      if (problems.length < 50) problems.push(what);
    };
    // The bodies are JSON of several routes, read by checks that each test the shape they expect (a missing field
    // counts as a problem), so they are untyped here on purpose.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const check = async (label: string, response: Response, expectedStatus: number, verify?: (body: any) => string | null) => {
      counts.requests++;
      const text = await response.text();
      if (response.status !== expectedStatus) return note(`${label}: ${response.status} (expected ${expectedStatus}) ${text.slice(0, 160)}`);
      if (!verify) return;
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return note(`${label}: not JSON: ${text.slice(0, 160)}`);
      }
      const wrong = verify(body);
      if (wrong) note(`${label}: ${wrong}`);
    };

    // Writers: report an incident in their own community and move it two steps; every answer must be about their incident.
    const writer = async (session: Session) => {
      const community = session.user.communityIds[0];
      for (let round = 0; Date.now() < deadline; round++) {
        const title = `${session.user.username} 并发 ${round}`;
        const created = await session('/api/incidents', { method: 'POST', json: { category: 'sanitation', title, location: { type: 'Point', coordinates: places.get(session) } } });
        let id: number | null = null;
        await check(`${session.user.username} report`, created, 201, (body) => {
          id = body?.properties?.id ?? null;
          if (body?.properties?.title !== title) return `answered with another incident: ${JSON.stringify(body?.properties?.title)}`;
          if (body.properties.communityId !== community) return `incident in community ${body.properties.communityId}, not ${community}`;
          return null;
        });
        if (id === null) continue;
        for (const [from, to] of [['reported', 'assigned'], ['assigned', 'in_progress']]) {
          const moved = await session(`/api/incidents/${id}/transitions`, { method: 'POST', json: { from, to } });
          await check(`${session.user.username} move ${from}→${to}`, moved, 200, (body) => {
            if (body?.properties?.id !== id) return `answered with incident ${body?.properties?.id}, not ${id}`;
            if (body.properties.status !== to) return `status ${body.properties.status}, not ${to}`;
            const last = body.properties.events?.at(-1);
            return last?.actor === session.user.displayName ? null : `last event by ${last?.actor}, not ${session.user.displayName}`;
          });
        }
        counts.writes++;
      }
    };

    // Readers: each checks the answer is theirs.
    const sessionReader = async (session: Session) => {
      while (Date.now() < deadline) {
        await check(`${session.user.username} session`, await session('/api/session'), 200, (body) =>
          body?.user?.username === session.user.username ? null : `answered as ${body?.user?.username}`,
        );
        counts.reads++;
      }
    };
    const adminReader = async () => {
      while (Date.now() < deadline) {
        await check('admin users', await admin('/api/users'), 200, (body) => (Array.isArray(body?.users) && body.users.length >= 6 ? null : 'no user list'));
        // A grid_staff user must never get the admin-only list.
        await check('staff_taoyuan users', await taoyuan('/api/users'), 403);
        counts.reads++;
      }
    };
    const plannerReader = async () => {
      while (Date.now() < deadline) {
        await check('planner grids', await planner('/api/grids?limit=50'), 200, (body) =>
          body?.features?.every((grid: Feature) => planner.user.communityIds.includes(grid.properties?.communityId)) ? null : 'a grid outside the planner’s communities',
        );
        counts.reads++;
      }
    };

    await Promise.all([writer(taoyuan), writer(taoyuan), writer(xianya), writer(xianya), sessionReader(analyst), sessionReader(leader), adminReader(), plannerReader()]);

    console.log(`[concurrency ${testBackend()}] ${counts.requests} requests in ${SECONDS} s (${counts.writes} report+move rounds, ${counts.reads} read rounds)`);
    expect(problems).toEqual([]);
    expect(counts.writes).toBeGreaterThan(8);
    expect(server.alive()).toBe(true);
    expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(200);
  });
});
