import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { openTestDatabase } from './test-database.ts';

/** A node-postgres pool on this test file's own copy of the seeded demo database. */
export function useTestPool(): { readonly pool: pg.Pool } {
  let database: Database;
  const handle = { pool: undefined as unknown as pg.Pool };
  beforeAll(async () => {
    database = await openTestDatabase();
    handle.pool = new pg.Pool({ ...database.connection, max: 2 });
  });
  afterAll(async () => {
    await handle.pool.end();
    await database.close();
  });
  return handle;
}
