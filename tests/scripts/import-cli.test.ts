import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyTestDatabase } from '../helpers/server-process.ts';
import { testBackend } from '../helpers/test-database.ts';

// The import CLI an operator runs for large files: progress as it goes, a report per row, all or nothing.

const run = promisify(execFile);
let copy: Awaited<ReturnType<typeof copyTestDatabase>>;

beforeAll(async () => {
  copy = await copyTestDatabase();
}, 120_000);
afterAll(() => copy?.drop());

const importCli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...args], { env: { ...process.env, ...copy.env, LOG_LEVEL: 'warn' } }).then(
    (output) => ({ code: 0, ...output }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

describe(`npm run import (${testBackend()})`, () => {
  it('imports a zipped Shapefile with progress, then refuses the same file again, naming each row', { timeout: 180_000 }, async () => {
    const first = await importCli('--target', 'service-points', '--format', 'shapefile', 'tests/fixtures/service-points-zh.zip');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('checked 3/3 rows (100%)');
    expect(first.stdout).toContain('written 3/3 rows (100%)');
    expect(first.stdout).toMatch(/3 of 3 rows imported in \d+\.\d s/);

    const again = await importCli('--target', 'service-points', '--format', 'shapefile', 'tests/fixtures/service-points-zh.zip');
    expect(again.code).toBe(1);
    for (const row of [1, 2, 3]) expect(again.stdout).toMatch(new RegExp(`row ${row}\\tcode\\t"TY-IMPORT-0${row}" is already the code of a service point`));
    expect(again.stderr).toContain('nothing was imported: 3 problem(s) in 3 rows');
  });

  it('says what is wrong with its arguments', { timeout: 60_000 }, async () => {
    const wrong = await importCli('--target', 'roads', '--format', 'csv', 'x.csv');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--target must be one of incidents, service-points, grids/);
  });
});
