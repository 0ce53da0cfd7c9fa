// What users hit first (issue 8): the wall display by token, the patrol night, open and overdue incidents on
// /screen, grid staff at phone width, navigation and layer toggles on /screen, bad links and expired sessions, the
// tour, the English layout, and the smaller defects. Every wait is for a condition, with generous limits.
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assert, collectConsoleErrors, DEMO_PASSWORD, screenshotPage, sessionCookie, signedInContext, waitFor, waitForMap, waitForMapIdle } from './browser.ts';
import { communityNamed, DOCS_SCREENSHOTS, FULL_HD, type BrowserTest, type BrowserTestContext } from './views.browser.ts';

const PHONE = { width: 390, height: 844 };
const UHD = { width: 3840, height: 2160 };
const OFFSET = '+08:00';

interface Feature<P> {
  properties: P;
  geometry: { coordinates: [number, number] } | null;
}
interface IncidentProperties {
  id: number;
  communityId: number;
  status: string;
  overdue: boolean;
  reportedAt: string;
  title: string;
}

async function json<T>(context: BrowserContext, url: string): Promise<T> {
  const response = await context.request.get(url);
  assert(response.ok(), `${url} answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Every page of a list, following `next`. */
async function allFeatures<P>(context: BrowserContext, url: string): Promise<Feature<P>[]> {
  const features: Feature<P>[] = [];
  let next: string | undefined = url;
  while (next) {
    const page: { features: Feature<P>[]; next?: string } = await json(context, next);
    features.push(...page.features);
    next = page.next;
  }
  return features;
}

async function newPage(browser: Browser, baseUrl: string, viewport = FULL_HD, locale = 'zh-CN') {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale, timezoneId: 'Asia/Shanghai' });
  return { context, page: await context.newPage() };
}

const bodyText = (page: Page) => page.locator('body').innerText();

/** Ends a session on the server while the browser keeps its cookie: what an expired session looks like. */
async function endSessionBehindTheBrowser(baseUrl: string, context: BrowserContext) {
  const cookie = await sessionCookie(context);
  const response = await fetch(`${baseUrl}/api/session`, { method: 'DELETE', headers: { cookie: `gridatlas_session=${cookie}` } });
  assert(response.status === 204, `ending the session answered ${response.status}`);
}

async function makeDisplayToken(context: BrowserTestContext, label: string): Promise<{ id: number; token: string; leader: BrowserContext }> {
  const leader = await signedInContext(context.browser, context.baseUrl, 'leader');
  const response = await leader.request.post('/api/display-tokens', { data: { label } });
  assert(response.status() === 201, `POST /api/display-tokens answered ${response.status()}`);
  const { id, token } = (await response.json()) as { id: number; token: string };
  return { id, token, leader };
}

/** Display tokens issued during the run: no response, screen or log line may contain them. */
const issuedTokens: string[] = [];

/** Records every (name in the title, households in the profile) pair /screen shows, from the first frame on. */
const PAIR_RECORDER_SOURCE = `(() => {
  const seen = (window.__pairs = []);
  new MutationObserver(() => {
    const title = document.querySelector('[data-testid="screen-community"]');
    const households = document.querySelector('[data-testid="screen-profile"] .screen-profile-grid b');
    const name = title && title.textContent ? title.textContent.trim() : '';
    const value = households && households.textContent ? households.textContent.trim() : '';
    if (!name || !value || value === '–') return;
    const pair = name + '|' + value;
    if (!seen.includes(pair)) seen.push(pair);
  }).observe(document, { subtree: true, childList: true, characterData: true });
})()`;

/** Run in the page as text (the test runner's transpiler would add helpers that do not exist there). */
const LAYOUT_PROBLEMS_SOURCE = `(() => {
  const problems = [];
  const fits = (element, what) => {
    if (element.scrollWidth > element.clientWidth + 1) problems.push(what + ' "' + element.textContent + '" overflows (' + element.scrollWidth + ' > ' + element.clientWidth + ')');
  };
  const title = document.querySelector('.screen-title h1');
  fits(title, 'title');
  const lineHeight = parseFloat(getComputedStyle(title).lineHeight);
  if (title.getBoundingClientRect().height > lineHeight * 1.4) problems.push('the title wraps');
  const titleBox = title.getBoundingClientRect();
  const nameBox = document.querySelector('[data-testid="screen-community"]').getBoundingClientRect();
  if (nameBox.top < titleBox.bottom - 1) problems.push('the title covers the community name');
  document.querySelectorAll('.screen-panel-title h2').forEach((heading) => fits(heading, 'panel title'));
  document.querySelectorAll('.screen-kpi-label, .screen-kpi-note').forEach((label) => fits(label, 'KPI label'));
  document.querySelectorAll('.screen-header-side > *, .screen-subtitle > *').forEach((item) => fits(item, 'header item'));
  return problems;
})()`;

const localDate = (instant: Date) => new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const addDays = (date: string, days: number) => localDate(new Date(Date.parse(`${date}T12:00:00${OFFSET}`) + days * 86_400_000));

export const ISSUE_EIGHT_TESTS: BrowserTest[] = [
  {
    name: 'issue 8.1: /screen?token=… draws the basemap and the data without a session; the token never shows on screen or in a response',
    async run(context) {
      const { token, leader } = await makeDisplayToken(context, '浏览器测试大屏');
      issuedTokens.push(token);
      await leader.close();
      const { context: wall, page } = await newPage(context.browser, context.baseUrl);
      try {
        const errors = collectConsoleErrors(page);
        const problems: string[] = [];
        const bodies: Promise<void>[] = [];
        page.on('response', (response) => {
          if (!response.url().includes('/api/')) return;
          if (response.status() >= 400) problems.push(`${response.status()} ${response.url().replace(token, '<token>')}`);
          // The live event stream never ends while the page is open: its body cannot be awaited here (its events
          // are incidents, written by the server, and the server tests check that no body carries a token).
          if (response.headers()['content-type']?.startsWith('text/event-stream')) return;
          bodies.push(response.text().then((text) => {
            if (text.includes(token)) problems.push(`the answer of ${response.url().replace(token, '<token>')} contains the token`);
          }, () => undefined));
        });
        await page.goto(`/screen?token=${token}&fps=2`);
        await waitForMap(page);
        await waitFor(async () => ((await page.getByTestId('kpi-open-value').textContent())?.trim() ?? '–') !== '–', { what: 'the KPIs', timeout: 150_000 });
        const layers = (await page.getByTestId('map-canvas').getAttribute('data-layers')) ?? '';
        assert(layers.includes('incident-points') && layers.includes('grids'), `the data layers should be drawn, got ${layers}`);
        await Promise.all(bodies);
        assert(problems.length === 0, `requests of the wall display failed or leaked:\n${problems.join('\n')}`);
        const text = await bodyText(page);
        assert(!text.includes(token), 'the screen shows the display token');
        assert((await page.getByTestId('map-error').count()) === 0, 'the map shows an error');
        assert(errors.filter((error) => error.includes(token)).length === 0, 'a console message contains the token');
      } finally {
        await wall.close();
      }
    },
  },
  {
    name: 'issue 8.1: the token page makes a /screen link, copies it, revokes it; the revoked wall says so and keeps retrying',
    async run(context) {
      const leader = await signedInContext(context.browser, context.baseUrl, 'leader', FULL_HD);
      await leader.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: context.baseUrl });
      const { context: wall, page: wallPage } = await newPage(context.browser, context.baseUrl);
      try {
        const page = await leader.newPage();
        await page.goto('/tokens');
        await page.getByTestId('token-label').fill('街道指挥中心大屏');
        await page.getByTestId('token-tour').fill('0');
        await page.getByTestId('token-create').click();
        await page.getByTestId('token-made').waitFor({ timeout: 60_000 });
        await page.getByTestId('token-copy').click();
        await page.getByText('已复制到剪贴板').waitFor({ timeout: 30_000 });
        const link = await page.evaluate(() => navigator.clipboard.readText());
        const url = new URL(link);
        const token = url.searchParams.get('token') ?? '';
        issuedTokens.push(token);
        assert(url.pathname === '/screen' && token.length >= 20 && url.searchParams.get('kiosk') === '1', `the copied link should be a full /screen link with a token, got ${link.replace(token, '<token>')}`);
        assert(!(await bodyText(page)).includes(token), 'the token page shows the token');
        await screenshotPage(page, 'tokens', context.updateDocsScreenshots ? path.join(DOCS_SCREENSHOTS, 'tokens.png') : undefined);

        // The wall opens the link, with a short refresh so the revocation shows soon.
        await wallPage.goto(`${url.pathname}${url.search}&refresh=5&fps=2`);
        await waitFor(async () => ((await wallPage.getByTestId('kpi-open-value').textContent())?.trim() ?? '–') !== '–', { what: 'the wall to show its KPIs', timeout: 150_000 });
        assert((await wallPage.getByTestId('screen-menu-button').count()) === 0, 'kiosk=1 should hide the corner menu');

        page.once('dialog', (dialog) => dialog.accept());
        const row = page.getByTestId('token-row').filter({ hasText: '街道指挥中心大屏' }).first();
        await row.getByTestId('token-revoke').click();
        await page.locator('[data-testid="token-row"][data-revoked="true"]').filter({ hasText: '街道指挥中心大屏' }).first().waitFor({ timeout: 60_000 });

        await wallPage.getByTestId('token-revoked').waitFor({ timeout: 120_000 });
        const message = await bodyText(wallPage);
        assert(message.includes('此显示链接已失效') && message.includes('撤销'), `the wall should say plainly that its link was revoked, got: ${message}`);
        assert(!message.includes(token), 'the revoked wall shows the token');
        const firstTry = await wallPage.getByTestId('token-revoked-retry').textContent();
        const retried = await waitFor(async () => {
          const now = await wallPage.getByTestId('token-revoked-retry').textContent();
          return now !== firstTry ? now : null;
        }, { what: 'the wall to try again', timeout: 120_000 });
        context.log(`    ${firstTry?.trim()} → ${retried.trim()}`);
      } finally {
        await wall.close();
        await leader.close();
      }
    },
  },
  {
    name: 'issue 8.3: /screen draws every open incident of the community on top of the buildings, old ones too; the 超期 KPI opens the overdue list',
    async run(context) {
      const community = await communityNamed(context, 'analyst', '大同街社区');
      const analyst = await signedInContext(context.browser, context.baseUrl, 'analyst', FULL_HD);
      try {
        const open = await allFeatures<IncidentProperties>(analyst, `/api/incidents?community=${community.id}&statuses=reported,assigned,in_progress,verified,returned&limit=5000`);
        const old = open.filter((incident) => Date.parse(incident.properties.reportedAt) < Date.now() - 30 * 86_400_000);
        assert(old.length > 0, 'the demo data should have open incidents older than 30 days in 大同街社区');
        const page = await analyst.newPage();
        await page.goto(`/screen?community=${community.id}&fps=2&layers=grids,buildings,points`);
        await waitForMap(page);
        await waitForMapIdle(page);
        await waitFor(async () => ((await page.getByTestId('map-canvas').getAttribute('data-layers')) ?? '').includes('buildings'), { what: 'the buildings', timeout: 120_000 });
        const picks = await page.evaluate((incidents) => {
          const probe = window.__gridatlasMaps?.map;
          const canvas = document.querySelector('[data-testid="map-canvas"]')!.getBoundingClientRect();
          return incidents.map(({ id, lonLat }) => {
            const [x, y] = probe!.project(lonLat);
            const inside = x > 2 && y > 2 && x < canvas.width - 2 && y < canvas.height - 2;
            return { id, inside, picked: inside ? probe!.pick(x, y) : null };
          });
        }, open.map((incident) => ({ id: incident.properties.id, lonLat: incident.geometry!.coordinates })));
        const visible = picks.filter((pick) => pick.inside);
        const onTop = visible.filter((pick) => pick.picked?.layer === 'incident-points');
        context.log(`    ${open.length} open incidents (${old.length} older than 30 days); ${onTop.length} of ${visible.length} in view are on top`);
        assert(visible.length >= open.length * 0.8, `most open incidents should be in view (${visible.length} of ${open.length})`);
        const hidden = visible.filter((pick) => pick.picked?.layer !== 'incident-points');
        assert(hidden.length === 0, `incidents hidden under other layers: ${JSON.stringify(hidden)}`);
        const oldIds = new Set(old.map((incident) => incident.properties.id));
        assert(visible.filter((pick) => oldIds.has(pick.id)).every((pick) => pick.picked?.layer === 'incident-points'), 'an old open incident is not drawn');

        const kpi = Number((await page.getByTestId('kpi-overdue-value').textContent())?.replace(/\D/g, ''));
        await page.getByTestId('kpi-overdue').click();
        await page.getByTestId('overdue-list').waitFor({ timeout: 30_000 });
        const listed = (await page.getByTestId('overdue-item').evaluateAll((items) => items.map((item) => Number((item as HTMLElement).dataset.incident)))).sort((a, b) => a - b);
        const overdue = open.filter((incident) => incident.properties.overdue).map((incident) => incident.properties.id).sort((a, b) => a - b);
        assert(JSON.stringify(listed) === JSON.stringify(overdue), `the overdue list ${listed} should be the overdue incidents ${overdue}`);
        assert(listed.length === kpi, `the 超期 KPI (${kpi}) should count the listed incidents (${listed.length})`);
        assert(page.url().includes('overdue=1'), 'the open list should be in the URL');
        await screenshotPage(page, 'screen-overdue-list');
      } finally {
        await analyst.close();
      }
    },
  },
  {
    name: 'issue 8.4: a grid member reports an incident and moves it through the workflow at phone width (390×844)',
    async run(context) {
      const staff = await signedInContext(context.browser, context.baseUrl, 'staff_taoyuan', PHONE);
      const planner = await signedInContext(context.browser, context.baseUrl, 'planner', FULL_HD);
      try {
        const page = await staff.newPage();
        const errors = collectConsoleErrors(page);
        await page.goto('/');
        await page.getByTestId('tasks').waitFor({ timeout: 90_000 });
        await page.getByTestId('task-card').first().waitFor({ timeout: 90_000 });
        await screenshotPage(page, 'tasks-phone', context.updateDocsScreenshots ? path.join(DOCS_SCREENSHOTS, 'tasks-phone.png') : undefined);
        await page.getByTestId('tasks-tab-report').click();
        await page.locator('[data-testid="report-map-canvas"][data-map-ready="true"]').waitFor({ state: 'attached', timeout: 150_000 });
        await waitForMapIdle(page, 'report-map');
        const title = `手机上报 ${Date.now()}`;
        await page.getByTestId('report-category').selectOption('illegal_dumping');
        await page.getByTestId('report-title').fill(title);
        await page.getByTestId('report-description').fill('楼道口堆放大量纸箱');
        // Without a place: the form says so and keeps what was typed.
        await page.getByTestId('report-submit').click();
        const problem = await page.getByTestId('report-problem').textContent({ timeout: 30_000 });
        assert(problem?.includes('请先选择事件位置'), `expected the missing-location message, got "${problem}"`);
        assert((await page.getByTestId('report-title').inputValue()) === title, 'the title was lost');
        // Tap the middle of the community on the map.
        const box = (await page.getByTestId('report-map').boundingBox())!;
        await page.getByTestId('report-map').click({ position: { x: box.width / 2, y: box.height / 2 } });
        await waitFor(async () => ((await page.getByTestId('report-location').textContent()) ?? '').includes(','), { what: 'the chosen place', timeout: 30_000 });
        await screenshotPage(page, 'report-phone', context.updateDocsScreenshots ? path.join(DOCS_SCREENSHOTS, 'report-phone.png') : undefined);
        await page.getByTestId('report-submit').click();
        await page.getByTestId('task-detail').waitFor({ timeout: 60_000 });
        await page.getByText(title).first().waitFor({ timeout: 60_000 });
        const moves = async () => (await page.locator('[data-testid^="workflow-move-"]').evaluateAll((buttons) => buttons.map((button) => (button as HTMLElement).dataset.testid!.replace('workflow-move-', '')))).sort();
        assert(JSON.stringify(await moves()) === JSON.stringify(['assigned']), `a reported incident can only be assigned, buttons: ${await moves()}`);
        await page.getByTestId('workflow-move-assigned').click();
        await page.locator('[data-testid="workflow-actions"][data-status="assigned"]').waitFor({ timeout: 60_000 });
        assert(JSON.stringify(await moves()) === JSON.stringify(['in_progress', 'returned']), `an assigned incident: ${await moves()}`);
        await page.getByTestId('workflow-move-returned').click();
        await page.getByTestId('workflow-return').waitFor({ timeout: 30_000 });
        assert(await page.getByTestId('workflow-confirm-return').isDisabled(), 'returning without a note must not be possible');
        await page.getByTestId('workflow-return-note').fill('位置不在本网格,请重新分派');
        await page.getByTestId('workflow-confirm-return').click();
        await page.locator('[data-testid="workflow-actions"][data-status="returned"]').waitFor({ timeout: 60_000 });
        await page.getByText('位置不在本网格,请重新分派').first().waitFor({ timeout: 30_000 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert(overflow <= 0, `the page is ${overflow} px wider than the phone`);
        assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);

        // A view the role may not open says so.
        const plannerPage = await planner.newPage();
        await plannerPage.goto('/screen');
        const denied = await plannerPage.getByTestId('no-view-access').textContent({ timeout: 60_000 });
        assert(denied?.includes('无权访问此视图'), `expected "no access to this view", got "${denied}"`);
      } finally {
        await planner.close();
        await staff.close();
      }
    },
  },
  {
    name: 'issue 8.5: /screen has a corner menu to the other views, layer toggles and sign-out; kiosk=1 hides it',
    async run(context) {
      const leader = await signedInContext(context.browser, context.baseUrl, 'leader', FULL_HD);
      try {
        const page = await leader.newPage();
        await page.goto('/screen?fps=2');
        await waitForMap(page);
        const layers = async () => ((await page.getByTestId('map-canvas').getAttribute('data-layers')) ?? '').split(',');
        await waitFor(async () => (await layers()).includes('buildings'), { what: 'the buildings layer', timeout: 120_000 });
        await page.getByTestId('screen-menu-button').click();
        await page.getByTestId('screen-menu').waitFor({ timeout: 30_000 });
        for (const layer of ['heat', 'points', 'patrols', 'missed', 'volunteers', 'buildings']) assert((await page.getByTestId(`layer-toggle-${layer}`).count()) === 1, `no toggle for ${layer}`);
        await page.getByTestId('layer-toggle-buildings').uncheck();
        await waitFor(async () => !(await layers()).includes('buildings'), { what: 'the buildings to go', timeout: 60_000 });
        // Volunteer density is on by default (issue 11); it can be switched off and on again.
        await waitFor(async () => (await layers()).includes('volunteer-density'), { what: 'the volunteer density, on by default', timeout: 120_000 });
        await page.getByTestId('layer-toggle-volunteers').uncheck();
        await waitFor(async () => !(await layers()).includes('volunteer-density'), { what: 'the volunteer density to go', timeout: 60_000 });
        await page.getByTestId('layer-toggle-volunteers').check();
        await waitFor(async () => (await layers()).includes('volunteer-density'), { what: 'the volunteer density to show', timeout: 120_000 });
        await page.getByTestId('layer-toggle-heat').uncheck();
        await waitFor(async () => !(await layers()).includes('incident-heat'), { what: 'the heat to go', timeout: 60_000 });
        const url = new URL(page.url());
        assert(url.searchParams.get('layers')?.split(',').includes('volunteers') && !url.searchParams.get('layers')?.includes('buildings'), `the toggles should be in the URL: ${url.search}`);
        await screenshotPage(page, 'screen-menu');
        // The link restores the toggles.
        await page.reload();
        await waitFor(async () => (await layers()).includes('volunteer-density') && !(await layers()).includes('buildings'), { what: 'the toggles after a reload', timeout: 150_000 });
        await page.getByTestId('screen-menu-button').click({ timeout: 90_000 });
        await page.getByTestId('nav-analyze').click({ timeout: 90_000 });
        await page.getByTestId('analyze').waitFor({ timeout: 60_000 });
        await page.goto('/screen?kiosk=1&fps=2');
        await page.getByTestId('screen').waitFor({ timeout: 60_000 });
        assert((await page.getByTestId('screen-menu-button').count()) === 0, 'kiosk=1 should hide the corner menu');
        await page.goto('/screen?fps=2&layers=grids');
        await waitForMap(page);
        await page.getByTestId('screen-menu-button').click({ timeout: 90_000 });
        await page.getByTestId('screen-sign-out').click({ timeout: 90_000 });
        await page.getByTestId('login-form').waitFor({ timeout: 60_000 });
        assert((await leader.request.get('/api/session')).status() === 401, 'signing out should end the session');
      } finally {
        await leader.close();
      }
    },
  },
  {
    name: 'issue 8.6: every view survives a bad link, says what it ignored, and a crash shows a Chinese message',
    async run(context) {
      const analyst = await signedInContext(context.browser, context.baseUrl, 'analyst', FULL_HD);
      try {
        const page = await analyst.newPage();
        const errors = collectConsoleErrors(page);
        await page.goto('/analyze?from=2026-13-45&to=2026-02-30&mode=satellite&categories=fire,sanitation&community=99999&map=999,999,99');
        // The community is checked once the user's areas have arrived.
        const notice = await waitFor(async () => {
          const text = await page.getByTestId('url-notice').textContent({ timeout: 90_000 });
          return text?.includes('community') ? text : null;
        }, { what: 'the notice to name the community', timeout: 90_000 });
        for (const name of ['from', 'to', 'mode', 'categories', 'community', 'map']) assert(notice.includes(name), `the notice should name ${name}: ${notice}`);
        await waitFor(async () => Number((await page.getByTestId('result-count').getAttribute('data-count')) || 'NaN') >= 0, { what: 'a result count', timeout: 150_000 });
        assert((await page.getByTestId('filter-category-sanitation').locator('input').isChecked()) && !(await page.getByTestId('filter-category-illegal_dumping').locator('input').isChecked()), 'the valid category should be kept');
        await page.goto('/screen?tour=abc&refresh=-1&layers=bogus&measure=x&fps=1000&community=0');
        const screenNotice = await waitFor(async () => {
          const text = await page.getByTestId('url-notice').textContent({ timeout: 90_000 });
          return text?.includes('community') ? text : null;
        }, { what: 'the /screen notice', timeout: 90_000 });
        for (const name of ['tour', 'refresh', 'layers', 'measure', 'fps', 'community']) assert(screenNotice?.includes(name), `the /screen notice should name ${name}: ${screenNotice}`);
        await page.goto('/plan?community=99999&grid=abc');
        const planNotice = await waitFor(async () => {
          const text = await page.getByTestId('url-notice').textContent({ timeout: 90_000 });
          return text?.includes('community') && text.includes('grid') ? text : null;
        }, { what: 'the /plan notice to name community and grid', timeout: 90_000 });
        context.log(`    ${planNotice}`);
        await page.getByTestId('grid-table').locator('tbody tr').first().waitFor({ timeout: 90_000 });
        // An unknown incident: a translated message, never the server's English.
        await page.goto('/analyze?incident=999999999');
        const detailError = await page.getByTestId('incident-detail').getByTestId('error-message').textContent({ timeout: 90_000 });
        assert(/没有找到/.test(detailError ?? '') && !/not found/i.test(detailError ?? ''), `expected a Chinese not-found message, got "${detailError}"`);
        const unexpected = errors.filter((error) => !error.includes('404'));
        assert(unexpected.length === 0, `console errors:\n${unexpected.join('\n')}`);
        // A view that throws while drawing: the error boundary, in Chinese, not a blank page.
        await page.route('**/api/stats/incidents**', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{}' }));
        await page.goto('/screen?fps=2');
        const crash = await page.getByTestId('error-boundary').textContent({ timeout: 90_000 });
        assert(crash?.includes('页面出错了') && crash.includes('重新加载'), `expected the Chinese error notice, got "${crash}"`);
      } finally {
        await analyst.close();
      }
    },
  },
  {
    name: 'issue 8.6: an expired session returns to the login page in Chinese and then to the same URL',
    async run(context) {
      const community = await communityNamed(context, 'analyst', '县衙社区');
      const analyst = await signedInContext(context.browser, context.baseUrl, 'analyst', FULL_HD);
      try {
        const page = await analyst.newPage();
        const target = `/analyze?community=${community.id}&mode=points&from=2026-01-01`;
        await page.goto(target);
        await waitFor(async () => (await page.getByTestId('result-count').getAttribute('data-count')) || null, { what: 'the results', timeout: 150_000 });
        await endSessionBehindTheBrowser(context.baseUrl, analyst);
        await page.getByTestId('range-7').click();
        await page.getByTestId('login-expired').waitFor({ timeout: 90_000 });
        const text = await bodyText(page);
        assert(text.includes('登录已过期') && !/expired|log in again/i.test(text), `expected only the Chinese expiry message, got: ${text}`);
        const urlBefore = new URL(page.url());
        await page.locator('input[name="username"]').fill('analyst');
        await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
        await page.getByTestId('login-submit').click();
        await page.getByTestId('analyze').waitFor({ timeout: 90_000 });
        const url = new URL(page.url());
        assert(url.pathname === '/analyze' && url.search === urlBefore.search && url.searchParams.get('community') === String(community.id) && url.searchParams.get('mode') === 'points', `back at another URL: ${url.pathname}${url.search}`);
        await waitFor(async () => (await page.getByTestId('result-count').getAttribute('data-count')) || null, { what: 'the results after signing in again', timeout: 150_000 });
      } finally {
        await analyst.close();
      }
    },
  },
  {
    name: "issue 8.7: the tour shows a community's name only with its own numbers, also when its numbers are slow",
    async run(context) {
      const leader = await signedInContext(context.browser, context.baseUrl, 'leader', FULL_HD);
      try {
        const page = await leader.newPage();
        // Slow answers for the KPIs: the next community's name must wait for them.
        await page.route('**/api/communities/**', async (route) => {
          try {
            const response = await route.fetch();
            await new Promise((resolve) => setTimeout(resolve, 3000)); // a slow server, simulated for this route only
            await route.fulfill({ response });
          } catch {
            // The page has gone (the test ended) while the answer was held back.
          }
        });
        // Every (name in the title, households in the profile) pair the page ever shows, from the first frame on.
        // (Given as text: the test runner's transpiler would add helpers that do not exist in the page.)
        await page.addInitScript(PAIR_RECORDER_SOURCE);
        await page.goto('/screen?tour=5&fps=2');
        const community = page.getByTestId('screen-community');
        const names: string[] = [];
        await waitFor(async () => {
          const name = (await community.textContent())?.trim();
          if (name && names[names.length - 1] !== name) names.push(name);
          return names.length >= 3;
        }, { what: 'the tour to visit three communities', timeout: 180_000, interval: 200 });
        // Each name was shown only with its own community's households.
        const pairs = await page.evaluate(() => (window as unknown as { __pairs: string[] }).__pairs);
        const { tree } = await json<{ tree: { id: number; name: string; level: string; children: unknown[] } }>(leader, '/api/areas');
        const ids = new Map<string, number>();
        const walk = (node: { id: number; name: string; level: string; children: unknown[] }) => {
          if (node.level === 'community') ids.set(node.name, node.id);
          (node.children as (typeof node)[]).forEach(walk);
        };
        walk(tree);
        const wrong: string[] = [];
        for (const pair of pairs) {
          const [name, shown] = pair.split('|');
          const kpis = (await json<{ properties: { kpis: { households: number } } }>(leader, `/api/communities/${ids.get(name)}`)).properties.kpis;
          if (shown.replace(/\D/g, '') !== String(kpis.households)) wrong.push(`${name} shown with ${shown} households (its own: ${kpis.households})`);
        }
        assert(pairs.length >= 3, `expected at least three communities seen, got ${pairs.join(', ')}`);
        assert(wrong.length === 0, `a name was shown over another community's numbers:\n${wrong.join('\n')}`);
        context.log(`    ${names.join(' → ')}; ${pairs.length} name/number pairs, all matching`);
      } finally {
        for (const page of leader.pages()) await page.unrouteAll({ behavior: 'ignoreErrors' });
        await leader.close();
      }
    },
  },
  {
    name: 'issue 8.8: in English the /screen title, panel titles and KPI labels fit on one line at 1920×1080 and 3840×2160',
    async run(context) {
      for (const viewport of [FULL_HD, UHD]) {
        for (const user of ['leader', 'analyst']) {
          const browserContext = await signedInContext(context.browser, context.baseUrl, user, viewport);
          try {
            const page = await browserContext.newPage();
            await page.goto('/screen?lang=en&fps=1&layers=grids');
            await waitFor(async () => ((await page.getByTestId('screen-community').textContent())?.trim() ?? '') !== '', { what: 'the community name', timeout: 150_000 });
            await waitFor(async () => ((await page.getByTestId('kpi-patrol-value').textContent())?.trim() ?? '–') !== '–', { what: 'the patrol KPI', timeout: 150_000 });
            const report = (await page.evaluate(LAYOUT_PROBLEMS_SOURCE)) as string[];
            await screenshotPage(page, `screen-english-${viewport.width}-${user}`);
            assert(report.length === 0, `${viewport.width}×${viewport.height} as ${user}:\n${report.join('\n')}`);
          } finally {
            await browserContext.close();
          }
        }
      }
    },
  },
  {
    name: 'issue 8.10: hexbins end in a visible class shown in the legend, data-as-of has a date, the two 城关镇 are told apart, /plan counts below and above apart, grid labels do not collide',
    async run(context) {
      const analyst = await signedInContext(context.browser, context.baseUrl, 'analyst', FULL_HD);
      const planner = await signedInContext(context.browser, context.baseUrl, 'planner', FULL_HD);
      try {
        const page = await analyst.newPage();
        const community = await communityNamed(context, 'analyst', '大同街社区');
        await page.goto(`/analyze?community=${community.id}&mode=hexagons`);
        await waitForMap(page);
        const ramp = await page.locator('.legend-ramp-bar').first().evaluate((bar) => getComputedStyle(bar).backgroundImage);
        const colours = ramp.match(/rgb\([^)]*\)/g) ?? [];
        assert(colours.length === 6, `the hexbin legend should show all six classes, got ${ramp}`);
        assert(!colours.some((colour) => colour.replace(/\s/g, '') === 'rgb(255,255,255)'), `no class may be white: ${ramp}`);
        const tree = await page.getByTestId('area-tree').innerText();
        assert(tree.includes('内乡县城关镇') && tree.includes('桐柏县城关镇'), `the two 城关镇 should carry their county: ${tree}`);

        await page.goto(`/screen?community=${community.id}&fps=2`);
        const asOf = await waitFor(async () => {
          const text = (await page.getByTestId('screen-data-as-of').textContent()) ?? '';
          return /\d{1,2}\/\d{1,2}\s+\d{2}:\d{2}:\d{2}/.test(text) ? text : null;
        }, { what: 'data-as-of with a date', timeout: 150_000 });
        const street = await waitFor(async () => (await page.getByTestId('screen-street').textContent())?.trim(), { what: 'the title', timeout: 60_000 });
        assert(street === '桐柏县城关镇', `the title should name the county's 城关镇, got "${street}"`);
        context.log(`    ${asOf}; ${street}`);

        const planPage = await planner.newPage();
        const taoyuan = await communityNamed(context, 'planner', '桃园社区');
        await planPage.goto(`/plan?community=${taoyuan.id}`);
        await waitForMap(planPage);
        await waitForMapIdle(planPage);
        const summary = (await planPage.getByTestId('plan-summary').textContent()) ?? '';
        const balances = await planPage.locator('[data-testid^="grid-row-"] .balance-bar').evaluateAll((bars) => bars.map((bar) => (bar as HTMLElement).dataset.balance));
        const below = balances.filter((balance) => balance === 'below').length;
        const above = balances.filter((balance) => balance === 'above').length;
        assert(summary.includes(`${below} 个低于标准`) && summary.includes(`${above} 个超出标准`), `the summary "${summary}" should count ${below} below and ${above} above the norm`);
        // Grid labels at community zoom: the drawn names do not overlap (measured with the label font).
        const overlaps = await planPage.evaluate(() => {
          const probe = window.__gridatlasMaps?.map;
          const context2d = document.createElement('canvas').getContext('2d')!;
          context2d.font = '600 13px "Noto Sans CJK SC", sans-serif';
          const boxes = probe!.labels('grid-labels').map(({ text, lonLat }) => {
            const [x, y] = probe!.project(lonLat);
            const width = context2d.measureText(text).width + 8;
            return { text, box: [x - width / 2, y - 9, x + width / 2, y + 9] };
          });
          const found: string[] = [];
          for (let a = 0; a < boxes.length; a++) for (let b = a + 1; b < boxes.length; b++) {
            const [p, q] = [boxes[a].box, boxes[b].box];
            if (p[0] < q[2] && q[0] < p[2] && p[1] < q[3] && q[1] < p[3]) found.push(`${boxes[a].text} / ${boxes[b].text}`);
          }
          return { count: boxes.length, found };
        });
        assert(overlaps.count >= 3, `expected grid labels at community zoom, got ${overlaps.count}`);
        assert(overlaps.found.length === 0, `grid labels overlap: ${overlaps.found.join('; ')}`);
      } finally {
        await planner.close();
        await analyst.close();
      }
    },
  },
  {
    name: 'issue 8.2: with the server clock at 22:59, 23:00, 23:01 and 08:00, /screen shows one patrol night for KPI, missed courtyards and routes',
    settableClock: true,
    async run(context) {
      const community = await communityNamed(context, 'leader', '桃园社区');
      const leader = await signedInContext(context.browser, context.baseUrl, 'leader', FULL_HD);
      try {
        // Two patrolled nights in a row in the demo data (the last ten days).
        const now = Date.now();
        const recent = await allFeatures<{ startedAt: string }>(leader, `/api/patrols?community=${community.id}&from=${new Date(now - 10 * 86_400_000).toISOString()}&to=${new Date(now).toISOString()}&limit=200`);
        const nights = new Set(recent.map((patrol) => localDate(new Date(patrol.properties.startedAt))));
        const night = [...nights].sort().reverse().find((date) => nights.has(addDays(date, -1)) && date < localDate(new Date(now)));
        assert(night, `no two patrolled nights in a row among ${[...nights]}`);
        const cases = [
          { at: `${night}T22:59:00${OFFSET}`, last: addDays(night, -1), tonight: night },
          { at: `${night}T23:00:00${OFFSET}`, last: night, tonight: '' },
          { at: `${night}T23:01:00${OFFSET}`, last: night, tonight: '' },
          { at: `${addDays(night, 1)}T08:00:00${OFFSET}`, last: night, tonight: '' },
        ];
        for (const testCase of cases) {
          await context.server.setClock(new Date(testCase.at));
          const coverage = await json<{ night: string; coverage: number; patrols: number; starts: string; ends: string; missed: { features: unknown[] } }>(leader, `/api/patrols/coverage?community=${community.id}`);
          assert(coverage.night === testCase.last, `at ${testCase.at} the API's last night is ${coverage.night}, expected ${testCase.last}`);
          const page = await leader.newPage();
          try {
            await page.goto(`/screen?community=${community.id}&fps=2&layers=grids,patrols,missed`);
            const badge = page.getByTestId('kpi-patrol-night');
            await badge.waitFor({ timeout: 150_000 });
            assert((await badge.getAttribute('data-night')) === testCase.last, `at ${testCase.at} the KPI is about ${await badge.getAttribute('data-night')}, expected ${testCase.last}`);
            assert((await badge.getAttribute('data-tonight')) === testCase.tonight, `at ${testCase.at} tonight in progress: "${await badge.getAttribute('data-tonight')}", expected "${testCase.tonight}"`);
            if (testCase.tonight) assert((await badge.textContent())?.includes('今晚巡逻进行中'), 'tonight should be shown as in progress');
            const value = await waitFor(async () => {
              const text = (await page.getByTestId('kpi-patrol-value').textContent())?.trim();
              return text && text !== '–' ? text : null;
            }, { what: 'the patrol KPI', timeout: 150_000 });
            assert(value === String(Math.round(coverage.coverage * 100)), `at ${testCase.at} the KPI shows ${value} %, the API ${coverage.coverage}`);
            assert(coverage.patrols > 0 && coverage.coverage > 0, `no false alarm: ${coverage.patrols} patrols, coverage ${coverage.coverage}`);
            await waitFor(async () => ((await page.getByTestId('map-canvas').getAttribute('data-layers')) ?? '').includes('patrol-trips'), { what: 'the patrol routes', timeout: 150_000 });
            const legend = await page.getByTestId('legend').innerText();
            assert(legend.includes(`${coverage.missed.features.length} 个楼院未巡到`), `the legend should count ${coverage.missed.features.length} missed courtyards: ${legend}`);
            // The routes drawn are those of that night.
            const routes = await json<{ features: Array<{ properties: { times: number[] } }> }>(leader, `/api/patrols?community=${community.id}&night=${testCase.last}`);
            assert(routes.features.length === coverage.patrols && routes.features.every((route) => route.properties.times[0] * 1000 >= Date.parse(coverage.starts) - 60_000 && route.properties.times.at(-1)! * 1000 <= Date.parse(coverage.ends)), 'the routes should be those of the night');
            if (testCase.tonight) await screenshotPage(page, 'screen-patrol-2259');
          } finally {
            await page.close();
          }
        }
      } finally {
        await context.server.setClock(null);
        await leader.close();
      }
    },
  },
  {
    name: 'issue 8.1: no server log line contains a display token that was issued (the screens and responses are checked above)',
    async run(context) {
      // Runs after the tests that issued tokens and opened /screen?token=… (tests that did not run issue none).
      const output = context.server.output();
      assert(output.length > 0, 'the server log was not captured');
      const leaked = issuedTokens.filter((token) => output.includes(token));
      const lines = output.split('\n').filter((line) => leaked.some((token) => line.includes(token)));
      context.log(`    ${issuedTokens.length} tokens issued; ${output.split('\n').length} log lines checked`);
      assert(leaked.length === 0, `the server log contains display tokens in ${lines.length} lines, e.g.:\n${lines.slice(0, 3).map((line) => line.replace(/token=[^&"\s]+/g, 'token=<token>')).join('\n')}`);
    },
  },
];
