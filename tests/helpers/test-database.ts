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

/** A private copy of the seeded demo database: how a process reaches it (environment), and how to remove it. */
export interface DatabaseCopy {
  database: { folder: string } | { name: string; url: string };
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** Copies the seeded template: a folder for the embedded database, a database made from the template on PostgreSQL. */
export async function copyTestDatabase(prefix = 'gridatlas_test'): Promise<DatabaseCopy> {
  const template = inject('databaseTemplate');
  copies++;
  if (template.backend === 'embedded') {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix.replaceAll('_', '-')}-`));
    fs.cpSync(template.folder, folder, { recursive: true });
    return { database: { folder }, env: { GRIDATLAS_DATA_DIR: folder, DATABASE_URL: '' }, drop: async () => fs.rmSync(folder, { recursive: true, force: true }) };
  }
  const name = `${prefix}_${process.pid}_${copies}`;
  const admin = new pg.Client({ connectionString: template.serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.database}`);
  } finally {
    await admin.end();
  }
  const url = withDatabaseName(template.serverUrl, name);
  return {
    database: { name, url },
    env: { DATABASE_URL: url },
    async drop() {
      const client = new pg.Client({ connectionString: template.serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A private copy of the seeded demo database for one test file, opened in this process. Closing it deletes it. */
export async function openTestDatabase(): Promise<Database> {
  const copy = await copyTestDatabase();
  if ('folder' in copy.database) {
    const database = await openEmbeddedDatabase(copy.database.folder);
    return {
      ...database,
      async close() {
        await database.close();
        await copy.drop();
      },
    };
  }
  return { backend: 'postgresql', connection: { connectionString: copy.database.url }, close: () => copy.drop() };
}
