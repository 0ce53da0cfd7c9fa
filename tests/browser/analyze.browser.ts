// The analyst's questions by area and time, as an analyst asks them in the browser: draw an area on the map, drag
// across the time histogram, share the link, export the map as a picture. Counts are checked against the API.
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { BrowserTest, BrowserTestContext } from './views.browser.ts';
import { communityNamed, DESKTOP, DOCS_SCREENSHOTS } from './views.browser.ts';
import { assert, collectConsoleErrors, screenshotPage, signedInContext, waitFor, waitForMap } from './browser.ts';

/** The incident hexbin ramp (client/src/map/palette.ts RAMPS.incidentHexagons), as the legend draws it. */
const HEXBIN_RAMP = ['#2c115f', '#721f81', '#b73779', '#f1605d', '#feb078', '#f9d423'];

const localDate = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(date);
const daysAgo = (days: number) => localDate(new Date(Date.now() - days * 86_400_000));

/** The summary's count once it has settled (the server's count over every match). */
async function settledTotal(page: Page, unlike?: number): Promise<number> {
  return waitFor(
    async () => {
      const summary = page.getByTestId('analyze-summary');
      if ((await summary.count()) === 0) return null;
      const total = await summary.getAttribute('data-total');
      const count = await page.getByTestId('result-count').getAttribute('data-count');
      if (!total || count !== total || Number(total) === unlike) return null;
      return Number(total);
    },
    { what: unlike === undefined ? 'the summary count' : `a summary count other than ${unlike}`, timeout: 120_000 },
  );
}

/** How many points the map draws (the incident points layer), once it equals `expected`. */
async function drawnPoints(page: Page, expected: number): Promise<number> {
  return waitFor(async () => {
    const count = await page.evaluate(() => window.__gridatlasMaps?.map?.dataCount('incident-points') ?? null);
    return count === expected ? count : null;
  }, { what: `${expected} points on the map`, timeout: 90_000 });
}

/** The API's own total for a search: the drawn ring from the URL, the community, the local days as a time window. */
async function apiSearchTotal(context: BrowserTestContext, url: URL): Promise<number> {
  const area = url.searchParams.get('area') ?? '';
  assert(area.startsWith('p:'), `the URL should hold the drawn polygon, got area=${area}`);
  const numbers = area.slice(2).split(',').map(Number);
  const ring: number[][] = [];
  for (let index = 0; index < numbers.length; index += 2) ring.push([numbers[index], numbers[index + 1]]);
  const from = url.searchParams.get('from')!;
  const to = url.searchParams.get('to') ?? localDate(new Date());
  const end = new Date(Date.parse(`${to}T00:00:00+08:00`) + 86_400_000);
  const analyst = await signedInContext(context.browser, context.baseUrl, 'analyst');
  try {
    const response = await analyst.request.post('/api/incidents/search', {
      data: { area: { type: 'Polygon', coordinates: [[...ring, ring[0]]] }, community: Number(url.searchParams.get('community')), from: new Date(`${from}T00:00:00+08:00`).toISOString(), to: end.toISOString(), limit: 1 },
    });
    assert(response.status() === 200, `the API search answered ${response.status()}: ${await response.text()}`);
    return ((await response.json()) as { summary: { total: number } }).summary.total;
  } finally {
    await analyst.close();
  }
}

/** An analyst's page on /analyze for 大同街社区 with these parameters, its map drawn and (unless an incident is open) its count settled. */
async function openAnalyze(context: BrowserTestContext, parameters: string) {
  const community = await communityNamed(context, 'analyst', '大同街社区');
  const analyst = await signedInContext(context.browser, context.baseUrl, 'analyst', DESKTOP);
  const page = await analyst.newPage();
  const errors = collectConsoleErrors(page);
  await page.goto(`/analyze?community=${community.id}&${parameters}`);
  await waitForMap(page);
  // With an incident open, its detail takes the summary's place.
  return { analyst, page, errors, total: parameters.includes('incident=') ? null : await settledTotal(page) };
}

export const ANALYZE_BROWSER_TESTS: BrowserTest[] = [
  {
    name: 'issue 11: drawing a polygon on /analyze changes the count to the API’s search total, and a shared link restores the drawn view',
    async run(context) {
      const opened = await openAnalyze(context, `mode=points&from=${daysAgo(180)}`);
      const { analyst, page, errors } = opened;
      const before = opened.total!;
      try {

        await page.getByTestId('draw-polygon').click();
        await page.getByTestId('draw-hint').waitFor({ timeout: 30_000 });
        const box = (await page.getByTestId('map-canvas').boundingBox())!;
        const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
        const corners = [[-160, -110], [150, -130], [170, 100], [-130, 120]].map(([dx, dy]) => ({ x: centre.x + dx, y: centre.y + dy }));
        for (const corner of [...corners, corners[0]]) {
          await page.mouse.move(corner.x, corner.y, { steps: 5 });
          await page.mouse.click(corner.x, corner.y);
        }
        await page.getByTestId('area-chip').waitFor({ timeout: 30_000 });
        const after = await settledTotal(page, before);
        const url = new URL(page.url());
        const expected = await apiSearchTotal(context, url);
        context.log(`    ${before} incidents in the community, ${after} inside the drawn polygon; the API says ${expected}`);
        assert(after === expected, `the view counts ${after} inside the polygon, the API ${expected}`);
        assert(after > 0 && after < before, `the drawn area should hold some but not all of the ${before} incidents, got ${after}`);
        await drawnPoints(page, after);
        assert((await page.evaluate(() => window.__gridatlasMaps?.map?.layers() ?? [])).includes('drawn-area'), 'the drawn area should be drawn on the map');
        await screenshotPage(page, 'analyze-drawn-area', context.updateDocsScreenshots ? path.join(DOCS_SCREENSHOTS, 'analyze-drawn-area.png') : undefined);

        // The link, opened afresh, shows the same area and the same count.
        const shared = await analyst.newPage();
        await shared.goto(url.pathname + url.search);
        await waitForMap(shared);
        assert((await settledTotal(shared)) === after, 'the shared link should restore the same count');
        assert((await shared.getByTestId('area-chip').textContent())?.includes('4'), 'the shared link should restore the four-cornered polygon');
        assert((await shared.evaluate(() => window.__gridatlasMaps?.map?.layers() ?? [])).includes('drawn-area'), 'the shared link should draw the area');

        // Clearing the area gives the whole community back.
        await page.getByTestId('clear-area').click();
        assert((await settledTotal(page, after)) === before, 'clearing the area should show the whole community again');
        assert(errors.length === 0, `console errors: ${errors.join('\n')}`);
      } finally {
        await analyst.close();
      }
    },
  },
  {
    name: 'issue 11: brushing the histogram narrows the count, the list and the map; a category bar filters; the exported PNG carries the legend',
    async run(context) {
      const opened = await openAnalyze(context, `mode=points&from=${daysAgo(364)}`);
      const { analyst, page, errors } = opened;
      const year = opened.total!;
      try {
        await page.locator('[data-testid="histogram-chart"][data-chart-ready="true"]').waitFor({ timeout: 60_000 });

        // Drag across the middle fifth of the bars.
        const chart = (await page.getByTestId('histogram-chart').boundingBox())!;
        const y = chart.y + chart.height * 0.55;
        await page.mouse.move(chart.x + chart.width * 0.4, y);
        await page.mouse.down();
        await page.mouse.move(chart.x + chart.width * 0.6, y, { steps: 12 });
        await page.mouse.up();
        const picked = await waitFor(async () => {
          const url = new URL(page.url());
          const from = url.searchParams.get('from');
          const to = url.searchParams.get('to');
          return from && to && from > daysAgo(364) ? { from, to } : null;
        }, { what: 'the brushed window in the URL', timeout: 60_000 });
        const brushed = await settledTotal(page, year);
        context.log(`    a year: ${year}; brushed ${picked.from} to ${picked.to}: ${brushed}`);
        assert(brushed > 0 && brushed < year, `the brushed window should hold fewer incidents than the year (${year}), got ${brushed}`);
        assert((await page.getByTestId('histogram-window').textContent())?.includes(picked.from), 'the histogram should name the chosen window');
        await drawnPoints(page, brushed);
        const listed = await page.locator('[data-testid="incident-list"] li').count();
        assert(listed === Math.min(100, brushed), `the list should show the first ${Math.min(100, brushed)} of ${brushed}, shows ${listed}`);

        // A category bar is a filter: the count becomes that bar's.
        const bar = page.locator('[data-testid^="summary-category-"]').first();
        const barCount = Number(await bar.getAttribute('data-count'));
        await bar.click();
        assert((await settledTotal(page, brushed)) === barCount, `clicking a category bar should leave its ${barCount} incidents`);
        assert(new URL(page.url()).searchParams.get('categories')?.split(',').length === 1, 'the category should be in the URL');

        await page.getByTestId('mode-hexagons').click();
        await page.waitForFunction(() => (window.__gridatlasMaps?.map?.layers() ?? []).includes('incident-hexagons'), undefined, { timeout: 60_000 });
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-png').click()]);
        assert(/^gridatlas-analyze-.*\.png$/.test(download.suggestedFilename()), `the image should be a .png, got ${download.suggestedFilename()}`);
        const { readFileSync } = await import('node:fs');
        const png = readFileSync((await download.path())!).toString('base64');
        const image = await page.evaluate(
          async ({ data, ramp }) => {
            // The page's CSP allows no data: fetches: the bytes are handed over as base64.
            const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(data), (character) => character.charCodeAt(0))], { type: 'image/png' }));
            const canvas = document.createElement('canvas');
            canvas.width = bitmap.width;
            canvas.height = bitmap.height;
            const context = canvas.getContext('2d')!;
            context.drawImage(bitmap, 0, 0);
            const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
            const wanted = ramp.map((hex) => [1, 3, 5].map((offset) => parseInt(hex.slice(offset, offset + 2), 16)));
            const counts = wanted.map(() => 0);
            for (let index = 0; index < pixels.length; index += 4) {
              wanted.forEach(([red, green, blue], which) => {
                if (pixels[index] === red && pixels[index + 1] === green && pixels[index + 2] === blue) counts[which]++;
              });
            }
            return { width: bitmap.width, height: bitmap.height, counts };
          },
          { data: png, ramp: HEXBIN_RAMP },
        );
        const map = (await page.getByTestId('map-canvas').boundingBox())!;
        context.log(`    PNG ${image.width}×${image.height}; legend ramp pixels ${image.counts.join(', ')}`);
        assert(image.width > map.width && image.height > map.height, 'the image should hold the map with a title and footer around it');
        // Each of the six legend classes is a solid block in the legend (the map's own colours are blended with the basemap).
        assert(image.counts.every((count) => count >= 200), `the legend's six colours should be in the image: ${image.counts.join(', ')}`);
        assert(errors.length === 0, `console errors: ${errors.join('\n')}`);
      } finally {
        await analyst.close();
      }
    },
  },
  {
    name: 'issue 11: from an incident’s detail, the nearest volunteers are listed by distance as the API ranks them and drawn on the map (片区呼叫、党员先到)',
    async run(context) {
      const community = await communityNamed(context, 'analyst', '大同街社区');
      const api = await signedInContext(context.browser, context.baseUrl, 'analyst');
      let incidentId: number;
      let expected: { properties: { volunteerId: number; distanceMetres: number; partyMember: boolean } }[];
      try {
        const list = (await (await api.request.get(`/api/incidents?community=${community.id}&limit=1`)).json()) as { features: { properties: { id: number } }[] };
        incidentId = list.features[0].properties.id;
        expected = ((await (await api.request.get(`/api/incidents/${incidentId}/responders?limit=10`)).json()) as { features: typeof expected }).features;
      } finally {
        await api.close();
      }
      assert(expected.length === 10, `the API should find 10 responders, found ${expected.length}`);
      const { analyst, page, errors } = await openAnalyze(context, `mode=points&incident=${incidentId}`);
      await page.getByTestId('incident-detail').waitFor({ timeout: 90_000 });
      try {
        await page.getByTestId('responders-toggle').click();
        const rows = page.locator('[data-testid="responder-list"] li');
        await waitFor(async () => (await rows.count()) === expected.length, { what: `${expected.length} responders listed`, timeout: 60_000 });
        const distances = (await rows.evaluateAll((items) => items.map((item) => Number((item as HTMLElement).dataset.distance))));
        assert(distances.every((distance, index) => index === 0 || distance >= distances[index - 1]), `the list should be nearest first: ${distances.join(', ')}`);
        assert(distances.every((distance, index) => Math.abs(distance - expected[index].properties.distanceMetres) < 0.01), 'the list should be the API’s ranking');
        assert(new URL(page.url()).searchParams.get('responders') === '1', 'the responders should be in the link');
        await page.waitForFunction(() => (window.__gridatlasMaps?.map?.layers() ?? []).includes('responders'), undefined, { timeout: 60_000 });
        const drawn = await page.evaluate(() => window.__gridatlasMaps?.map?.dataCount('responders') ?? null);
        assert(drawn === expected.length, `the map should draw ${expected.length} responders, draws ${drawn}`);
        await screenshotPage(page, 'analyze-responders');
        assert(errors.length === 0, `console errors: ${errors.join('\n')}`);
      } finally {
        await analyst.close();
      }
    },
  },
];
