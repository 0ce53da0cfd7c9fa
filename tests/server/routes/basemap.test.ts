import { check } from '@placemarkio/check-geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helpers/build.ts';
import { loginAs, type Session } from '../../helpers/session.ts';
import { testBackend } from '../../helpers/test-database.ts';

let testApp: TestApp;
let leader: Session;

beforeAll(async () => {
  testApp = await build();
  leader = await loginAs(testApp.app, 'leader');
});
afterAll(() => testApp.close());

describe(`the offline basemap (${testBackend()})`, () => {
  it('is a MapLibre style made of our own layers, with the attribution, behind a login', async () => {
    expect((await testApp.app.inject({ url: '/api/basemap/style.json' })).statusCode).toBe(401);
    const response = await leader({ url: '/api/basemap/style.json' });
    expect(response.statusCode).toBe(200);
    const style = response.json();
    expect(style.version).toBe(8);
    const urls = Object.values(style.sources as Record<string, { data: string; attribution?: string }>).map((source) => source.data);
    expect(urls.length).toBeGreaterThanOrEqual(5);
    for (const url of urls) expect(url).toMatch(/\/api\/basemap\/(counties|streets|communities|roads|blocks)\.geojson/);
    expect(JSON.stringify(style)).toContain('OpenStreetMap contributors');
  });

  it.each(['counties', 'streets', 'communities', 'roads', 'blocks'])('serves the %s layer as valid GeoJSON', async (layer) => {
    const response = await leader({ url: `/api/basemap/${layer}.geojson` });
    expect(response.statusCode).toBe(200);
    expect(() => check(response.body)).not.toThrow();
    expect(response.json().features.length).toBeGreaterThan(0);
  });

  it('loads for a wall display with a token in the header and in the URL at once, and never writes the token into the style', async () => {
    const created = await leader({ method: 'POST', url: '/api/display-tokens', payload: { label: '大屏' } });
    const { token } = created.json();
    const headers = { authorization: `Bearer ${token}` };
    // What MapLibre on /screen?token=… sends: the header (transformRequest) and, from older links, the query too.
    const style = await testApp.app.inject({ url: `/api/basemap/style.json?theme=dark&token=${token}`, headers });
    expect(style.statusCode, style.body).toBe(200);
    expect(style.body).not.toContain(token);
    const url = new URL(Object.values(style.json().sources as Record<string, { data: string }>)[0].data);
    expect(url.searchParams.has('token')).toBe(false);
    expect((await testApp.app.inject({ url: `${url.pathname}${url.search}`, headers })).statusCode).toBe(200);
    expect((await testApp.app.inject({ url: `${url.pathname}?token=${token}` })).statusCode).toBe(200);
  });
});
