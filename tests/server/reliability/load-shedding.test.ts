import { spawn } from 'node:child_process';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSession, startServerProcess, type ServerProcess } from '../../helpers/server-process.ts';
import { testBackend } from '../../helpers/test-database.ts';

// 32 analysts running heavy searches at once used to make every request wait (p99 10 s) and
// 32 clients polling /api/health slowed everyone from 20 ms to 2 s. Now heavy queries are admitted a few
// at a time, the rest are told to come back (503 + Retry-After) instead of waiting, and health costs nothing.

const SECONDS = Number(process.env.LOAD_TEST_SECONDS ?? 30);
const SEARCHERS = 32;
/** A search must be answered, or turned away, within this. */
const MAX_SEARCH_MS = 5000;
const MAX_HEALTH_MS = 200;

/** Pings /api/health every 250 ms until the deadline (argv: base URL, deadline), then prints the latencies as JSON. */
const HEALTH_PROBER = `
const [baseUrl, deadline] = process.argv.slice(1);
const latencies = [], statuses = [];
(async () => {
  // The first fetch of a new process loads and compiles the HTTP client: not the server's time.
  await (await fetch(baseUrl + '/api/health')).arrayBuffer();
  while (Date.now() < Number(deadline)) {
    const started = performance.now();
    const response = await fetch(baseUrl + '/api/health');
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
    statuses.push(response.status);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  process.stdout.write(JSON.stringify({ latencies, statuses }));
})();`;

/** 32 clients searching until the deadline (argv: base URL, session cookie, deadline, area), then the searches as JSON. */
const SEARCHERS_SCRIPT = `
const [baseUrl, cookie, deadline, area] = process.argv.slice(1);
const searches = [];
const searcher = async () => {
  while (Date.now() < Number(deadline)) {
    const started = performance.now();
    const response = await fetch(baseUrl + '/api/incidents/search', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ area: JSON.parse(area), limit: 2000 }) });
    await response.arrayBuffer();
    searches.push({ status: response.status, ms: performance.now() - started, retryAfter: response.headers.get('retry-after') });
    // A client told to come back does so after a moment, as the web client does.
    if (response.status === 503) await new Promise((resolve) => setTimeout(resolve, 250));
  }
};
Promise.all(Array.from({ length: ${SEARCHERS} }, searcher)).then(() => process.stdout.write(JSON.stringify(searches)));`;

describe(`32 heavy searches at once (${testBackend()})`, () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess();
  });
  afterAll(() => server?.stop());

  it(`keeps /api/health under ${MAX_HEALTH_MS} ms and answers or turns away every search within ${MAX_SEARCH_MS / 1000} s`, { timeout: (SECONDS + 120) * 1000 }, async () => {
    const analyst = await httpSession(server.baseUrl, 'analyst');
    const admin = await httpSession(server.baseUrl, 'admin');
    // A search over the whole county town of 桐柏: thousands of matches, a page of 2,000 and the summary over all.
    const area = { type: 'Polygon', coordinates: [[[110.9, 32.2], [113.9, 32.2], [113.9, 33.9], [110.9, 33.9], [110.9, 32.2]]] };
    // Warm up first (the first search compiles the route's code paths): the test is about the steady state under load.
    for (let index = 0; index < 3; index++) await (await analyst('/api/incidents/search', { method: 'POST', json: { area, limit: 2000 } })).arrayBuffer();
    const deadline = Date.now() + SECONDS * 1000;

    // The 32 searching clients run in a process of their own, at a lower priority: in the field they are 32 other
    // computers, and here their own work (reading 2,000-feature pages) must not take the CPU the server is measured on.
    // Health is timed from another process at normal priority, so that the busy clients do not delay the measurement.
    const run = <T>(script: string, args: string[], priority: number) =>
      new Promise<T>((resolve, reject) => {
        const child = spawn(process.execPath, ['-e', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
        if (priority !== 0) os.setPriority(child.pid!, priority);
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(output) as T) : reject(new Error(`${script.slice(0, 40)}… exited with ${code}`))));
      });
    const [searches, { latencies: health, statuses: healthStatuses }] = await Promise.all([
      run<{ status: number; ms: number; retryAfter: string | null }[]>(SEARCHERS_SCRIPT, [server.baseUrl, analyst.cookie, String(deadline), JSON.stringify(area)], 10),
      run<{ latencies: number[]; statuses: number[] }>(HEALTH_PROBER, [server.baseUrl, String(deadline)], 0),
    ]);

    const answered = searches.filter((search) => search.status === 200);
    const turnedAway = searches.filter((search) => search.status === 503);
    const other = searches.filter((search) => search.status !== 200 && search.status !== 503);
    const slowest = Math.max(...searches.map((search) => search.ms));
    const sortedHealth = [...health].sort((a, b) => a - b);
    console.log(
      `[load ${testBackend()}] ${searches.length} searches: ${answered.length} answered, ${turnedAway.length} turned away; slowest ${slowest.toFixed(0)} ms; ` +
        `health n=${health.length} p50 ${sortedHealth[Math.floor(health.length / 2)].toFixed(1)} ms max ${sortedHealth.at(-1)!.toFixed(1)} ms; slowest at ${health.map((ms, index) => [ms, index]).sort((a, b) => b[0] - a[0]).slice(0, 5).map(([ms, index]) => `#${index}: ${ms.toFixed(0)}`).join(", ")}`,
    );
    const details = (await (await admin('/api/health/details')).json()) as { eventLoopDelayMs: unknown; heavyQueries: { turnedAway: number; running: number; waiting: number } };
    console.log(`[load ${testBackend()}] server event-loop delay ${JSON.stringify(details.eventLoopDelayMs)}; heavy queries ${JSON.stringify(details.heavyQueries)}`);
    expect(other.map((search) => search.status)).toEqual([]);
    expect(healthStatuses.filter((status) => status !== 200)).toEqual([]);
    expect(answered.length).toBeGreaterThan(0);
    // Whether any search is turned away depends on how fast this machine answers them (a fast one keeps up
    // within the queue limit); tests/server/plugins/admission.test.ts pins the rule itself with a fixed clock.
    // Here: what the clients were told matches what the server counted, and nothing is left in line.
    expect(details.heavyQueries.turnedAway).toBe(turnedAway.length);
    expect(details.heavyQueries).toMatchObject({ running: 0, waiting: 0 });
    expect(turnedAway.every((search) => Number(search.retryAfter) > 0)).toBe(true);
    expect(slowest).toBeLessThan(MAX_SEARCH_MS);
    expect(sortedHealth.at(-1)).toBeLessThan(MAX_HEALTH_MS);
    expect(server.alive()).toBe(true);
  });
});
