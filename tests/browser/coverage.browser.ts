// Service coverage on the wall, as a street director reads it: the share of homes within the 5-, 10- and
// 15-minute life circles of a service point, as the API computes it, and the buildings beyond 500 m when the
// layer is switched on.
import type { BrowserTest } from './views.browser.ts';
import { communityNamed, FULL_HD } from './views.browser.ts';
import { assert, collectConsoleErrors, screenshotPage, signedInContext, waitFor, waitForMap } from './browser.ts';

export const COVERAGE_BROWSER_TESTS: BrowserTest[] = [
  {
    name: 'issue 11: /screen shows the life-circle coverage the API computes, and draws the buildings beyond 500 m when switched on',
    async run(context) {
      // 卧龙社区 has buildings beyond 500 m of every service point in the demo city.
      const community = await communityNamed(context, 'leader', '卧龙社区');
      const leader = await signedInContext(context.browser, context.baseUrl, 'leader', FULL_HD);
      try {
        const api = (await (await leader.request.get(`/api/coverage/service?community=${community.id}&radius=500`)).json()) as {
          kinds: { kind: string; within: Record<string, { share: number | null }> }[];
          uncovered: { features: unknown[] };
        };
        const any = api.kinds.find((kind) => kind.kind === 'any')!;
        const page = await leader.newPage();
        const errors = collectConsoleErrors(page);
        await page.goto(`/screen?community=${community.id}&fps=2&layers=grids,uncovered`);
        await waitForMap(page);
        for (const radius of ['300', '500', '1000']) {
          const shown = await waitFor(async () => (await page.locator(`[data-testid="life-circle"] [data-radius="${radius}"]`).getAttribute('data-share')) || null, { what: `the ${radius} m share`, timeout: 90_000 });
          assert(Number(shown) === any.within[radius].share, `${radius} m: the wall says ${shown}, the API ${any.within[radius].share}`);
        }
        const text = await page.getByTestId('life-circle').innerText();
        assert(text.includes(`${Math.round(any.within['500'].share! * 100)}%`), `the 10-minute share should be written: ${text}`);
        assert(api.uncovered.features.length > 0, 'the demo community should have buildings beyond 500 m of every service point');
        await page.waitForFunction(() => (window.__gridatlasMaps?.map?.layers() ?? []).includes('uncovered-buildings'), undefined, { timeout: 90_000 });
        const drawn = await page.evaluate(() => window.__gridatlasMaps?.map?.dataCount('uncovered-buildings') ?? null);
        assert(drawn === api.uncovered.features.length, `the map should draw the ${api.uncovered.features.length} uncovered buildings, draws ${drawn}`);
        context.log(`    life circles ${['300', '500', '1000'].map((radius) => any.within[radius].share).join(' / ')}; ${api.uncovered.features.length} buildings beyond 500 m`);
        await screenshotPage(page, 'screen-life-circle');
        assert(errors.length === 0, `console errors: ${errors.join('\n')}`);
      } finally {
        await leader.close();
      }
    },
  },
];
