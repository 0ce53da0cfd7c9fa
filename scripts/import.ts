// Imports a file, all or nothing, as the API's POST /api/imports does, for operators and large files:
//   npm run import -- --target incidents --format csv --crs gcj02 [--dry-run] [--community 桃园社区] file.csv
// Uses the same configuration as the server (DATABASE_URL or the embedded data folder; stop the server first
// for the embedded one). Writes anywhere unless --community limits it; prints progress and a report per row.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { COORDINATE_SYSTEMS, type CoordinateSystem } from '../server/domain/coordinate-systems.ts';
import { readConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrate } from '../server/db/migrate.ts';
import { IMPORT_FORMATS, UnreadableFile, type ImportFormat } from '../server/import/read-file.ts';
import { runImport } from '../server/import/run-import.ts';
import { IMPORT_TARGETS, type ImportTarget } from '../server/import/targets.ts';

const usage = `usage: npm run import -- --target ${IMPORT_TARGETS.join('|')} --format ${IMPORT_FORMATS.join('|')} [--crs ${COORDINATE_SYSTEMS.join('|')}] [--dry-run] [--community NAME]... FILE`;
function fail(message: string): never {
  console.error(`import: ${message}\n${usage}`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { target: { type: 'string' }, format: { type: 'string' }, crs: { type: 'string', default: 'wgs84' }, 'dry-run': { type: 'boolean', default: false }, community: { type: 'string', multiple: true } },
});
const oneOf = <T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T => {
  if (!value || !allowed.includes(value as T)) fail(`--${name} must be one of ${allowed.join(', ')}`);
  return value as T;
};
const target = oneOf<ImportTarget>('target', values.target, IMPORT_TARGETS);
const format = oneOf<ImportFormat>('format', values.format, IMPORT_FORMATS);
const coordinateSystem = oneOf<CoordinateSystem>('crs', values.crs, COORDINATE_SYSTEMS);
if (positionals.length !== 1) fail('name one file');
const body = fs.readFileSync(positionals[0]);

const config = readConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, onProgress: console.log }).catch((error: Error) => fail(error.message));
const pool = new pg.Pool({ ...database.connection, max: 2 });
try {
  await migrate(pool);
  const communities = await pool.query<{ id: number; name: string }>(`SELECT id, name FROM areas WHERE level = 'community' ORDER BY id`);
  const wanted = values.community ?? [];
  const unknown = wanted.filter((name) => !communities.rows.some((row) => row.name === name));
  if (unknown.length > 0) fail(`no community named ${unknown.join(', ')}`);
  const scope = communities.rows.filter((row) => wanted.length === 0 || wanted.includes(row.name)).map((row) => row.id);
  const started = Date.now();
  const result = await runImport(pool, body, {
    target,
    format,
    coordinateSystem,
    scope,
    actor: 'import-cli',
    now: new Date(),
    dryRun: values['dry-run'],
    onProgress: ({ phase, done, total }) => process.stdout.write(`${phase === 'check' ? 'checked' : 'written'} ${done}/${total} rows (${Math.round((done / total) * 100)}%)\n`),
  });
  for (const problem of result.problems) console.log(`row ${problem.row ?? '-'}\t${problem.field}\t${problem.reason}`);
  if (result.ignoredColumns.length > 0) console.log(`columns not used: ${result.ignoredColumns.join(', ')}`);
  if (result.problemCount > 0) {
    console.error(`import: nothing was imported: ${result.problemCount} problem(s) in ${result.rows} rows`);
    process.exitCode = 1;
  } else {
    console.log(`${result.imported} of ${result.rows} rows imported${values['dry-run'] || target === 'grids' ? ' (checked only)' : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
} catch (error) {
  console.error(`import: ${error instanceof UnreadableFile ? error.message : (error as Error).stack}`);
  process.exitCode = 1;
} finally {
  await pool.end();
  await database.close();
}
