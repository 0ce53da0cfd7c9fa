// Per-step time limits as the city's admin sets them (办理时限, /time-limits), and what a user then sees: an open
// incident that was within its limit is marked overdue (超期) in the grid member's list on /tasks, in the analyst's
// list and detail on /analyze, and ringed on the /analyze map. Other roles have no access to the view.
import { localDateOf } from '#domain/local-time.ts';
import type { BrowserTest } from './views.browser.ts';
import { communityNamed, DESKTOP } from './views.browser.ts';
import { assert, collectConsoleErrors, screenshotPage, signedInContext, waitFor, waitForMap } from './browser.ts';

interface Incident {
  properties: { id: number; communityId: number; category: string; status: string; title: string; reportedAt: string; updatedAt: string; overdue: boolean; dueAt: string | null };
}

const HOUR = 3_600_000;
const OPEN = 'reported,assigned,in_progress,verified,returned';

export const TIME_LIMIT_BROWSER_TESTS: BrowserTest[] = [
  {
    name: 'issue 11: an admin shortens a time limit on /time-limits and the incident shows as overdue in the lists and on the map; other roles have no access',
    async run(context) {
      const admin = await signedInContext(context.browser, context.baseUrl, 'admin', DESKTOP);
      let restore: { category: string; status: string; hours: number } | null = null;
      let staff: Awaited<ReturnType<typeof signedInContext>> | null = null;
      try {
        // An open incident of a grid member's community that has waited at its step for a while and is still within
        // its limit: shortening the limit of its category and step below that wait makes it overdue, whatever the clock.
        const members: Record<string, string> = {};
        for (const [username, name] of [['staff_taoyuan', '桃园社区'], ['staff_xianya', '县衙社区']]) members[(await communityNamed(context, username, name)).id] = username;
        const open = (await (await admin.request.get(`/api/incidents?statuses=${OPEN}&limit=5000`)).json()) as { features: Incident[] };
        const waited = (incident: Incident) => Date.now() - Date.parse(incident.properties.updatedAt);
        const candidate = open.features
          .filter((incident) => members[incident.properties.communityId] && !incident.properties.overdue && waited(incident) > 1.25 * HOUR)
          .sort((a, b) => waited(b) - waited(a))[0];
        assert(candidate, 'the demo data should have an open incident of 桃园社区 or 县衙社区 within its limit that has waited over an hour at its step');
        const { id, category, status } = candidate.properties;
        const hours = Math.max(0.25, Math.floor((waited(candidate) / HOUR - 0.5) / 0.25) * 0.25);
        const before = (await (await admin.request.get('/api/time-limits')).json()) as { hours: Record<string, Record<string, number>> };
        restore = { category, status, hours: before.hours[category][status] };
        context.log(`    #${id} (${category}, ${status}) waited ${(waited(candidate) / HOUR).toFixed(1)} h of ${restore.hours} h; the limit becomes ${hours} h`);

        // The grid member's desk before: within the limit, with the time left.
        staff = await signedInContext(context.browser, context.baseUrl, members[candidate.properties.communityId], { width: 390, height: 844 });
        const desk = await staff.newPage();
        const deskErrors = collectConsoleErrors(desk);
        await desk.goto('/tasks');
        const card = desk.locator(`[data-testid="task-card"][data-incident="${id}"]`);
        await card.waitFor({ timeout: 90_000 });
        assert((await card.getAttribute('data-overdue')) === 'false', 'the incident should not be overdue before the change');
        assert((await card.getByTestId('due-text').getAttribute('data-due')) === 'left', 'the card should show the time left');

        const page = await admin.newPage();
        const errors = collectConsoleErrors(page);
        await page.goto('/tokens');
        // The admin's view, from the navigation.
        await page.getByTestId('nav-time-limits').click();
        await page.getByTestId('limits-table').waitFor({ timeout: 60_000 });
        assert((await page.getByTestId('limits-row').count()) === 10, 'a row per category');
        await screenshotPage(page, 'time-limits');
        const cell = page.getByTestId(`limit-${category}-${status}`);
        assert(Number(await cell.inputValue()) === restore.hours, `the cell should show the limit in force, ${restore.hours}`);

        // A value the server would refuse is caught in the cell, and nothing can be saved.
        const other = page.getByTestId(`limit-${category === 'sanitation' ? 'facility_damage' : 'sanitation'}-assigned`);
        const otherValue = await other.inputValue();
        await other.fill('0');
        assert((await other.getAttribute('aria-invalid')) === 'true', '0 hours should be marked as not valid');
        assert(await page.getByTestId('limits-save').isDisabled(), 'nothing can be saved while a cell is not valid');
        assert((await page.getByTestId('limits-status').innerText()).includes('有误'), 'the bar should say a cell is wrong');
        await screenshotPage(page, 'time-limits-invalid');
        await other.fill(otherValue);

        await cell.fill(String(hours));
        assert((await page.getByTestId('limits-status').innerText()).includes('已修改 1 格'), 'one changed cell');
        await page.getByTestId('limits-save').click();
        await page.getByTestId('limits-saved').waitFor({ timeout: 30_000 });
        const after = (await (await admin.request.get('/api/time-limits')).json()) as { hours: Record<string, Record<string, number>>; updatedBy: string | null };
        assert(after.hours[category][status] === hours, `the server should hold ${hours} h, holds ${after.hours[category][status]}`);
        assert(after.updatedBy === '系统管理员', `the change should be the admin's, is ${after.updatedBy}`);
        assert((await page.getByTestId('limits-last-change').innerText()).includes('系统管理员'), 'the view should say who changed it');

        // The grid member's list, read again: overdue now, with how long.
        await desk.reload();
        await card.waitFor({ timeout: 90_000 });
        assert((await card.getAttribute('data-overdue')) === 'true', 'the card should be marked overdue after the change');
        assert(await card.evaluate((element) => element.classList.contains('task-card--overdue')), 'the card should have the overdue style');
        const dueText = await card.getByTestId('due-text').innerText();
        assert(dueText.startsWith('超期'), `the card should say how long it is overdue: ${dueText}`);
        await card.scrollIntoViewIfNeeded();
        await screenshotPage(desk, 'tasks-overdue-phone');
        await card.click();
        await desk.getByTestId('task-due').waitFor({ timeout: 30_000 });
        assert((await desk.getByTestId('task-due').innerText()).includes('超期'), 'the detail should give the deadline and how long it is overdue');
        await screenshotPage(desk, 'task-detail-overdue-phone');
        assert(deskErrors.length === 0, `console errors on /tasks: ${deskErrors.join('\n')}`);

        // The analyst's list, detail and map, filtered to the incident's category and status on the day it was reported.
        const day = localDateOf(new Date(candidate.properties.reportedAt));
        await page.goto(`/analyze?community=${candidate.properties.communityId}&categories=${category}&statuses=${status}&from=${day}&to=${localDateOf(new Date())}&mode=points`);
        await waitForMap(page);
        const item = page.locator(`[data-testid="incident-list-item"][data-incident="${id}"]`);
        await item.waitFor({ timeout: 60_000 });
        assert((await item.getAttribute('data-overdue')) === 'true', 'the analyst list should mark it overdue');
        assert((await item.getByTestId('due-text').innerText()).startsWith('超期'), 'the analyst list should say how long');
        const rings = await waitFor(async () => page.evaluate(() => window.__gridatlasMaps?.map?.dataCount('overdue-incidents') ?? null), { what: 'the overdue rings' });
        const listedOverdue = await page.locator('[data-testid="incident-list-item"][data-overdue="true"]').count();
        assert(rings >= 1 && rings >= listedOverdue, `the map should ring the overdue incidents (${rings} rings, ${listedOverdue} listed)`);
        assert((await page.getByTestId('legend').innerText()).includes('超期事件'), 'the legend should explain the rings');
        await item.click();
        await page.getByTestId('incident-due').waitFor({ timeout: 30_000 });
        assert((await page.getByTestId('incident-due').innerText()).includes('超期'), 'the detail should give the deadline and how long it is overdue');
        await screenshotPage(page, 'analyze-overdue');
        assert(errors.length === 0, `console errors: ${errors.join('\n')}`);
      } finally {
        if (restore) await admin.request.put('/api/time-limits', { data: { hours: { [restore.category]: { [restore.status]: restore.hours } } } });
        await staff?.close();
        await admin.close();
      }

      // No access for another role: the view says so, and the navigation does not offer it.
      const leader = await signedInContext(context.browser, context.baseUrl, 'leader', DESKTOP);
      try {
        const page = await leader.newPage();
        await page.goto('/time-limits');
        const notice = page.getByTestId('no-view-access');
        await notice.waitFor({ timeout: 60_000 });
        assert((await notice.innerText()).includes('无权访问此视图'), 'a leader should be told there is no access');
        assert((await page.getByTestId('nav-time-limits').count()) === 0, 'the navigation should not offer the view to a leader');
        const refused = await leader.request.put('/api/time-limits', { data: { hours: { sanitation: { reported: 1 } } } });
        assert(refused.status() === 403, `a leader's PUT should be refused with 403, got ${refused.status()}`);
      } finally {
        await leader.close();
      }
    },
  },
];
