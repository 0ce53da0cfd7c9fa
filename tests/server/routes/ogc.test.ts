import { check } from '@placemarkio/check-geojson';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatetime } from '../../../server/routes/ogc/index.ts';
import { build, type TestApp } from '../../helpers/build.ts';
import { loginAs, type Session } from '../../helpers/session.ts';
import { testBackend } from '../../helpers/test-database.ts';

// OGC API - Features, Part 1 (Core, GeoJSON), checked as a conformance test would: the landing page,
// conformance, collections and items, their structure, links and paging; then scope and authentication.

const COLLECTIONS = ['communities', 'grids', 'compounds', 'buildings', 'service-points', 'volunteer-teams', 'incidents', 'patrols'];
const CORE = 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core';
const GEOJSON = 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson';

interface Link {
  rel: string;
  href: string;
  type?: string;
}
interface Page {
  type: string;
  features: { type: string; id: number; geometry: unknown; properties: Record<string, unknown> }[];
  numberReturned: number;
  numberMatched?: number;
  timeStamp: string;
  links: Link[];
}

let testApp: TestApp;
let analyst: Session;
let taoyuanId: number;
let taoyuanToken: string;

/** A request path from an absolute link of this server. */
const pathOf = (href: string) => {
  const url = new URL(href);
  expect(url.origin).toBe('http://localhost');
  return url.pathname + url.search;
};
const linkOf = (document: { links: Link[] }, rel: string) => document.links.find((link) => link.rel === rel);

/** Every page of a collection, by following `rel: next` from the first. */
async function readAll(send: (options: InjectOptions) => Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }>, first: string) {
  const pages: Page[] = [];
  let url: string | undefined = first;
  while (url) {
    const response = await send({ url });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/geo\+json/);
    const page = JSON.parse(response.body) as Page;
    pages.push(page);
    const next = linkOf(page, 'next');
    url = next ? pathOf(next.href) : undefined;
    expect(pages.length).toBeLessThan(100);
  }
  return pages;
}

beforeAll(async () => {
  testApp = await build();
  analyst = await loginAs(testApp.app, 'analyst');
  taoyuanId = (await testApp.app.pg.query(`SELECT id FROM areas WHERE name = '桃园社区'`)).rows[0].id;
  const staff = await loginAs(testApp.app, 'staff_taoyuan');
  const made = await staff({ method: 'POST', url: '/api/display-tokens', payload: { label: 'QGIS 桃园', purpose: 'gis' } });
  expect(made.statusCode, made.body).toBe(201);
  taoyuanToken = made.json().token;
});
afterAll(() => testApp.close());

describe(`OGC API - Features (${testBackend()})`, () => {
  it('has a landing page linking to itself, the API definition, conformance and the collections, each of which answers', async () => {
    const response = await analyst({ url: '/ogc' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const landing = response.json() as { title: string; links: Link[] };
    expect(landing.title).toContain('GridAtlas');
    for (const rel of ['self', 'service-desc', 'conformance', 'data']) {
      const link = linkOf(landing, rel);
      expect(link, rel).toBeDefined();
      const target = await analyst({ url: pathOf(link!.href) });
      expect(target.statusCode, rel).toBe(200);
    }
    const openapi = (await analyst({ url: pathOf(linkOf(landing, 'service-desc')!.href) })).json() as { openapi: string; paths: Record<string, unknown> };
    expect(openapi.openapi).toMatch(/^3\./);
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/ogc/collections', '/ogc/collections/{collectionId}/items', '/ogc/collections/{collectionId}/items/{featureId}']));
    const conformance = (await analyst({ url: '/ogc/conformance' })).json() as { conformsTo: string[] };
    expect(conformance.conformsTo).toEqual(expect.arrayContaining([CORE, GEOJSON]));
  });

  it('lists every layer as a collection with a spatial extent, a temporal one for incidents and patrols, and links to itself and its items', async () => {
    const response = await analyst({ url: '/ogc/collections' });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { collections: { id: string; title: string; itemType: string; extent: { spatial: { bbox: number[][] }; temporal?: { interval: (string | null)[][] } }; links: Link[] }[]; links: Link[] };
    expect(body.collections.map((collection) => collection.id)).toEqual(COLLECTIONS);
    expect(linkOf(body, 'self')).toBeDefined();
    for (const collection of body.collections) {
      expect(collection.itemType).toBe('feature');
      expect(collection.title).toMatch(/[\u4e00-\u9fff]/);
      const [west, south, east, north] = collection.extent.spatial.bbox[0];
      expect(west, collection.id).toBeLessThan(east);
      expect(south, collection.id).toBeLessThan(north);
      // The demo city is 南阳 (Nanyang), around 112.5°E 33°N.
      expect(west).toBeGreaterThan(110);
      expect(north).toBeLessThan(35);
      const [start, end] = collection.extent.temporal?.interval[0] ?? [];
      if (collection.id === 'incidents' || collection.id === 'patrols') expect(Date.parse(start!), collection.id).toBeLessThan(Date.parse(end!));
      else expect(collection.extent.temporal, collection.id).toBeUndefined();
      expect(linkOf(collection, 'items')?.type).toBe('application/geo+json');
      const single = await analyst({ url: pathOf(linkOf(collection, 'self')!.href) });
      expect(single.statusCode).toBe(200);
      expect(single.json()).toEqual(collection);
    }
    expect((await analyst({ url: '/ogc/collections/roads' })).statusCode).toBe(404);
  });

  it.each(['communities', 'grids', 'compounds', 'buildings', 'service-points', 'volunteer-teams', 'incidents'])(
    '%s: following rel next reads every feature exactly once, as valid GeoJSON with links and a timeStamp',
    async (id) => {
      const pages = await readAll(analyst, `/ogc/collections/${id}/items?limit=2000`);
      const ids = pages.flatMap((page) => page.features.map((feature) => feature.id));
      expect(new Set(ids).size).toBe(ids.length);
      const table = { 'service-points': 'service_points', 'volunteer-teams': 'volunteer_teams', communities: `areas WHERE level = 'community'` }[id] ?? id;
      const { rows } = await testApp.app.pg.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table}`);
      expect(ids.length).toBe(rows[0].count);
      for (const page of pages) {
        expect(page.type).toBe('FeatureCollection');
        expect(page.numberReturned).toBe(page.features.length);
        if (page.numberMatched !== undefined) expect(page.numberMatched).toBe(rows[0].count);
        expect(Number.isNaN(Date.parse(page.timeStamp))).toBe(false);
        expect(linkOf(page, 'self')?.type).toBe('application/geo+json');
        expect(linkOf(page, 'collection')).toBeDefined();
      }
      expect(check(JSON.stringify({ type: 'FeatureCollection', features: pages[0].features }))).toBeTruthy();
    },
  );

  it('filters incidents by datetime (instant, closed and open intervals, both ends included) and by bbox', async () => {
    const { rows } = await testApp.app.pg.query<{ id: string; at: Date }>(`SELECT id, reported_at AS at FROM incidents ORDER BY reported_at DESC, id LIMIT 1 OFFSET 500`);
    const at = rows[0].at.toISOString();
    const instant = await readAll(analyst, `/ogc/collections/incidents/items?datetime=${at}`);
    expect(instant.flatMap((page) => page.features.map((feature) => feature.id))).toContain(Number(rows[0].id));

    const start = '2026-11-01T00:00:00Z';
    const end = '2026-11-15T23:59:59Z';
    const count = async (sql: string, values: unknown[]) => (await testApp.app.pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM incidents WHERE ${sql}`, values)).rows[0].n;
    const within = (await readAll(analyst, `/ogc/collections/incidents/items?limit=5000&datetime=${start}/${end}`)).flatMap((page) => page.features);
    expect(within.length).toBe(await count('reported_at BETWEEN $1 AND $2', [start, end]));
    expect(within.every((feature) => Date.parse(feature.properties.reportedAt as string) >= Date.parse(start) && Date.parse(feature.properties.reportedAt as string) <= Date.parse(end))).toBe(true);
    const before = (await readAll(analyst, `/ogc/collections/incidents/items?limit=5000&datetime=../${start}`)).flatMap((page) => page.features);
    expect(before.length).toBe(await count('reported_at <= $1', [start]));
    const since = (await readAll(analyst, `/ogc/collections/incidents/items?limit=5000&datetime=${end}/`)).flatMap((page) => page.features);
    expect(since.length).toBe(await count('reported_at >= $1', [end]));
    expect(within.length).toBeGreaterThan(0);

    const bbox = [112.52, 32.98, 112.56, 33.02];
    const boxed = (await readAll(analyst, `/ogc/collections/incidents/items?limit=5000&bbox=${bbox.join(',')}`)).flatMap((page) => page.features);
    expect(boxed.length).toBe(await count('ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, 4326))', bbox));
    // A collection without time ignores a well-formed datetime.
    const grids = (await analyst({ url: `/ogc/collections/grids/items?datetime=${start}/${end}` })).json() as Page;
    expect(grids.numberMatched).toBe((await testApp.app.pg.query('SELECT id FROM grids')).rowCount);
  });

  it('gives patrols that were under way in the datetime window, each a timed line', async () => {
    const { rows } = await testApp.app.pg.query<{ started: Date; ended: Date }>(`SELECT started_at AS started, ended_at AS ended FROM patrols ORDER BY started_at DESC LIMIT 1`);
    const window = `${rows[0].started.toISOString()}/${rows[0].ended.toISOString()}`;
    const features = (await readAll(analyst, `/ogc/collections/patrols/items?datetime=${window}`)).flatMap((page) => page.features);
    const expected = await testApp.app.pg.query(
      `SELECT id FROM patrols AS p WHERE started_at <= $2 AND ended_at >= $1 AND EXISTS (SELECT 1 FROM patrol_points AS point WHERE point.community_id = p.community_id AND point.patrol_id = p.id)`,
      [rows[0].started, rows[0].ended],
    );
    expect(features.map((feature) => feature.id).sort((a, b) => a - b)).toEqual(expected.rows.map((row) => Number(row.id)).sort((a, b) => a - b));
    expect(features.length).toBeGreaterThan(0);
    expect(features.every((feature) => (feature.geometry as { type: string }).type === 'LineString')).toBe(true);
  });

  it('refuses malformed parameters with 400 naming the parameter, caps large limits, and answers single items', async () => {
    const bad: [string, RegExp][] = [
      ['/ogc/collections/incidents/items?datetime=2026-13-01T00:00:00Z', /querystring\.datetime/],
      ['/ogc/collections/incidents/items?datetime=../..', /querystring\.datetime/],
      ['/ogc/collections/incidents/items?datetime=2026-11-02T00:00:00Z/2026-11-01T00:00:00Z', /querystring\.datetime: the start is after the end/],
      ['/ogc/collections/incidents/items?datetime=yesterday', /querystring\.datetime/],
      ['/ogc/collections/grids/items?bbox=113,33,112,32', /querystring\.bbox/],
      ['/ogc/collections/grids/items?limit=0', /querystring\.limit/],
      ['/ogc/collections/grids/items?cursor=abc', /querystring\.cursor/],
      ['/ogc/collections/grids/items?colour=red', /colour/],
      ['/ogc/collections/grids/items?f=html', /querystring\.f/],
    ];
    for (const [url, message] of bad) {
      const response = await analyst({ url });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().message, url).toMatch(message);
    }
    const capped = (await analyst({ url: '/ogc/collections/buildings/items?limit=900000' })).json() as Page;
    expect(capped.numberReturned).toBe(capped.numberMatched);

    const [grid] = (await testApp.app.pg.query<{ id: number; name: string }>('SELECT id, name FROM grids ORDER BY id LIMIT 1')).rows;
    const item = await analyst({ url: `/ogc/collections/grids/items/${grid.id}` });
    expect(item.statusCode).toBe(200);
    expect(item.headers['content-type']).toMatch(/^application\/geo\+json/);
    const feature = item.json() as { id: number; properties: { name: string }; links: Link[] };
    expect(feature).toMatchObject({ type: 'Feature', id: grid.id, properties: { name: grid.name } });
    expect(pathOf(linkOf(feature, 'collection')!.href)).toBe('/ogc/collections/grids');
    expect((await analyst({ url: '/ogc/collections/grids/items/999999' })).statusCode).toBe(404);
    expect((await analyst({ url: '/ogc/collections/grids/items/99999999999' })).statusCode).toBe(404);
  });
});

describe(`OGC API authentication and scope (${testBackend()})`, () => {
  const anonymous = (options: InjectOptions) => testApp.app.inject(options);

  it('asks for credentials (401 with WWW-Authenticate) and takes a token as Bearer, as the password of Basic credentials, or as ?token=', async () => {
    const refused = await anonymous({ url: '/ogc/collections' });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['www-authenticate']).toMatch(/^Basic realm="GridAtlas"/);
    expect((await anonymous({ url: '/ogc/collections', headers: { authorization: 'Basic ' + Buffer.from('qgis:not-a-token').toString('base64') } })).statusCode).toBe(401);
    expect((await anonymous({ url: '/ogc/collections', headers: { authorization: `Bearer ${taoyuanToken}` } })).statusCode).toBe(200);
    expect((await anonymous({ url: '/ogc/collections', headers: { authorization: 'Basic ' + Buffer.from(`qgis:${taoyuanToken}`).toString('base64') } })).statusCode).toBe(200);
    // In the URL: every link keeps the token, so a client can follow them as they are.
    const landing = (await anonymous({ url: `/ogc?token=${taoyuanToken}` })).json() as { links: Link[] };
    for (const link of landing.links.filter((item) => item.rel !== 'service-desc')) expect(new URL(link.href).searchParams.get('token'), link.rel).toBe(taoyuanToken);
    const pages = await readAll(anonymous, `/ogc/collections/incidents/items?limit=50&token=${taoyuanToken}`);
    expect(pages.length).toBeGreaterThan(1);
  });

  it('gives a grid_staff GIS token only its own community, as /api does', async () => {
    const viaToken = (options: InjectOptions) => testApp.app.inject({ ...options, headers: { ...options.headers, authorization: `Bearer ${taoyuanToken}` } });
    const communities = (await readAll(viaToken, '/ogc/collections/communities/items')).flatMap((page) => page.features);
    expect(communities.map((feature) => feature.id)).toEqual([taoyuanId]);
    for (const id of ['grids', 'buildings', 'incidents', 'service-points']) {
      const features = (await readAll(viaToken, `/ogc/collections/${id}/items?limit=5000`)).flatMap((page) => page.features);
      expect(features.length, id).toBeGreaterThan(0);
      expect(features.every((feature) => feature.properties.communityId === taoyuanId), id).toBe(true);
      const api = (await viaToken({ url: `/api/${id}?limit=5000` })).json() as { features: unknown[]; numberMatched?: number };
      if (id !== 'incidents') expect(features.length, id).toBe(api.numberMatched);
    }
    const { rows } = await testApp.app.pg.query<{ id: number }>('SELECT id FROM grids WHERE community_id <> $1 LIMIT 1', [taoyuanId]);
    expect((await viaToken({ url: `/ogc/collections/grids/items/${rows[0].id}` })).statusCode).toBe(404);
    // The extent is the community's, not the city's.
    const grids = (await viaToken({ url: '/ogc/collections/grids' })).json() as { extent: { spatial: { bbox: number[][] } } };
    const all = (await analyst({ url: '/ogc/collections/grids' })).json() as { extent: { spatial: { bbox: number[][] } } };
    const width = (bbox: number[]) => bbox[2] - bbox[0];
    expect(width(grids.extent.spatial.bbox[0])).toBeLessThan(width(all.extent.spatial.bbox[0]) / 5);
  });

  it('lets any user make a GIS token but only leaders and admins a display token; a token cannot make tokens', async () => {
    const planner = await loginAs(testApp.app, 'planner');
    expect((await planner({ method: 'POST', url: '/api/display-tokens', payload: { label: '大屏' } })).statusCode).toBe(403);
    const made = await planner({ method: 'POST', url: '/api/display-tokens', payload: { label: 'QGIS', purpose: 'gis' } });
    expect(made.statusCode).toBe(201);
    expect(made.json().purpose).toBe('gis');
    const listed = (await planner({ url: '/api/display-tokens' })).json().tokens as { label: string; purpose: string }[];
    expect(listed).toEqual([expect.objectContaining({ label: 'QGIS', purpose: 'gis' })]);
    const viaToken = await anonymous({ method: 'POST', url: '/api/display-tokens', payload: { label: 'x', purpose: 'gis' }, headers: { authorization: `Bearer ${made.json().token}` } });
    expect(viaToken.statusCode).toBe(403);
    expect((await planner({ method: 'POST', url: '/api/display-tokens', payload: { label: 'x', purpose: 'wms' } })).statusCode).toBe(400);
  });

  it('answers unknown paths under /api and /ogc with JSON 404, never the app page', async () => {
    for (const url of ['/ogc/wfs', '/ogc/tiles', '/api/collections', '/ogc/collections/grids/items/1/extra']) {
      const response = await analyst({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toMatch(/^application\/json/);
    }
  });
});

describe('CORS', () => {
  it('is off by default: no page of another origin may read', async () => {
    const response = await analyst({ url: '/ogc/collections', headers: { origin: 'https://gis.example.cn' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lets the configured origins read with GET and a token header, and still refuses their writes', async () => {
    const withCors = await build({ corsOrigins: ['https://gis.example.cn'] });
    try {
      const origin = 'https://gis.example.cn';
      const preflight = await withCors.app.inject({ method: 'OPTIONS', url: '/ogc/collections', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(origin);
      expect(String(preflight.headers['access-control-allow-headers'])).toMatch(/authorization/i);
      expect(String(preflight.headers['access-control-allow-methods'])).not.toMatch(/POST/);
      const leader = await loginAs(withCors.app, 'leader');
      const token = (await leader({ method: 'POST', url: '/api/display-tokens', payload: { label: 'GIS portal', purpose: 'gis' } })).json().token as string;
      const read = await withCors.app.inject({ url: '/ogc/collections', headers: { origin, authorization: `Bearer ${token}` } });
      expect(read.statusCode).toBe(200);
      expect(read.headers['access-control-allow-origin']).toBe(origin);
      const other = await withCors.app.inject({ url: '/ogc', headers: { origin: 'https://evil.example', authorization: `Bearer ${token}` } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const write = await leader({ method: 'POST', url: '/api/display-tokens', payload: { label: 'x' }, headers: { origin } });
      expect(write.statusCode).toBe(403);
    } finally {
      await withCors.close();
    }
  });
});

describe('the datetime parameter', () => {
  it('turns instants and intervals into a window that includes both ends', () => {
    expect(parseDatetime('2026-11-01T08:00:00+08:00')).toEqual({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-01T00:00:00.001Z' });
    expect(parseDatetime('2026-11-01T00:00:00Z/2026-11-30T23:59:59Z')).toEqual({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-30T23:59:59.001Z' });
    expect(parseDatetime('../2026-11-30T00:00:00Z')).toEqual({ to: '2026-11-30T00:00:00.001Z' });
    expect(parseDatetime('2026-11-30T00:00:00Z/')).toEqual({ from: '2026-11-30T00:00:00.000Z' });
    expect(parseDatetime(undefined)).toEqual({});
    expect(() => parseDatetime('2026-02-30T00:00:00Z')).toThrow(/datetime/);
    expect(() => parseDatetime('a/b/c')).toThrow(/instant or an interval/);
  });
});
