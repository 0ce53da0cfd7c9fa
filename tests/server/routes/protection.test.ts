import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loggerOptions } from '../../../server/app.ts';
import { readConfig } from '../../../server/config.ts';
import { DEMO_PASSWORD } from '../../../server/seed/demo-users.ts';
import { build, type TestApp } from '../../helpers/build.ts';
import { loginAs } from '../../helpers/session.ts';
import { openTestDatabase, testBackend } from '../../helpers/test-database.ts';

// How the server defends itself: login rate limits, security headers, same-origin writes, secure
// cookies behind HTTPS, secrets kept out of the logs, and 503 (not 500) when a statement runs too long.

const WINDOW_MS = 3000;

/** Polls until `condition` holds, for at most `timeoutMs`. */
async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe(`protection (${testBackend()})`, () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await build({ loginRateLimit: { max: 10, windowMs: WINDOW_MS }, trustProxy: true });
  });
  afterAll(() => testApp.close());

  const login = (username: string, password: string, headers: Record<string, string> = {}) =>
    testApp.app.inject({ method: 'POST', url: '/api/session', payload: { username, password }, headers });

  it('answers the 11th wrong password in a window with 429 and Retry-After, and lets the right one in after the window', async () => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await login('leader', `wrong-${attempt}`);
      expect(response.statusCode, `attempt ${attempt}`).toBe(401);
    }
    const eleventh = await login('leader', 'wrong-11');
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json()).toMatchObject({ error: 'rate_limited', message: expect.stringMatching(/Too many login attempts for this user/) });
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(0);
    // Not even the right password gets through inside the window…
    expect((await login('leader', DEMO_PASSWORD)).statusCode).toBe(429);
    // …another user is not affected…
    expect((await login('analyst', DEMO_PASSWORD)).statusCode).toBe(200);
    // …and after the window the right password works.
    await until(async () => (await login('leader', DEMO_PASSWORD)).statusCode === 200, WINDOW_MS * 4, 'the login window to pass');
  });

  it('sends security headers on every kind of response: API, errors, the app page', async () => {
    const leader = await loginAs(testApp.app, 'staff_taoyuan');
    const responses = {
      json: await leader({ url: '/api/session' }),
      geojson: await leader({ url: '/api/grids?limit=1' }),
      unauthorised: await testApp.app.inject({ url: '/api/grids' }),
      notFound: await testApp.app.inject({ url: '/api/nothing-here' }),
      badRequest: await leader({ url: '/api/grids?limit=0' }),
      page: await testApp.app.inject({ url: '/screen' }),
    };
    for (const [name, response] of Object.entries(responses)) {
      const csp = String(response.headers['content-security-policy']);
      expect(csp, name).toContain("frame-ancestors 'none'");
      expect(csp, name).toContain("default-src 'self'");
      expect(csp, name).toMatch(/worker-src 'self' blob:/);
      expect(response.headers['x-frame-options'], name).toBe('DENY');
      expect(response.headers['x-content-type-options'], name).toBe('nosniff');
    }
  });

  it('refuses writes from another origin, and takes them from its own, from tools without Origin, and from the same site', async () => {
    const staff = await loginAs(testApp.app, 'staff_taoyuan');
    const body = { label: 'x' };
    const write = (headers: Record<string, string>) => staff({ method: 'DELETE', url: '/api/session', headers });
    const foreign = await staff({ method: 'POST', url: '/api/display-tokens', payload: body, headers: { origin: 'http://evil.example' } });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toMatchObject({ error: 'cross_origin', message: expect.stringContaining('http://evil.example') });
    const crossSite = await write({ 'sec-fetch-site': 'cross-site' });
    expect(crossSite.statusCode).toBe(403);
    // The session survived both attempts.
    expect((await staff({ url: '/api/session' })).statusCode).toBe(200);
    // inject() addresses the server as localhost:80.
    expect((await write({ origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(204);
    const again = await loginAs(testApp.app, 'staff_taoyuan');
    expect((await again({ method: 'DELETE', url: '/api/session' })).statusCode).toBe(204);
  });

  it('marks the session cookie Secure when the browser came over HTTPS (through a trusted proxy), not over plain HTTP', async () => {
    const overHttps = await login('planner', DEMO_PASSWORD, { 'x-forwarded-proto': 'https' });
    const overHttp = await login('planner', DEMO_PASSWORD);
    const cookie = (response: typeof overHttp) => String(response.headers['set-cookie']);
    expect(cookie(overHttps)).toMatch(/gridatlas_session=.*; Secure/);
    expect(cookie(overHttps)).toMatch(/HttpOnly/);
    expect(cookie(overHttp)).not.toMatch(/Secure/);
  });
});

describe(`login limits per address (${testBackend()})`, () => {
  it('stops one address trying many usernames, and not another address', async () => {
    // Three attempts per username, nine per address, in a minute.
    const testApp = await build({ loginRateLimit: { max: 3, windowMs: 60_000 }, trustProxy: true });
    try {
      const attempt = (username: string, address: string) =>
        testApp.app.inject({ method: 'POST', url: '/api/session', payload: { username, password: 'guess' }, headers: { 'x-forwarded-for': address } });
      const statuses: number[] = [];
      for (let index = 0; index < 10; index++) statuses.push((await attempt(`sprayed_${index}`, '203.0.113.9')).statusCode);
      expect(statuses).toEqual([...Array(9).fill(401), 429]);
      expect((await attempt('sprayed_0', '203.0.113.10')).statusCode).toBe(401);
      const right = await testApp.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'staff_xianya', password: DEMO_PASSWORD }, headers: { 'x-forwarded-for': '203.0.113.10' } });
      expect(right.statusCode).toBe(200);
    } finally {
      await testApp.close();
    }
  });
});

describe(`secrets stay out of the logs (${testBackend()})`, () => {
  it('logs a request with a display token in its URL and header without the token', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const database = await openTestDatabase();
    const config = { ...readConfig({}), seedOnEmpty: false, logLevel: 'info' };
    const app = await buildApp({ config, database, logger: { ...(loggerOptions(config) as object), transport: undefined, stream: sink } as never });
    try {
      await app.ready();
      const leaderLogin = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'leader', password: DEMO_PASSWORD } });
      const cookie = leaderLogin.cookies.find((item) => item.name === 'gridatlas_session')!.value;
      const made = await app.inject({ method: 'POST', url: '/api/display-tokens', payload: { label: '大屏' }, cookies: { gridatlas_session: cookie } });
      const token = made.json().token as string;
      expect(token.length).toBeGreaterThan(20);
      expect((await app.inject({ url: `/api/session?token=${token}` })).statusCode).toBe(200);
      expect((await app.inject({ url: '/api/areas', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
      expect((await app.inject({ url: `/api/grids?limit=1&token=${token}` })).statusCode).toBe(200);
      const log = lines.join('');
      expect(log).toMatch(/token=\[redacted\]/);
      expect(log).not.toContain(token);
      expect(log).not.toContain(cookie);
    } finally {
      await app.close();
      await database.close();
    }
  });
});

describe.skipIf(testBackend() !== 'postgresql')('a statement that runs too long', () => {
  it('is stopped by statement_timeout and answered with 503 and Retry-After, not 500', async () => {
    const testApp = await build();
    try {
      const analyst = await loginAs(testApp.app, 'analyst');
      // As if STATEMENT_TIMEOUT_MS were 20: every connection of the pool gets the short timeout.
      const pool = testApp.app.pg.pool;
      const clients = await Promise.all(Array.from({ length: pool.options.max }, () => pool.connect()));
      for (const client of clients) await client.query(`SET statement_timeout = '20ms'`);
      clients.forEach((client) => client.release());
      const response = await analyst({ method: 'POST', url: '/api/incidents/search', payload: { area: { type: 'Polygon', coordinates: [[[110.9, 32.2], [113.9, 32.2], [113.9, 33.9], [110.9, 33.9], [110.9, 32.2]]] } } });
      expect(response.statusCode).toBe(503);
      expect(response.json().error).toBe('timeout');
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await testApp.close();
    }
  });
});
