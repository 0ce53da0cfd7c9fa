import { check } from '@placemarkio/check-geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastPatrolNight } from '#domain/local-time.ts';
import { build, type TestApp } from '../../helpers/build.ts';
import { loginAs, type Session } from '../../helpers/session.ts';
import { testBackend } from '../../helpers/test-database.ts';

let testApp: TestApp;
let analyst: Session;
let taoyuanId: number;

beforeAll(async () => {
  testApp = await build();
  analyst = await loginAs(testApp.app, 'analyst');
  taoyuanId = (await testApp.app.pg.query(`SELECT id FROM areas WHERE name = '桃园社区'`)).rows[0].id;
});
afterAll(() => testApp.close());

/** The `rel: next` link of a page, if any. */
const nextLink = (page: { links?: { rel: string; href: string }[] }) => page.links?.find((link) => link.rel === 'next')?.href;

/** How many decimals a coordinate is written with. */
const decimals = (value: number) => (String(value).split('.')[1] ?? '').length;

const LISTS = [
  '/api/grids',
  '/api/compounds',
  '/api/buildings',
  '/api/service-points',
  '/api/volunteer-teams?members=true',
  '/api/staff',
  '/api/incidents',
];

describe(`list endpoints (${testBackend()})`, () => {
  it.each(LISTS)('%s returns an RFC 7946 FeatureCollection with ids, limit, bbox and links to the next page', async (url) => {
    const separator = url.includes('?') ? '&' : '?';
    const response = await analyst({ url: `${url}${separator}community=${taoyuanId}&limit=5` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(() => check(response.body)).not.toThrow();
    const collection = response.json();
    expect(collection.limit).toBe(5);
    expect(collection.features.length).toBeGreaterThan(0);
    expect(collection.numberReturned).toBe(collection.features.length);
    for (const feature of collection.features) {
      expect(feature.properties.communityId).toBe(taoyuanId);
      // Every feature has its id at the top level, the same as its id property.
      expect(feature.id).toBe(feature.properties.id);
      const first = feature.geometry?.type === 'Point' ? feature.geometry.coordinates : feature.geometry?.coordinates.flat(3).slice(0, 2);
      for (const value of first ?? []) expect(decimals(value)).toBeLessThanOrEqual(6);
    }
    if (collection.features.some((feature: { geometry: unknown }) => feature.geometry !== null)) expect(collection.bbox).toHaveLength(4);
    expect(collection.links.find((link: { rel: string }) => link.rel === 'self').href).toMatch(/^http:\/\/localhost(:80)?\/api\//);
    const firstPage = await analyst({ url: `${url}${separator}limit=1` });
    const next = nextLink(firstPage.json());
    expect(next).toMatch(/^http:\/\/localhost(:80)?\/api\/.*cursor=/);
    // The same link in an RFC 8288 Link header.
    expect(firstPage.headers.link).toBe(`<${next}>; rel="next"`);
    const secondPage = (await analyst({ url: next! })).json();
    const firstIds = firstPage.json().features.map((feature: { id: number }) => feature.id);
    expect(secondPage.features.length).toBeGreaterThan(0);
    for (const feature of secondPage.features) expect(firstIds).not.toContain(feature.id);
  });

  it('counts the matches of the reference layers (numberMatched)', async () => {
    const buildings = (await analyst({ url: `/api/buildings?community=${taoyuanId}&limit=3` })).json();
    const count = await testApp.app.pg.query(`SELECT count(*)::int AS n FROM buildings WHERE community_id = $1`, [taoyuanId]);
    expect(buildings.numberMatched).toBe(count.rows[0].n);
    expect(buildings.numberReturned).toBe(3);
  });

  it('answers a cursor that is not one of the list with 400, naming it', async () => {
    const incidentsPage = (await analyst({ url: '/api/incidents?limit=1' })).json();
    const incidentCursor = new URL(nextLink(incidentsPage)!).searchParams.get('cursor');
    const response = await analyst({ url: `/api/grids?cursor=${incidentCursor}` });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/querystring\.cursor is not a cursor of the grids list/);
  });

  it('patrols: one LineString per patrol with a time for every vertex', async () => {
    const to = new Date().toISOString();
    const from = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const response = await analyst({ url: `/api/patrols?community=${taoyuanId}&from=${from}&to=${to}` });
    expect(response.statusCode).toBe(200);
    expect(() => check(response.body)).not.toThrow();
    const patrols = response.json().features;
    expect(patrols.length).toBeGreaterThanOrEqual(1);
    for (const patrol of patrols) {
      expect(patrol.geometry.type).toBe('LineString');
      expect(patrol.properties.times).toHaveLength(patrol.geometry.coordinates.length);
      expect(patrol.properties.distanceMetres).toBeGreaterThan(1000);
      expect(patrol.properties.team).toMatch(/巡逻/);
    }
  });

  it('patrol coverage of last night agrees with the community KPI, and lists the missed courtyards as GeoJSON', async () => {
    const response = await analyst({ url: `/api/patrols/coverage?community=${taoyuanId}` });
    expect(response.statusCode).toBe(200);
    const coverage = response.json();
    expect(coverage.night).toBe(lastPatrolNight());
    expect(coverage.grids).toHaveLength(7);
    expect(coverage.grids.reduce((sum: number, grid: { compounds: number }) => sum + grid.compounds, 0)).toBe(23);
    expect(() => check(JSON.stringify(coverage.missed))).not.toThrow();
    const missed = coverage.grids.reduce((sum: number, grid: { compounds: number; covered: number }) => sum + grid.compounds - grid.covered, 0);
    expect(coverage.missed.features).toHaveLength(missed);
    const kpis = (await analyst({ url: `/api/communities/${taoyuanId}` })).json().properties.kpis;
    expect(kpis.lastNightPatrolCoverage).toBeCloseTo(coverage.coverage, 4);
  });

  it('caps a huge limit at the maximum page size and links to the rest', async () => {
    const response = await analyst({ url: '/api/incidents?limit=1000000' });
    expect(response.statusCode).toBe(200);
    const collection = response.json();
    expect(collection.limit).toBe(5000);
    expect(collection.features).toHaveLength(5000);
    expect(nextLink(collection)).toContain('limit=5000');
  });

  it('filters by bbox', async () => {
    const bbox = [112.495, 32.975, 112.505, 32.985];
    const response = await analyst({ url: `/api/incidents?bbox=${bbox.join(',')}&limit=5000` });
    const features = response.json().features as { geometry: { coordinates: number[] } }[];
    expect(features.length).toBeGreaterThan(0);
    for (const { geometry } of features) {
      const [longitude, latitude] = geometry.coordinates;
      expect(longitude >= bbox[0] && longitude <= bbox[2] && latitude >= bbox[1] && latitude <= bbox[3]).toBe(true);
    }
  });

  it('walking the next links returns every matching incident exactly once', async () => {
    const filter = `community=${taoyuanId}&categories=sanitation,illegal_dumping,facility_damage`;
    const expected = await testApp.app.pg.query(
      `SELECT id::int FROM incidents WHERE community_id = $1 AND category IN ('sanitation', 'illegal_dumping', 'facility_damage') ORDER BY id`,
      [taoyuanId],
    );
    const seen: number[] = [];
    let url: string | undefined = `/api/incidents?${filter}&limit=97`;
    let pages = 0;
    while (url) {
      const response = await analyst({ url });
      expect(response.statusCode).toBe(200);
      const page: { features: { id: number }[]; links: { rel: string; href: string }[] } = response.json();
      seen.push(...page.features.map((feature) => feature.id));
      url = nextLink(page);
      pages++;
    }
    expect(pages).toBeGreaterThan(2);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => a - b)).toEqual(expected.rows.map((row) => row.id));
  });

  it('lets a client that only follows `rel: next` read all buildings and all incidents once each, with a session cookie and with ?token=', async () => {
    const admin = await loginAs(testApp.app, 'admin');
    const token = (await admin({ method: 'POST', url: '/api/display-tokens', payload: { label: 'GIS' } })).json().token as string;
    const everything = async (first: string, send: (url: string) => ReturnType<typeof admin>) => {
      const ids: number[] = [];
      let url: string | undefined = first;
      while (url) {
        const response = await send(url);
        expect(response.statusCode, `${url}: ${response.body.slice(0, 200)}`).toBe(200);
        const page = response.json();
        ids.push(...page.features.map((feature: { id: number }) => feature.id));
        url = nextLink(page);
      }
      return ids;
    };
    const counts = (await testApp.app.pg.query(`SELECT (SELECT count(*)::int FROM buildings) AS buildings, (SELECT count(*)::int FROM incidents) AS incidents`)).rows[0];
    expect(counts.buildings).toBe(1268);
    for (const [label, send, suffix] of [
      ['cookie', (url: string) => admin({ url }), ''],
      ['?token=', (url: string) => testApp.app.inject({ url }), `&token=${token}`],
    ] as const) {
      const buildings = await everything(`/api/buildings?limit=500${suffix}`, send);
      expect(buildings.length, label).toBe(counts.buildings);
      expect(new Set(buildings).size, label).toBe(counts.buildings);
      const incidents = await everything(`/api/incidents?limit=5000${suffix}`, send);
      expect(incidents.length, label).toBe(counts.incidents);
      expect(new Set(incidents).size, label).toBe(counts.incidents);
    }
  });

  it('gives the area tree with counts that add up, and a community with its KPIs', async () => {
    const tree = (await analyst({ url: '/api/areas' })).json().tree;
    expect(tree.level).toBe('city');
    const streets = tree.children.flatMap((district: { children: unknown[] }) => district.children);
    expect(streets.map((street: { name: string }) => street.name).sort()).toEqual(['卧龙岗街道', '城关镇', '城关镇']);
    const total = await testApp.app.pg.query(`SELECT count(*)::int AS grids FROM grids`);
    expect(tree.counts.grids).toBe(total.rows[0].grids);

    const community = await analyst({ url: `/api/communities/${taoyuanId}` });
    expect(community.statusCode).toBe(200);
    expect(() => check(community.body)).not.toThrow();
    const { kpis } = community.json().properties;
    expect(kpis).toMatchObject({ grids: 7, compounds: 23, staff: 86 });
    expect(kpis.openIncidents).toBeGreaterThan(0);
    expect(kpis.closureRate7d).toBeGreaterThanOrEqual(0);
    expect(kpis.lastNightPatrolCoverage).toBeGreaterThanOrEqual(0);
  });

  it('serves the OpenAPI description and its UI', async () => {
    const json = await testApp.app.inject({ url: '/api/docs/json' });
    expect(json.statusCode).toBe(200);
    expect(Object.keys(json.json().paths)).toEqual(expect.arrayContaining(['/api/incidents/search', '/api/grids/', '/api/patrols/', '/api/incidents/{id}/transitions']));
    expect((await testApp.app.inject({ url: '/api/docs' })).statusCode).toBeLessThan(400);
  });
});
