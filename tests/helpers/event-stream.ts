// Reading GET /api/events as a client does: the events so far, and a wait for one that matches.
import { expect } from 'vitest';
import type { httpSession } from './server-process.ts';

export interface Received {
  id: number;
  event: string;
  data: {
    id?: number;
    properties?: { communityId: number; title: string; status: string };
    from?: string;
    to?: string;
    /** patrol.position */
    patrolId?: number;
    communityId?: number;
    team?: string;
    points?: [number, number, number][];
  };
}

/** An open event stream: the events so far, and a wait for one that matches. */
export async function openStream(baseUrl: string, session: Awaited<ReturnType<typeof httpSession>>, lastEventId?: number) {
  const controller = new AbortController();
  const response = await session('/api/events', { headers: lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) }, signal: controller.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events: Received[] = [];
  const waiters: (() => void)[] = [];
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(block.split('\n').filter((line) => !line.startsWith(':') && line.includes(': ')).map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]));
          if (fields.event) events.push({ id: Number(fields.id), event: fields.event, data: JSON.parse(fields.data) });
          for (const waiter of waiters.splice(0)) waiter();
        }
      }
    } catch {
      // aborted
    }
  })();
  const waitFor = async (match: (event: Received) => boolean, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = events.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events.map((event) => [event.id, event.event]))}`);
      // Woken by the next event, or at the deadline to report what did arrive.
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, Math.max(0, deadline - Date.now()));
      });
    }
  };
  return { events, waitFor, close: () => controller.abort() };
}

