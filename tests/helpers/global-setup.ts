import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openEmbeddedDatabase } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { seedDemo } from '../../server/seed/seed-demo.ts';
import { withDatabaseName } from './test-database.ts';


async function seed(connection: pg.ClientConfig, label: string): Promise<void> {
  const pool = new pg.Pool({ ...connection, max: 2 });
  try {
    await migrate(pool);
    const summary = await seedDemo(pool);
    console.log(`[test template] ${label} seeded: ${JSON.stringify(summary)}`);
  } finally {
    await pool.end();
  }
}

/**
 * Builds the seeded demo database once per test run; every test file then starts from a copy of it
 * (creating PostGIS and seeding per file would take minutes).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    // Named after the database DATABASE_URL points at, so two CI runs on one server do not collide.
    const TEMPLATE_DATABASE = `${decodeURIComponent(new URL(serverUrl).pathname.slice(1)) || 'postgres'}_test_template`.replace(/[^a-z0-9_]/gi, '_');
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
    await admin.end();
    await seed({ connectionString: withDatabaseName(serverUrl, TEMPLATE_DATABASE) }, 'PostgreSQL');
    project.provide('databaseTemplate', { backend: 'postgresql', serverUrl, database: TEMPLATE_DATABASE });
    return async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
      await client.end();
    };
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gridatlas-template-'));
  const database = await openEmbeddedDatabase(folder);
  try {
    await seed(database.connection, 'embedded');
  } finally {
    await database.close();
  }
  project.provide('databaseTemplate', { backend: 'embedded', folder });
  return async () => fs.rmSync(folder, { recursive: true, force: true });
}
