import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AdmissionQueue } from '../../../server/plugins/admission.ts';
import { HttpError } from '../../../server/http-errors.ts';

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
