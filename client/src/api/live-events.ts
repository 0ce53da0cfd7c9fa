// The live stream (GET /api/events, Server-Sent Events) read with fetch, so that a wall display's token
// travels in a header as for every other request (EventSource cannot send one). Reconnects after a drop,
// sending Last-Event-ID so that nothing is missed; `reset` from the server means "reload everything".
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { authHeaders } from './http.ts';

export interface LiveMessage {
  id: number | null;
  event: string;
  data: string;
}

/** Splits Server-Sent Events text into messages; returns the messages and the unfinished rest. */
export function parseEventStream(text: string): { messages: LiveMessage[]; rest: string } {
  const messages: LiveMessage[] = [];
  const blocks = text.replaceAll('\r\n', '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let id: number | null = null;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id' && /^\d+$/.test(value)) id = Number(value);
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0 || id !== null) messages.push({ id, event, data: data.join('\n') });
  }
  return { messages, rest };
}

/** Reads the stream until `signal` aborts, reconnecting after `retryMs`; calls `onMessage` for each event. */
export async function followLiveEvents(onMessage: (message: LiveMessage) => void, signal: AbortSignal, retryMs = 3000): Promise<void> {
  let lastId: number | null = null;
  while (!signal.aborted) {
    try {
      const response = await fetch('/api/events', {
        headers: { ...authHeaders(), accept: 'text/event-stream', ...(lastId === null ? {} : { 'last-event-id': String(lastId) }) },
        credentials: 'same-origin',
        signal,
      });
      // Signed out or revoked: the view's other requests say so; a stream is not tried again.
      if (response.status === 401 || response.status === 403) return;
      if (!response.ok || !response.body) throw new Error(`GET /api/events answered ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parsed = parseEventStream(buffer + value);
        buffer = parsed.rest;
        for (const message of parsed.messages) {
          if (message.id !== null) lastId = message.id;
          const metrics = window.__gridatlasMetrics;
          if (metrics) {
            metrics.liveEventAt = performance.now();
            metrics.liveEvents = (metrics.liveEvents ?? 0) + 1;
          }
          onMessage(message);
        }
      }
    } catch {
      // A drop, a restart or an auth problem (the other requests report those): try again shortly.
    }
    if (signal.aborted) return;
    await new Promise((resolve) => setTimeout(resolve, retryMs));
  }
}

/** The data that live events change: incident lists, one incident, a community's figures, the statistics. */
const LIVE_QUERY_KEYS = new Set(['incidents', 'incident', 'community', 'incident-stats']);

/** The events that change incident data (a patrol's positions do not: the view that draws them listens itself). */
const isIncidentEvent = (message: LiveMessage) => message.event.startsWith('incident.') || message.event === 'reset';

/**
 * While mounted, refreshes the incident data as soon as the server reports a new incident or a move (a
 * burst of events within `settleMs` is one refresh), and hands every event to `onMessage` (e.g. patrol
 * positions). The views' polling stays as the fallback.
 */
export function useLiveRefresh(enabled = true, settleMs = 300, onMessage?: (message: LiveMessage) => void): void {
  const queryClient = useQueryClient();
  const listener = useRef(onMessage);
  useEffect(() => {
    listener.current = onMessage;
  }, [onMessage]);
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void queryClient.invalidateQueries({ predicate: (query) => LIVE_QUERY_KEYS.has(String(query.queryKey[0])) }), settleMs);
    };
    // Runs until the view unmounts; its errors are retried inside.
    void followLiveEvents((message) => {
      if (isIncidentEvent(message)) refresh();
      listener.current?.(message);
    }, controller.signal);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [enabled, settleMs, queryClient]);
}
