// `npm run test:browser`: starts the server on a fresh database, runs the browser tests in Debian's chromium and
// ends with "N passed, M failed" (exit code 1 when any failed). Screenshots go to test-artifacts/;
// UPDATE_SCREENSHOTS=1 also writes docs/screenshots/{screen,analyze,plan}.png.
import { launchBrowser } from './browser.ts';
import { startTestServer, type TestServer } from './test-server.ts';
import { BROWSER_TESTS } from './views.browser.ts';

const only = process.env.BROWSER_TEST_FILTER;
const tests = BROWSER_TESTS.filter((test) => !only || test.name.includes(only));
let passed = 0;
let failed = 0;
let server: TestServer | null = null;
const log = (message: string) => console.log(message);

try {
  server = await startTestServer({ log });
  const browser = await launchBrowser();
  try {
    for (const test of tests) {
      const started = Date.now();
      try {
        await test.run({ browser, baseUrl: server.baseUrl, updateDocsScreenshots: process.env.UPDATE_SCREENSHOTS === '1', log });
        passed++;
        log(`✓ ${test.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (error) {
        failed++;
        log(`✗ ${test.name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n    ${(error as Error).stack ?? error}`);
      }
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
