import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helpers/build.ts';
import { testBackend } from '../../helpers/test-database.ts';

const repositoryRoot = path.resolve(import.meta.dirname, '../../..');

function runServer(environment: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: repositoryRoot,
      env: { ...process.env, DATABASE_URL: '', PORT: '0', ...environment },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe.runIf(testBackend() === 'embedded')('the embedded data folder lock', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await build();
  });
  afterAll(() => testApp.close());

  it('makes a second process on the same folder exit at once, naming the folder, while the first keeps working', async () => {
    const before = (await testApp.app.inject({ url: '/api/health' })).json().rowCounts;
    const started = Date.now();
    const second = await runServer({ GRIDATLAS_DATA_DIR: testApp.database.dataDir! });
    expect(second.code).not.toBe(0);
    expect(second.output).toContain(testApp.database.dataDir!);
    expect(second.output).toMatch(/already in use/);
    expect(Date.now() - started).toBeLessThan(20_000);

    const after = await testApp.app.inject({ url: '/api/health' });
    expect(after.statusCode).toBe(200);
    expect(after.json().rowCounts).toEqual(before);
  });
});
