import { describe, expect, it } from 'vitest';
import { parseEventStream } from '../../../client/src/api/live-events.ts';

describe('reading the live event stream', () => {
  it('splits events with ids, names and data, skips comments, and keeps an unfinished event for the next chunk', () => {
    const first = parseEventStream('retry: 3000\n\n: keep-alive\n\nid: 41\nevent: incident.reported\ndata: {"id":7}\n\nid: 42\nevent: incident.mo');
    expect(first.messages).toEqual([{ id: 41, event: 'incident.reported', data: '{"id":7}' }]);
    const second = parseEventStream(first.rest + 'ved\ndata: {"id":7,"to":"assigned"}\n\n');
    expect(second.messages).toEqual([{ id: 42, event: 'incident.moved', data: '{"id":7,"to":"assigned"}' }]);
    expect(second.rest).toBe('');
  });

  it('reads CRLF line ends, multi-line data, and events without a name as "message"', () => {
    const { messages } = parseEventStream('id: 1\r\ndata: a\r\ndata: b\r\n\r\nevent: reset\ndata: {"reason":"reload"}\n\n');
    expect(messages).toEqual([
      { id: 1, event: 'message', data: 'a\nb' },
      { id: null, event: 'reset', data: '{"reason":"reload"}' },
    ]);
  });
});
