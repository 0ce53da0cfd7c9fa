import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openEmbeddedDatabase, type Database } from '../../server/db/database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the seeded template lives: a folder (embedded) or a database name on DATABASE_URL's server. */
    databaseTemplate: { backend: 'embedded'; folder: string } | { backend: 'postgresql'; serverUrl: string; database: string };
  }
}

export function testBackend(): 'embedded' | 'postgresql' {
  return inject('databaseTemplate').backend;
}

export function withDatabaseName(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

let copies = 0;

/**
 * A private copy of the seeded demo database for one test file: a copied folder opened with PGlite,
 * or a PostgreSQL database created from the template. Closing it deletes it.
 */
export async function openTestDatabase(): Promise<Database> {
  const template = inject('databaseTemplate');
  copies++;
  if (template.backend === 'embedded') {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gridatlas-test-'));
    fs.cpSync(template.folder, folder, { recursive: true });
    const database = await openEmbeddedDatabase(folder);
    return {
      ...database,
      async close() {
        await database.close();
        fs.rmSync(folder, { recursive: true, force: true });
      },
    };
  }
  const name = `gridatlas_test_${process.pid}_${copies}`;
  const admin = new pg.Client({ connectionString: template.serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.database}`);
  } finally {
    await admin.end();
  }
  return {
    backend: 'postgresql',
    connection: { connectionString: withDatabaseName(template.serverUrl, name) },
    async close() {
      const client = new pg.Client({ connectionString: template.serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
