import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AdmissionQueue } from '../../../server/plugins/admission.ts';
import { HttpError } from '../../../server/http-errors.ts';
import { build, type TestApp } from '../../helpers/build.ts';
import { loginAs } from '../../helpers/session.ts';
import { testBackend } from '../../helpers/test-database.ts';

// The admission rule on its own, with a fixed clock: how many run, who waits, who is turned away and when.
// (The load test shows it under real load; whether any search is turned away there depends on the machine's speed.)
describe('heavy-query admission', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at most `concurrency` at once and admits the waiters in arrival order as holders finish', async () => {
    const queue = new AdmissionQueue(2, 1000);
    const order: string[] = [];
    const enter = (name: string) => queue.enter().then((release) => (order.push(name), release));
    const [a, b] = await Promise.all([enter('a'), enter('b')]);
    const c = enter('c');
    const d = enter('d');
    await vi.advanceTimersByTimeAsync(10);
    expect(order).toEqual(['a', 'b']);
    expect(queue.statistics).toMatchObject({ running: 2, waiting: 2 });
    b();
    b(); // releasing twice frees one place, not two
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(queue.statistics).toMatchObject({ running: 2, waiting: 1 });
    a();
    (await c)();
    (await d)();
    expect(queue.statistics).toMatchObject({ running: 0, waiting: 0, admitted: 4, turnedAway: 0 });
  });

  it('turns a waiter away with 503 overloaded and a Retry-After once it has waited maxWaitMs, and not before', async () => {
    const queue = new AdmissionQueue(1, 2000);
    const holder = await queue.enter();
    const waiter = queue.enter();
    const outcome = waiter.then(
      () => 'admitted',
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(1999);
    expect(queue.statistics).toMatchObject({ waiting: 1, turnedAway: 0 });
    await vi.advanceTimersByTimeAsync(1);
    const error = (await outcome) as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ statusCode: 503, code: 'overloaded' });
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(queue.statistics).toMatchObject({ running: 1, waiting: 0, turnedAway: 1 });
    // The one turned away does not take the place when the holder finishes: the next arrival does.
    holder();
    const next = await queue.enter();
    expect(queue.statistics).toMatchObject({ running: 1, admitted: 2 });
    next();
  });
});

// The same rule in the running app, over real HTTP: searches are POSTs, whose request stream ends (and is destroyed)
// once the body is read. That once counted as "the client left", gave the place back at once and let every
// search run together (eight page queries side by side on two cores, /api/health at 260 ms).
describe(`heavy-query admission over HTTP (${testBackend()})`, () => {
  let testApp: TestApp;
  let baseUrl: string;
  let cookie: string;
  const area = { type: 'Polygon', coordinates: [[[110.9, 32.2], [113.9, 32.2], [113.9, 33.9], [110.9, 33.9], [110.9, 32.2]]] };

  beforeAll(async () => {
    testApp = await build({ heavyConcurrency: 1, heavyQueueMs: 60_000 });
    await testApp.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`;
    cookie = `gridatlas_session=${(await loginAs(testApp.app, 'analyst')).cookie}`;
  });
  afterAll(() => testApp?.close());

  const search = (signal?: AbortSignal) =>
    fetch(`${baseUrl}/api/incidents/search`, { method: 'POST', signal, headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ area, limit: 2000 }) });

  /** Samples the queue on every turn of the event loop until `done` settles; the most seen running and waiting. */
  async function watch(done: Promise<unknown>): Promise<{ running: number; waiting: number }> {
    let finished = false;
    void done.finally(() => (finished = true)).catch(() => {});
    const most = { running: 0, waiting: 0 };
    while (!finished) {
      const { running, waiting } = testApp.app.heavyQueries.statistics;
      most.running = Math.max(most.running, running);
      most.waiting = Math.max(most.waiting, waiting);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return most;
  }

  it('runs one POSTed search at a time, holding the place until its answer is written, and the others wait their turn', async () => {
    const before = testApp.app.heavyQueries.statistics.admitted;
    const searches = Promise.all(Array.from({ length: 4 }, async () => {
      const response = await search();
      const body = await response.json();
      return { status: response.status, returned: body.numberReturned as number };
    }));
    const most = await watch(searches);
    const results = await searches;
    expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200]);
    expect(results.every((result) => result.returned === 2000)).toBe(true);
    expect(most.running).toBe(1);
    expect(most.waiting).toBeGreaterThanOrEqual(2);
    expect(testApp.app.heavyQueries.statistics).toMatchObject({ running: 0, waiting: 0, admitted: before + 4 });
  });

  it('does not let a client that gave up while waiting keep a place: the next search runs and the queue empties', async () => {
    const first = search();
    const leaving = new AbortController();
    const second = search(leaving.signal).catch((error: Error) => error.name);
    await vi.waitFor(() => expect(testApp.app.heavyQueries.statistics.waiting).toBe(1), { timeout: 10_000, interval: 5 });
    leaving.abort();
    expect(await second).toBe('AbortError');
    expect((await first).status).toBe(200);
    const third = await search();
    expect(third.status).toBe(200);
    await third.arrayBuffer();
    await vi.waitFor(() => expect(testApp.app.heavyQueries.statistics).toMatchObject({ running: 0, waiting: 0 }), { timeout: 10_000, interval: 5 });
  });
});
