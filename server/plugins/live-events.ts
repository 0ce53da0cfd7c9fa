// Live events for the wall and the analysts (GET /api/events, Server-Sent Events): new incidents, moves
// through the workflow and the positions of patrols under way. Every event is a row of live_events, written in
// the same transaction as the change, so a stream can resume from Last-Event-ID with nothing missed. Each
// server process reads new rows and fans them out to its own streams: woken at once by PostgreSQL's
// LISTEN/NOTIFY (which reaches every process on the database) or, on the embedded database, by the process's
// own writes; a short poll covers the rest.
import fp from 'fastify-plugin';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { runQuery, sql, type SqlFragment } from '../db/sql.ts';
import { incidentProperties } from '../repositories/collections/catalog.ts';
import { COORDINATE_DECIMALS } from '../repositories/collections/collection.ts';

export const LIVE_EVENT_KINDS = ['incident.reported', 'incident.moved', 'patrol.position'] as const;
export type LiveEventKind = (typeof LIVE_EVENT_KINDS)[number];

const CHANNEL = 'gridatlas_live_events';
/** Events are kept this long for streams that resume. */
const RETENTION_HOURS = 24;
/** The most events one resume replays; a stream further behind is told to reload. */
export const MAX_REPLAY = 2000;
/** The most open streams per process. */
export const MAX_STREAMS = 500;

export interface LiveEvent {
  id: number;
  communityId: number;
  kind: LiveEventKind;
  /** The event's data as JSON text. */
  data: string;
}

export interface LiveSubscriber {
  scope: number[];
  send(event: LiveEvent): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    liveEvents: LiveEventHub;
  }
}

export class LiveEventHub {
  private lastId = 0;
  private readonly subscribers = new Set<LiveSubscriber>();
  private fetching: Promise<void> | null = null;
  private again = false;

  constructor(private readonly pool: pg.Pool) {}

  get streams() {
    return this.subscribers.size;
  }

  /**
   * Records an incident event (the incident as a Feature, like the lists') inside the caller's transaction.
   */
  async recordIncident(client: pg.ClientBase, kind: LiveEventKind, incidentId: number, now: Date, extra: Record<string, unknown> = {}): Promise<void> {
    const feature: SqlFragment = sql`json_build_object('type', 'Feature', 'id', item.id, 'geometry', ST_AsGeoJSON(item.geom, ${sql.raw(String(COORDINATE_DECIMALS))})::json,
                                       'properties', row_to_json(properties))::jsonb || ${JSON.stringify(extra)}::jsonb`;
    await this.record(
      client,
      sql`SELECT item.community_id, ${kind}, ${feature}
            FROM incidents AS item CROSS JOIN LATERAL (SELECT ${incidentProperties(now)}) AS properties
           WHERE item.id = ${incidentId}`,
    );
  }

  /**
   * Records, inside the caller's transaction, the new GPS fixes of a patrol under way: `patrol.position` with
   * `{ patrolId, teamId, team, communityId, startedAt, points: [[longitude, latitude, epoch second], …] }`.
   */
  async recordPatrolPositions(client: pg.ClientBase, communityId: number, patrolId: number, points: Array<[number, number, number]>): Promise<void> {
    await this.record(
      client,
      sql`SELECT patrol.community_id, 'patrol.position',
                 jsonb_build_object('patrolId', patrol.id, 'teamId', patrol.team_id, 'team', team.name, 'communityId', patrol.community_id,
                                    'startedAt', patrol.started_at, 'points', ${JSON.stringify(points)}::jsonb)
            FROM patrols AS patrol JOIN volunteer_teams AS team ON team.id = patrol.team_id
           WHERE patrol.community_id = ${communityId} AND patrol.id = ${patrolId}`,
    );
  }

  /**
   * Inserts the (community_id, kind, data) rows `select` gives. The transaction-level lock makes events
   * commit in id order, so that a reader that has seen id N never later finds an id below N appear.
   */
  private async record(client: pg.ClientBase, select: SqlFragment): Promise<void> {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('${CHANNEL}'))`);
    await runQuery(client, sql`INSERT INTO live_events (community_id, kind, data) ${select}`);
    await client.query(`SELECT pg_notify('${CHANNEL}', '')`);
  }

  /** Starts reading from the newest event: streams get what happens from now on (or resume by id). */
  async start(): Promise<void> {
    const { rows } = await this.pool.query<{ id: string | null }>('SELECT max(id) AS id FROM live_events');
    this.lastId = Number(rows[0].id ?? 0);
  }

  subscribe(subscriber: LiveSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /**
   * Events in `scope` after `afterId` up to `upTo` (what a resuming stream missed); null when some of them
   * are no longer kept, or too many to replay: the stream is then told to reload.
   */
  async replay(afterId: number, upTo: number, scope: number[]): Promise<LiveEvent[] | null> {
    if (afterId >= upTo) return [];
    const oldest = (await this.pool.query<{ id: string | null }>('SELECT min(id) AS id FROM live_events')).rows[0].id;
    if (oldest === null || Number(oldest) > afterId + 1) return null;
    const { rows } = await runQuery<{ id: string; communityId: number; kind: LiveEventKind; data: string }>(
      this.pool,
      sql`SELECT id, community_id AS "communityId", kind, data::text AS data FROM live_events
           WHERE id > ${afterId} AND id <= ${upTo} AND community_id = ANY(${scope}::int[])
           ORDER BY id LIMIT ${MAX_REPLAY + 1}`,
    );
    if (rows.length > MAX_REPLAY) return null;
    return rows.map((row) => ({ id: Number(row.id), communityId: row.communityId, kind: row.kind, data: row.data }));
  }

  /** The id streams have been sent up to: a new stream's starting point. */
  get position() {
    return this.lastId;
  }

  /** Reads events after the last one seen and sends each to the streams whose scope holds its community. */
  poke(): Promise<void> {
    if (this.fetching) {
      this.again = true;
      return this.fetching;
    }
    this.fetching = (async () => {
      do {
        this.again = false;
        const { rows } = await runQuery<{ id: string; communityId: number; kind: LiveEventKind; data: string }>(
          this.pool,
          sql`SELECT id, community_id AS "communityId", kind, data::text AS data FROM live_events WHERE id > ${this.lastId} ORDER BY id LIMIT 1000`,
        );
        for (const row of rows) {
          const event = { id: Number(row.id), communityId: row.communityId, kind: row.kind, data: row.data };
          this.lastId = event.id;
          for (const subscriber of this.subscribers) if (subscriber.scope.includes(event.communityId)) subscriber.send(event);
        }
        if (rows.length === 1000) this.again = true;
      } while (this.again);
    })().finally(() => {
      this.fetching = null;
    });
    return this.fetching;
  }

  async prune(): Promise<void> {
    await this.pool.query(`DELETE FROM live_events WHERE created_at < now() - interval '${RETENTION_HOURS} hours'`);
  }
}

/** A dedicated connection that LISTENs, reconnecting when the database goes away; wakes the hub on NOTIFY. */
function listen(app: FastifyInstance, hub: LiveEventHub): () => Promise<void> {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    if (closed) return;
    const next = new pg.Client(app.database.connection);
    next.on('notification', () => void hub.poke().catch((error: Error) => app.log.warn({ err: error }, 'live events: read failed')));
    next.on('error', (error) => {
      app.log.warn({ err: error }, 'live events: the LISTEN connection failed; reconnecting');
      client = null;
      void next.end().catch(() => {});
      retry = setTimeout(() => void connect(), 2000);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
      client = next;
      // Anything written while not listening.
      await hub.poke();
    } catch (error) {
      app.log.warn({ err: error }, 'live events: cannot LISTEN yet; retrying');
      void next.end().catch(() => {});
      retry = setTimeout(() => void connect(), 2000);
    }
  };
  void connect();
  return async () => {
    closed = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}

export default fp(
  async (app) => {
    const hub = new LiveEventHub(app.pg.pool);
    app.decorate('liveEvents', hub);
    const warn = (error: Error) => app.log.warn({ err: error }, 'live events: read failed');
    let timers: NodeJS.Timeout[] = [];
    let stopListening: (() => Promise<void>) | null = null;
    app.addHook('onReady', async () => {
      await hub.start();
      timers = [setInterval(() => void hub.poke().catch(warn), app.config.liveEventsPollMs), setInterval(() => void hub.prune().catch(warn), 10 * 60_000)];
      for (const timer of timers) timer.unref();
      // A short poll covers missed notifications and a reconnecting listener.
      // The embedded database is one process's own: its writes wake the hub directly (routes call poke()).
      if (app.database.backend === 'postgresql') stopListening = listen(app, hub);
    });
    app.addHook('onClose', async () => {
      for (const timer of timers) clearInterval(timer);
      await stopListening?.();
    });
  },
  { name: 'live-events', dependencies: ['database'] },
);
