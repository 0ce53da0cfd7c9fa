// GIS interoperability as users meet it: a planner makes a GIS token on the token page (no display links for
// that role), copies it, and QGIS-style Basic credentials with it read /ogc; the planner exports the
// community's grids and an analyst the incidents as GeoPackage from the views.
import path from 'node:path';
import type { BrowserTest } from './views.browser.ts';
import { DOCS_SCREENSHOTS, FULL_HD } from './views.browser.ts';
import { assert, collectConsoleErrors, screenshotPage, signedInContext } from './browser.ts';

export const GIS_BROWSER_TESTS: BrowserTest[] = [
  {
    name: 'issue 13: a planner makes a GIS token on the token page, and it opens /ogc as a Basic password',
    async run(context) {
      const planner = await signedInContext(context.browser, context.baseUrl, 'planner', FULL_HD);
      await planner.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: context.baseUrl });
      try {
        const page = await planner.newPage();
        const errors = collectConsoleErrors(page);
        await page.goto('/plan');
        await page.getByTestId('nav-tokens').click();
        await page.getByTestId('gis-access').waitFor({ timeout: 60_000 });
        assert((await page.getByTestId('token-form').count()) === 0, 'a planner should not be offered wall display links');
        const address = (await page.getByTestId('gis-address').textContent())?.trim();
        assert(address === `${context.baseUrl}/ogc`, `the page should show the OGC address, got ${address}`);
        await page.getByTestId('gis-label').fill('规划科 QGIS');
        await page.getByTestId('gis-create').click();
        await page.getByTestId('gis-made').waitFor({ timeout: 60_000 });
        await page.getByTestId('gis-copy-token').click();
        await page.getByTestId('gis-copy-token').getByText('已复制到剪贴板').waitFor({ timeout: 30_000 });
        const token = await page.evaluate(() => navigator.clipboard.readText());
        assert(token.length >= 20, 'the copied token should be a token');
        assert(!(await page.locator('body').innerText()).includes(token), 'the page must not show the token');
        const row = page.getByTestId('token-row').filter({ hasText: '规划科 QGIS' }).first();
        await row.waitFor({ timeout: 30_000 });
        assert((await row.getByTestId('token-purpose').textContent())?.trim() === 'GIS 接入', 'the list should say the token is for GIS');
        await screenshotPage(page, 'tokens-gis', context.updateDocsScreenshots ? path.join(DOCS_SCREENSHOTS, 'tokens-gis.png') : undefined);

        // As QGIS sends it: Basic credentials, any user name, the token as the password.
        const response = await fetch(`${context.baseUrl}/ogc/collections`, { headers: { authorization: `Basic ${Buffer.from(`qgis:${token}`).toString('base64')}` } });
        assert(response.status === 200, `/ogc/collections with the token answered ${response.status}`);
        const body = (await response.json()) as { collections: { id: string }[] };
        assert(body.collections.some((collection) => collection.id === 'grids'), 'the collections should include the grids');
        assert(errors.length === 0, `console errors: ${errors.join('\n')}`);
      } finally {
        await planner.close();
      }
    },
  },
  {
    name: 'issue 13: the plan view exports the community grids as GeoPackage; the analyst view the incidents',
    async run(context) {
      const planner = await signedInContext(context.browser, context.baseUrl, 'planner', FULL_HD);
      const analyst = await signedInContext(context.browser, context.baseUrl, 'analyst', FULL_HD);
      try {
        const page = await planner.newPage();
        await page.goto('/plan');
        const link = page.getByTestId('export-grids-gpkg');
        await link.waitFor({ timeout: 90_000 });
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), link.click()]);
        assert(/^gridatlas-grids-\d{4}-\d{2}-\d{2}\.gpkg$/.test(download.suggestedFilename()), `the grid export should be a .gpkg, got ${download.suggestedFilename()}`);
        const file = await download.path();
        const { readFileSync } = await import('node:fs');
        const bytes = readFileSync(file!);
        assert(bytes.subarray(0, 15).toString('latin1') === 'SQLite format 3', 'the GeoPackage should be an SQLite file');

        const analystPage = await analyst.newPage();
        await analystPage.goto('/analyze');
        const gpkg = analystPage.getByTestId('export-gpkg');
        await gpkg.waitFor({ timeout: 90_000 });
        const [incidents] = await Promise.all([analystPage.waitForEvent('download', { timeout: 120_000 }), gpkg.click()]);
        assert(/^gridatlas-incidents-.*\.gpkg$/.test(incidents.suggestedFilename()), `the incident export should be a .gpkg, got ${incidents.suggestedFilename()}`);
      } finally {
        await planner.close();
        await analyst.close();
      }
    },
  },
];
