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
});
