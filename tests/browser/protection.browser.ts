// The signed-in app must not be framed by a page of another origin (clickjacking): its
// Content-Security-Policy says frame-ancestors 'none' and X-Frame-Options DENY.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { assert, signedInContext, waitFor } from './browser.ts';
import type { BrowserTest } from './views.browser.ts';

/** A page on another origin (another port) that frames `target`, and a page of its own for comparison. */
async function foreignSite(target: string): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    if (request.url === '/own') return response.end('<!doctype html><title>own</title><p id="own">a page of the framing site</p>');
    response.end(`<!doctype html><title>framer</title>
      <iframe id="victim" src="${target}" width="800" height="600"></iframe>
      <iframe id="control" src="/own" width="200" height="100"></iframe>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const PROTECTION_BROWSER_TESTS: BrowserTest[] = [
  {
    name: 'a page of another origin cannot frame the signed-in app',
    async run(context) {
      const browserContext = await signedInContext(context.browser, context.baseUrl, 'leader');
      const site = await foreignSite(`${context.baseUrl}/screen`);
      try {
        const page = await browserContext.newPage();
        const refusals: string[] = [];
        page.on('console', (message) => {
          if (/Refused to (display|frame)/i.test(message.text())) refusals.push(message.text());
        });
        await page.goto(`${site.origin}/`);
        // The control frame (same origin as the framer) loads, so the page and its frames work…
        await page.frameLocator('#control').locator('#own').waitFor({ timeout: 30_000 });
        // …and the app's frame is refused: Chromium replaces it with its error page and says why.
        await waitFor(async () => refusals.length > 0 || page.frames().some((frame) => frame.url().startsWith('chrome-error://')), { timeout: 30_000, what: 'the browser to refuse the frame' });
        const victim = page.frames().find((frame) => frame.parentFrame() !== null && frame.name() !== 'control' && !frame.url().endsWith('/own'));
        assert(victim, 'the framing page has no app frame');
        const victimUrl = victim.url();
        assert(!victimUrl.startsWith(context.baseUrl), `the app loaded inside a frame of ${site.origin} (${victimUrl})`);
        context.log(`    frame refused (${victimUrl || 'blank'}): ${refusals[0]?.slice(0, 120) ?? 'error page'}`);
      } finally {
        await site.close();
        await browserContext.close();
      }
    },
  },
];
