// What a user would check in each view: it loads with a drawn map and no console errors, filters change what is
// counted and drawn, the language toggle relabels, the command display tours and refreshes by itself.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { assert, collectConsoleErrors, pixelStatistics, screenshotElement, screenshotPage, signedInContext, waitFor, waitForCharts, waitForMap, waitForMapIdle } from './browser.ts';
import type { TestServer } from './test-server.ts';
import { ISSUE_EIGHT_TESTS } from './issue-8.browser.ts';

export interface BrowserTestContext {
  browser: Browser;
  baseUrl: string;
  server: TestServer;
  /** Write docs/screenshots/*.png too (UPDATE_SCREENSHOTS=1). */
  updateDocsScreenshots: boolean;
  log(message: string): void;
}

export interface BrowserTest {
  name: string;
  /** Runs after the others, against a server whose clock the test sets (the patrol night). */
  settableClock?: boolean;
  run(context: BrowserTestContext): Promise<void>;
}

export const DOCS_SCREENSHOTS = path.resolve('docs/screenshots');
/** A map with real content has many tones; a blank or single-colour canvas has a deviation near 0. */
const MIN_MAP_DEVIATION = 10;
export const DESKTOP = { width: 1600, height: 900 };
export const FULL_HD = { width: 1920, height: 1080 };

export interface AreaNode {
  id: number;
  name: string;
  level: string;
  centroid: [number, number];
  children: AreaNode[];
}

export async function communityNamed(context: BrowserTestContext, username: string, name: string): Promise<AreaNode> {
  const browserContext = await signedInContext(context.browser, context.baseUrl, username);
  try {
    const { tree } = (await (await browserContext.request.get('/api/areas')).json()) as { tree: AreaNode };
    const found: AreaNode[] = [];
    const walk = (node: AreaNode) => {
      if (node.level === 'community' && node.name === name) found.push(node);
      node.children.forEach(walk);
    };
    walk(tree);
    assert(found[0], `community ${name} is not in ${username}'s areas`);
    return found[0];
  } finally {
    await browserContext.close();
  }
}

export async function gridNamed(context: BrowserTestContext, username: string, communityId: number, name: string): Promise<number | null> {
  const browserContext = await signedInContext(context.browser, context.baseUrl, username);
  try {
    const grids = (await (await browserContext.request.get(`/api/grids?community=${communityId}`)).json()) as { features: Array<{ properties: { id: number; name: string } }> };
    return grids.features.find((grid) => grid.properties.name === name)?.properties.id ?? null;
  } finally {
    await browserContext.close();
  }
}

function routeLoads(route: string, username: string, query: (context: BrowserTestContext) => Promise<string>, screenshotName: string): BrowserTest {
  return {
    name: `${route} loads after login with a drawn map and no console errors`,
    async run(context) {
      const browserContext = await signedInContext(context.browser, context.baseUrl, username, FULL_HD);
      try {
        const page = await browserContext.newPage();
        const errors = collectConsoleErrors(page);
        const search = await query(context);
        const started = Date.now();
        await page.goto(`${route}${search}`);
        await waitForMap(page);
        context.log(`    map with data after ${((Date.now() - started) / 1000).toFixed(1)} s`);
        // Charts drawn and the camera at rest, then look at the map region.
        await waitForMapIdle(page);
        await waitForCharts(page);
        const image = await screenshotElement(page, '[data-testid="map"]', `${screenshotName}-map`);
        const { standardDeviation } = await pixelStatistics(page, image);
        context.log(`    map pixel deviation ${standardDeviation.toFixed(1)}`);
        assert(standardDeviation > MIN_MAP_DEVIATION, `the map looks blank (pixel deviation ${standardDeviation.toFixed(1)})`);
        await screenshotPage(page, screenshotName, context.updateDocsScreenshots ? path.join(DOCS_SCREENSHOTS, `${screenshotName}.png`) : undefined);
        assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
      } finally {
        await browserContext.close();
      }
    },
  };
}

export const BROWSER_TESTS: BrowserTest[] = [
  {
    name: 'a failed login says why',
    async run(context) {
      const browserContext = await context.browser.newContext({ baseURL: context.baseUrl, viewport: DESKTOP });
      try {
        const page = await browserContext.newPage();
        await page.goto('/');
        await page.locator('input[name="username"]').fill('leader');
        await page.locator('input[name="password"]').fill('wrong-password');
        await page.getByTestId('login-submit').click();
        const message = await page.getByTestId('login-error').textContent({ timeout: 60_000 });
        assert(message?.includes('用户名或密码不正确'), `expected the wrong-credentials message, got "${message}"`);
        await screenshotPage(page, 'login-failed');
        await page.locator('input[name="password"]').fill('gridatlas-demo');
        await page.getByTestId('login-submit').click();
        await page.getByTestId('screen').waitFor({ timeout: 90_000 });
      } finally {
        await browserContext.close();
      }
    },
  },
  routeLoads('/screen', 'leader', async () => '?fps=4', 'screen'),
  // A community of the county town with a month of incidents, and a selected grid that is above the norm.
  routeLoads('/analyze', 'analyst', async (context) => `?community=${(await communityNamed(context, 'analyst', '大同街社区')).id}&mode=heat`, 'analyze'),
  routeLoads('/plan', 'planner', async (context) => {
    const community = await communityNamed(context, 'planner', '桃园社区');
    const grid = await gridNamed(context, 'planner', community.id, '桃园社区第6网格');
    return `?community=${community.id}${grid ? `&grid=${grid}` : ''}`;
  }, 'plan'),
  {
    name: '/analyze: changing a filter changes the result count and the heatmap',
    async run(context) {
      const community = await communityNamed(context, 'analyst', '大同街社区');
      const browserContext = await signedInContext(context.browser, context.baseUrl, 'analyst', DESKTOP);
      try {
        const page = await browserContext.newPage();
        await page.goto(`/analyze?community=${community.id}&mode=heat`);
        await waitForMap(page);
        const countOf = async () => page.getByTestId('result-count').getAttribute('data-count').then((value) => (value ? Number(value) : null));
        const before = await waitFor(countOf, { what: 'the first result count', timeout: 120_000 });
        await waitForMapIdle(page);
        const imageBefore = await screenshotElement(page, '[data-testid="map"]', 'analyze-heat-30-days');
        await page.getByTestId('range-7').click();
        const after = await waitFor(async () => {
          const count = await countOf();
          return count !== null && count !== before ? count : null;
        }, { what: 'a new result count', timeout: 120_000 });
        // The heatmap of the new result: wait until the drawn map differs from the one before.
        await waitForMapIdle(page);
        await waitFor(async () => {
          const image = await screenshotElement(page, '[data-testid="map"]', 'analyze-heat-7-days');
          return ((await pixelStatistics(page, imageBefore, image)).changedShare ?? 0) > 0.002;
        }, { what: 'the heatmap to change', timeout: 60_000 });
        const imageAfter = await screenshotElement(page, '[data-testid="map"]', 'analyze-heat-7-days');
        const { meanDifference, changedShare } = await pixelStatistics(page, imageBefore, imageAfter);
        context.log(`    count ${before} → ${after}; heatmap pixels changed: ${((changedShare ?? 0) * 100).toFixed(2)} % (mean difference ${meanDifference?.toFixed(2)})`);
        assert(after < before, `7 days should count fewer incidents than 30 (${before} → ${after})`);
        assert((changedShare ?? 0) > 0.002, 'the heatmap did not change');
        assert(page.url().includes('from=') && page.url().includes('community='), `the URL should hold the filters: ${page.url()}`);
      } finally {
        await browserContext.close();
      }
    },
  },
  {
    name: 'the language toggle switches the visible labels',
    async run(context) {
      const browserContext = await signedInContext(context.browser, context.baseUrl, 'analyst', DESKTOP);
      try {
        const page = await browserContext.newPage();
        await page.goto('/analyze');
        await page.getByTestId('nav-analyze').waitFor({ timeout: 90_000 });
        const labels = async () => ({
          nav: await page.getByTestId('nav-analyze').textContent(),
          mode: await page.getByTestId('mode-heat').textContent(),
          category: await page.getByTestId('filter-category-illegal_dumping').textContent(),
          exportCsv: await page.getByTestId('export-csv').textContent(),
        });
        await page.getByTestId('export-csv').waitFor({ timeout: 90_000 });
        const chinese = await labels();
        assert(chinese.nav === '事件分析' && chinese.mode === '热力图' && chinese.category?.includes('乱堆'), `expected Chinese labels, got ${JSON.stringify(chinese)}`);
        await page.getByTestId('language-toggle').click();
        await page.getByText('Analysis', { exact: true }).first().waitFor({ timeout: 30_000 });
        const english = await labels();
        assert(english.nav === 'Analysis' && english.mode === 'Heatmap' && english.category?.includes('Illegal dumping') && english.exportCsv === 'Export CSV', `expected English labels, got ${JSON.stringify(english)}`);
        const bodyText = (await page.locator('.analyze-filters, .app-nav, .analyze-toolbar').allTextContents()).join(' ');
        // Place names stay Chinese where they have no English name; the interface's own words must not.
        for (const word of ['筛选条件', '时间范围', '事件类别', '办理状态', '导出', '退出']) assert(!bodyText.includes(word), `"${word}" is still shown in English mode`);
        await screenshotPage(page, 'analyze-english');
        await page.getByTestId('language-toggle').click();
        assert((await page.getByTestId('nav-analyze').textContent()) === '事件分析', 'switching back to Chinese failed');
      } finally {
        await browserContext.close();
      }
    },
  },
  {
    name: '/screen tours to the next community by itself',
    async run(context) {
      const browserContext = await signedInContext(context.browser, context.baseUrl, 'leader', FULL_HD);
      try {
        const page = await browserContext.newPage();
        await page.goto('/screen?tour=6&fps=2');
        const community = page.getByTestId('screen-community');
        const first = await waitFor(async () => (await community.textContent())?.trim(), { what: 'the first community name', timeout: 120_000 });
        const next = await waitFor(async () => {
          const name = (await community.textContent())?.trim();
          return name && name !== first ? name : null;
        }, { what: 'the tour to move on', timeout: 120_000 });
        context.log(`    ${first} → ${next}`);
        assert(page.url().includes('community='), 'the tour should write the community into the URL');
      } finally {
        await browserContext.close();
      }
    },
  },
  {
    name: '/screen shows a new incident without a reload, by the live stream',
    async run(context) {
      const community = await communityNamed(context, 'leader', '桃园社区');
      const browserContext = await signedInContext(context.browser, context.baseUrl, 'leader', FULL_HD);
      const staff = await signedInContext(context.browser, context.baseUrl, 'staff_taoyuan');
      try {
        const page = await browserContext.newPage();
        // Polling only once an hour: the new incident can only arrive by the live stream (/api/events).
        await page.goto(`/screen?community=${community.id}&refresh=3600&fps=2`);
        const today = page.getByTestId('kpi-today-value');
        const before = await waitFor(async () => {
          const text = (await today.textContent())?.trim();
          return text && text !== '–' ? text : null;
        }, { what: "today's incident count", timeout: 150_000 });
        await page.evaluate(() => {
          (window as unknown as { __noReload: boolean }).__noReload = true;
        });
        const title = `浏览器测试事件 ${Date.now()}`;
        const response = await staff.request.post('/api/incidents', {
          data: { category: 'sanitation', title, source: 'grid_staff', location: { type: 'Point', coordinates: community.centroid } },
        });
        assert(response.status() === 201, `POST /api/incidents answered ${response.status()}: ${await response.text()}`);
        const posted = Date.now();
        const after = await waitFor(async () => {
          const text = (await today.textContent())?.trim();
          return text && text !== before ? text : null;
        }, { what: "today's incident count to change", timeout: 150_000, interval: 100 });
        const shownMs = Date.now() - posted;
        await waitFor(async () => (await page.getByTestId('ticker-item').allTextContents()).some((text) => text.includes(title)), { what: 'the ticker to show the new incident', timeout: 150_000 });
        const sameDocument = await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);
        assert(sameDocument, 'the page was reloaded');
        context.log(`    today's incidents ${before} → ${after} ${shownMs} ms after the POST answered; ticker shows "${title}"`);
      } finally {
        await staff.close();
        await browserContext.close();
      }
    },
  },
  ...ISSUE_EIGHT_TESTS,
];
