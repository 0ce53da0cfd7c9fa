// Chromium (Debian's, headless, software WebGL) driven by playwright-core, and the page checks the tests share.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ARTIFACTS_DIR = path.resolve('test-artifacts');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export { DEMO_PASSWORD } from '../../server/seed/demo-users.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo-users.ts';

/** The session cookie of a signed-in context (to end the session behind the browser's back). */
export async function sessionCookie(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((item) => item.name === 'gridatlas_session');
  if (!cookie) throw new Error('no session cookie');
  return cookie.value;
}

/** A browser context signed in as a demo user (the session cookie is set through the API). */
export async function signedInContext(browser: Browser, baseUrl: string, username: string, viewport = { width: 1600, height: 900 }): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const response = await context.request.post('/api/session', { data: { username, password: DEMO_PASSWORD } });
  if (response.status() !== 200) throw new Error(`login as ${username} failed: ${response.status()} ${await response.text()}`);
  return context;
}

/** Console errors and uncaught exceptions of a page, collected from the start. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return errors;
}

/** Waits until the map has drawn its style and the overlay has drawn data. */
export async function waitForMap(page: Page, testId = 'map', timeout = 150_000): Promise<void> {
  await page.locator(`[data-testid="${testId}-canvas"][data-map-ready="true"]`).waitFor({ state: 'attached', timeout });
  await page.locator(`[data-testid="${testId}-canvas"][data-data-ready="true"]`).waitFor({ state: 'attached', timeout });
}

/** Waits until the map has stopped moving (MapLibre's idle after the last camera move), e.g. before a screenshot. */
export async function waitForMapIdle(page: Page, testId = 'map', timeout = 150_000): Promise<void> {
  await page.locator(`[data-testid="${testId}-canvas"][data-map-idle="true"]`).waitFor({ state: 'attached', timeout });
}

/** Waits until every chart on the page has finished drawing. */
export async function waitForCharts(page: Page, timeout = 90_000): Promise<void> {
  await page.waitForFunction(() => [...document.querySelectorAll('.echart')].every((chart) => (chart as HTMLElement).dataset.chartReady === 'true'), undefined, { timeout, polling: 250 });
}

export async function screenshotElement(page: Page, selector: string, name: string): Promise<Buffer> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return page.locator(selector).first().screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), animations: 'allow' });
}

export async function screenshotPage(page: Page, name: string, extraPath?: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const image = await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
  if (extraPath) {
    fs.mkdirSync(path.dirname(extraPath), { recursive: true });
    fs.writeFileSync(extraPath, image);
  }
}

const PIXEL_STATISTICS_SOURCE = `async ([first, second]) => {
  // An <img> of a data: URL (the page's Content Security Policy allows data: images, not data: fetches).
  const decode = async (base64) => {
    const image = new Image();
    image.src = 'data:image/png;base64,' + base64;
    await image.decode();
    const bitmap = await createImageBitmap(image);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    context.drawImage(bitmap, 0, 0);
    return context.getImageData(0, 0, bitmap.width, bitmap.height).data;
  };
  const pixels = await decode(first);
  let sum = 0;
  let sumOfSquares = 0;
  const count = pixels.length / 4;
  for (let index = 0; index < pixels.length; index += 4) {
    const luminance = 0.299 * pixels[index] + 0.587 * pixels[index + 1] + 0.114 * pixels[index + 2];
    sum += luminance;
    sumOfSquares += luminance * luminance;
  }
  const mean = sum / count;
  const standardDeviation = Math.sqrt(Math.max(0, sumOfSquares / count - mean * mean));
  if (!second) return { standardDeviation, meanDifference: null, changedShare: null };
  const otherPixels = await decode(second);
  if (otherPixels.length !== pixels.length) return { standardDeviation, meanDifference: 255, changedShare: 1 };
  let difference = 0;
  let changed = 0;
  for (let index = 0; index < pixels.length; index += 4) {
    const pixelDifference = Math.abs(pixels[index] - otherPixels[index]) + Math.abs(pixels[index + 1] - otherPixels[index + 1]) + Math.abs(pixels[index + 2] - otherPixels[index + 2]);
    difference += pixelDifference / 3;
    if (pixelDifference > 30) changed++;
  }
  return { standardDeviation, meanDifference: difference / count, changedShare: changed / count };
}`;

/** Decodes PNGs in the page (no image library needed in Node) and measures them. */
export async function pixelStatistics(page: Page, image: Buffer, other?: Buffer): Promise<{ standardDeviation: number; meanDifference: number | null; changedShare: number | null }> {
  // Passed as text: the test runner's transpiler would add helpers (__name) that do not exist in the page.
  return page.evaluate(`(${PIXEL_STATISTICS_SOURCE})(${JSON.stringify([image.toString('base64'), other?.toString('base64') ?? null])})`);
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Polls `probe` until it gives a value; the limits are generous, for a loaded 2-core CI machine. */
export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, { timeout = 90_000, interval = 500, what = 'condition' } = {}): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeout) throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
