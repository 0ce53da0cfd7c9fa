import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { EmbeddedSession } from '../../../server/db/embedded/embedded-session.ts';
import { testBackend } from '../../helpers/test-database.ts';

// PGlite is one PostgreSQL session shared by every connection of the pool. These tests pin down what
// makes that safe: a transaction has the session to itself until it ends, a connection that dies in
// the middle of one leaves nothing behind, and a connection that waits too long is told so.

describe.skipIf(testBackend() !== 'embedded')('the embedded session, shared by many connections', () => {
  let folder: string;
  let session: EmbeddedSession;
  let pool: pg.Pool;
  beforeAll(async () => {
    const template = inject('databaseTemplate') as { folder: string };
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gridatlas-session-'));
    fs.cpSync(template.folder, folder, { recursive: true });
    session = await EmbeddedSession.start(folder, { queueTimeoutMs: 1500 });
    pool = new pg.Pool({ stream: () => session.connect() as never, user: 'postgres', database: 'postgres', max: 4 });
    await pool.query('CREATE TABLE IF NOT EXISTS session_probe (id serial PRIMARY KEY, who text NOT NULL)');
  });
  afterAll(async () => {
    await pool?.end();
    await session?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('keeps another connection out while a transaction is open, so it never sees uncommitted rows', async () => {
    const writer = await pool.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(`INSERT INTO session_probe (who) VALUES ('uncommitted')`);
      // Started while the transaction is open: it must wait for the transaction to end.
      let readerDone = false;
      const reader = pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM session_probe WHERE who = 'uncommitted'`).then((result) => {
        readerDone = true;
        return result.rows[0].n;
      });
      // More statements of the transaction run meanwhile; the reader is still waiting after all of them.
      for (let index = 0; index < 20; index++) await writer.query(`SELECT count(*) FROM session_probe`);
      expect(readerDone).toBe(false);
      expect(session.statistics.waiting).toBe(1);
      await writer.query('ROLLBACK');
      expect(await reader).toBe(0);
    } finally {
      writer.release();
    }
  });

  it('rolls back the transaction of a connection that goes away in the middle of it', async () => {
    const doomed = await pool.connect();
    await doomed.query('BEGIN');
    await doomed.query(`INSERT INTO session_probe (who) VALUES ('orphan')`);
    // The client is destroyed (as when a request is aborted and its connection discarded).
    doomed.release(new Error('discard this connection'));
    const { rows } = await pool.query<{ n: number; inTransaction: boolean }>(
      `SELECT (SELECT count(*)::int FROM session_probe WHERE who = 'orphan') AS n, now() <> statement_timestamp() AS "inTransaction"`,
    );
    expect(rows[0]).toEqual({ n: 0, inTransaction: false });
  });

  it('answers a connection that waited longer than the queue allows with SQLSTATE 55P03, and the connection still works', async () => {
    const holder = await pool.connect();
    const waiter = await pool.connect();
    try {
      await holder.query('BEGIN');
      const started = Date.now();
      await expect(waiter.query('SELECT 1')).rejects.toMatchObject({ code: '55P03' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
      expect(session.statistics.turnedAway).toBeGreaterThanOrEqual(1);
      await holder.query('COMMIT');
      // The refused connection is in a clean state and runs its next query.
      expect((await waiter.query<{ answer: number }>('SELECT 42 AS answer')).rows[0].answer).toBe(42);
    } finally {
      holder.release();
      waiter.release();
    }
  });

  it('runs many connections at once with every answer going to its own asker', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, async (_, index) => {
        const { rows } = await pool.query<{ echo: number; label: string }>('SELECT $1::int AS echo, $2::text AS label', [index, `asker ${index}`]);
        return rows[0].echo === index && rows[0].label === `asker ${index}`;
      }),
    );
    expect(answers.every(Boolean)).toBe(true);
  });

  it('keeps a connection in step when PGlite stops a statement half-way (PortalSuspended with no rows): that statement fails, the next gets its own answer', async () => {
    // A query PGlite 0.5.8 + PostGIS answers with PortalSuspended and the warning "snapshot … still active" instead
    // of its one row. node-postgres asked for every row, so it took that for "more to come" and from then on read
    // each answer as the previous statement's.
    const community = (await pool.query(`SELECT community_id AS id FROM grids GROUP BY community_id ORDER BY count(*), community_id LIMIT 1`)).rows[0].id;
    const client = await pool.connect();
    try {
      const suspended = client
        .query(
          `WITH covered AS (SELECT ST_Union(geom) AS geom FROM grids WHERE community_id = $1), area AS (SELECT geom FROM areas WHERE id = $1)
           SELECT coalesce(ST_Area(ST_Difference(area.geom, covered.geom)) * 111319.49 * 111319.49 * cos(radians(ST_Y(ST_Centroid(ST_Difference(area.geom, covered.geom))))), 0) AS gap
             FROM area, covered`,
          [community],
        )
        .then(
          (result) => ({ rows: result.rows }),
          (error: Error) => ({ error: error.message }),
        );
      const outcome = await suspended;
      // Either PGlite answers properly one day (one row), or the statement fails with a message that says why.
      if ('error' in outcome) expect(outcome.error).toMatch(/stopped this statement before it finished/);
      else expect(outcome.rows).toHaveLength(1);
      for (let round = 0; round < 3; round++) {
        const { rows } = await client.query('SELECT $1::int AS round, $2::text AS word', [round, `word ${round}`]);
        expect(rows).toEqual([{ round, word: `word ${round}` }]);
      }
    } finally {
      client.release();
    }
  });
});
