// A display token is a secret: after the answer that issued it, no response may carry it to anyone who did not
// send it in their URL. Sent as a header, it appears nowhere. Sent in the URL (desktop GIS does that), it is kept
// only in the `links` that lead back to the caller's own URL, so that paging works the same way it was asked
// for (docs/api.md), and nowhere else. A revoked token and an expired session each get their own error code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helpers/build.ts';
import { loginAs, type Session } from '../../helpers/session.ts';
import { testBackend } from '../../helpers/test-database.ts';

let testApp: TestApp;
let leader: Session;
let taoyuan: number;

beforeAll(async () => {
  testApp = await build();
  leader = await loginAs(testApp.app, 'leader');
  taoyuan = (await testApp.app.pg.query(`SELECT id FROM areas WHERE name = '桃园社区'`)).rows[0].id;
});
afterAll(() => testApp.close());

describe(`display tokens (${testBackend()})`, () => {
  it('never appear in a response body after they were issued, however they are sent', async () => {
    const created = await leader({ method: 'POST', url: '/api/display-tokens', payload: { label: '指挥中心大屏' } });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    const incident = (await testApp.app.pg.query(`SELECT id FROM incidents WHERE community_id = $1 ORDER BY id LIMIT 1`, [taoyuan])).rows[0].id;
    // Everything /screen asks for, and a few answers that echo the request (errors, next links).
    const urls = [
      '/api/session',
      '/api/areas',
      `/api/communities/${taoyuan}`,
      `/api/grids?community=${taoyuan}&limit=2`,
      `/api/buildings?community=${taoyuan}&limit=2`,
      `/api/service-points?community=${taoyuan}`,
      `/api/volunteer-teams?community=${taoyuan}&members=true&limit=1`,
      `/api/patrols?community=${taoyuan}&limit=1`,
      `/api/patrols/coverage?community=${taoyuan}`,
      `/api/incidents?community=${taoyuan}&limit=2`,
      `/api/incidents/${incident}`,
      `/api/stats/incidents?area=${taoyuan}`,
      '/api/basemap/config',
      '/api/basemap/style.json?theme=dark',
      '/api/basemap/communities.geojson',
      '/api/display-tokens',
      `/api/grids?community=${taoyuan}&unknown=1`,
      `/api/incidents/999999999`,
      `/api/communities/0`,
      `/api/incidents/export?community=${taoyuan}`,
    ];
    const seen: string[] = [];
    for (const url of urls) {
      const withQuery = `${url}${url.includes('?') ? '&' : '?'}token=${token}`;
      for (const request of [
        { url, headers: { authorization: `Bearer ${token}` } },
        { url: withQuery },
        { url: withQuery, headers: { authorization: `Bearer ${token}` } },
      ]) {
        const response = await testApp.app.inject(request);
        seen.push(`${response.statusCode} ${request.url}`);
        const inUrl = request.url.includes('token=');
        // What a caller with the token in its URL gets back besides its own links.
        let body = response.body;
        const headers = { ...response.headers };
        if (inUrl && /json/.test(String(response.headers['content-type']))) {
          const parsed = JSON.parse(body) as { links?: { href: string }[] };
          for (const link of parsed.links ?? []) expect(new URL(link.href).pathname).toBe(new URL(request.url, 'http://localhost').pathname);
          delete parsed.links;
          body = JSON.stringify(parsed);
          delete headers.link;
        }
        expect(body, `${request.url} (${request.headers ? 'header' : 'query'})`).not.toContain(token);
        expect(JSON.stringify(headers)).not.toContain(token);
        // The token in the URL as well as in the header is not "an unknown field".
        expect(response.statusCode, `${request.url}: ${response.body}`).not.toBe(401);
      }
    }
    expect(seen.filter((line) => line.startsWith('200')).length).toBeGreaterThanOrEqual(45);
    expect((await leader({ url: '/api/display-tokens' })).body).not.toContain(token);
    expect((await leader({ method: 'DELETE', url: `/api/display-tokens/${id}` })).statusCode).toBe(204);
  });

  it('answers token_revoked for a revoked token and session_expired for an ended session, each with a message', async () => {
    const { id, token } = (await leader({ method: 'POST', url: '/api/display-tokens', payload: { label: '会议室' } })).json();
    expect((await testApp.app.inject({ url: '/api/areas', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    await leader({ method: 'DELETE', url: `/api/display-tokens/${id}` });
    for (const request of [{ url: '/api/areas', headers: { authorization: `Bearer ${token}` } }, { url: `/api/areas?token=${token}` }]) {
      const revoked = await testApp.app.inject(request);
      expect(revoked.statusCode).toBe(401);
      expect(revoked.json().error).toBe('token_revoked');
      expect(revoked.body).not.toContain(token);
    }
    const listed = (await leader({ url: '/api/display-tokens' })).json().tokens.find((item: { id: number }) => item.id === id);
    expect(listed.revokedAt).not.toBeNull();

    const planner = await loginAs(testApp.app, 'planner');
    await testApp.app.pg.query(`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [planner.user.id]);
    const expired = await planner({ url: '/api/areas' });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error).toBe('session_expired');
    const anonymous = await testApp.app.inject({ url: '/api/areas' });
    expect(anonymous.json().error).toBe('unauthorized');
  });

  it('lets only leaders and admins make and revoke tokens; others get forbidden', async () => {
    const analyst = await loginAs(testApp.app, 'analyst');
    const refused = await analyst({ method: 'POST', url: '/api/display-tokens', payload: { label: 'x' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toBe('forbidden');
    const empty = await leader({ method: 'POST', url: '/api/display-tokens', payload: { label: '' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toMatch(/body\.label/);
  });
});
