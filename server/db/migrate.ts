import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { defaultTimeLimits } from '#domain/workflow.ts';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(directory = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(directory)
    .map((file) => /^(\d+)_([\w-]+)\.sql$/.exec(file))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ version: Number(match[1]), name: match[2], sql: fs.readFileSync(path.join(directory, match[0]), 'utf8') }))
    .sort((a, b) => a.version - b.version);
}

/**
 * Values of server/domain/ that migrations need (the rows a table starts with), so that the domain stays their one
 * source: each migration runs with them as transaction-local settings, read in SQL as current_setting('<name>').
 */
export function migrationSettings(): Record<string, string> {
  return { 'gridatlas.default_time_limits': JSON.stringify(defaultTimeLimits()) };
}

// Any constant works; it only has to be the same for every GridAtlas process.
const MIGRATION_LOCK_KEY = 7_043_221;

/**
 * Applies the numbered SQL files not yet recorded in schema_migrations, in order, each in its own
 * transaction. Safe to run again and from two processes at once (an advisory lock serialises them).
 */
export async function migrate(pool: pg.Pool, migrations = listMigrations(), settings = migrationSettings()): Promise<{ applied: number[]; level: number }> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        for (const [name, value] of Object.entries(settings)) await client.query('SELECT set_config($1, $2, true)', [name, value]);
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${migration.version}_${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(migration.version);
    }
    const level = (await client.query<{ level: number | null }>('SELECT max(version) AS level FROM schema_migrations')).rows[0].level ?? 0;
    return { applied, level };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    client.release();
  }
}
