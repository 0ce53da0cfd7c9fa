// `npm run test:browser`: starts the server on a fresh database, runs the browser tests in Debian's chromium and
// ends with "N passed, M failed" (exit code 1 when any failed). The patrol-night tests run last, on the same
// database, against a server whose clock the test sets. Screenshots go to test-artifacts/; UPDATE_SCREENSHOTS=1
// also writes docs/screenshots/*.png.
import { launchBrowser } from './browser.ts';
import { startTestServer, type TestServer } from './test-server.ts';
import { PROTECTION_BROWSER_TESTS } from './protection.browser.ts';
import { ANALYZE_BROWSER_TESTS } from './analyze.browser.ts';
import { COVERAGE_BROWSER_TESTS } from './coverage.browser.ts';
import { GIS_BROWSER_TESTS } from './gis.browser.ts';
import { TIME_LIMIT_BROWSER_TESTS } from './time-limits.browser.ts';
import { BROWSER_TESTS, type BrowserTest } from './views.browser.ts';

const only = process.env.BROWSER_TEST_FILTER;
const tests = [...BROWSER_TESTS, ...PROTECTION_BROWSER_TESTS, ...GIS_BROWSER_TESTS, ...ANALYZE_BROWSER_TESTS, ...COVERAGE_BROWSER_TESTS, ...TIME_LIMIT_BROWSER_TESTS].filter((test) => !only || test.name.includes(only));
let passed = 0;
let failed = 0;
let server: (TestServer & { dataDir: string | null }) | null = null;
const log = (message: string) => console.log(message);

async function runAll(list: BrowserTest[], browser: Awaited<ReturnType<typeof launchBrowser>>, running: TestServer) {
  for (const test of list) {
    const started = Date.now();
    try {
      await test.run({ browser, baseUrl: running.baseUrl, server: running, updateDocsScreenshots: process.env.UPDATE_SCREENSHOTS === '1', log });
      passed++;
      log(`✓ ${test.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failed++;
      log(`✗ ${test.name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n    ${(error as Error).stack ?? error}`);
    }
  }
}

try {
  server = await startTestServer({ log });
  const browser = await launchBrowser();
  try {
    await runAll(tests.filter((test) => !test.settableClock), browser, server);
    const clockTests = tests.filter((test) => test.settableClock);
    if (clockTests.length > 0) {
      const dataDir = server.dataDir;
      await server.stop({ keepData: true });
      server = await startTestServer({ log, dataDir: dataDir ?? undefined, settableClock: true });
      await runAll(clockTests, browser, server);
    }
  } finally {
    await browser.close();
  }
} catch (error) {
  failed += Math.max(1, tests.length - passed - failed);
  log(`the browser tests could not run: ${(error as Error).stack ?? error}`);
} finally {
  await server?.stop();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
