import { check } from '@placemarkio/check-geojson';
import { booleanPointInPolygon } from '@turf/turf';
import type { Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '#domain/random.ts';
import { build, type TestApp } from '../../helpers/build.ts';
import { loginAs, type Session } from '../../helpers/session.ts';
import { testBackend } from '../../helpers/test-database.ts';

let testApp: TestApp;
let analyst: Session;
let incidents: { id: number; point: [number, number]; category: string; status: string }[];

beforeAll(async () => {
  testApp = await build();
  analyst = await loginAs(testApp.app, 'analyst');
  const { rows } = await testApp.app.pg.query(`SELECT id::int, ST_X(geom) AS x, ST_Y(geom) AS y, category, status FROM incidents`);
  incidents = rows.map((row) => ({ id: row.id, point: [row.x, row.y], category: row.category, status: row.status }));
});
afterAll(() => testApp.close());

/** A star-shaped (so simple) polygon around a centre, radius in metres. */
function randomPolygon(random: SeededRandom, centre: [number, number]): Polygon {
  const vertices = random.integer(5, 12);
  const ring: [number, number][] = [];
  for (let index = 0; index < vertices; index++) {
    const angle = (2 * Math.PI * index) / vertices;
    const radius = random.between(150, 700);
    ring.push([
      Number((centre[0] + (radius * Math.cos(angle)) / (111_320 * Math.cos((centre[1] * Math.PI) / 180))).toFixed(7)),
      Number((centre[1] + (radius * Math.sin(angle)) / 110_574).toFixed(7)),
    ]);
  }
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}

describe(`POST /api/incidents/search (${testBackend()})`, () => {
  it('counts the same incidents as an independent turf count, for 5 random polygons', async () => {
    const random = new SeededRandom(4242);
    for (let round = 0; round < 5; round++) {
      const area = randomPolygon(random, random.pick(incidents).point);
      const categories = round % 2 === 0 ? undefined : ['sanitation', 'illegal_dumping', 'neighbour_dispute'];
      const response = await analyst({ method: 'POST', url: '/api/incidents/search', payload: { area, categories, limit: 5000 } });
      expect(response.statusCode, response.body).toBe(200);
      expect(() => check(response.body)).not.toThrow();
      const result = response.json();
      const expected = incidents.filter((incident) => (!categories || categories.includes(incident.category)) && booleanPointInPolygon(incident.point, area));
      expect(result.summary.total, `round ${round}`).toBe(expected.length);
      expect(result.features.map((feature: { properties: { id: number } }) => feature.properties.id).sort((a: number, b: number) => a - b)).toEqual(
        expected.map((incident) => incident.id).sort((a, b) => a - b),
      );
      const byStatus = expected.reduce<Record<string, number>>((counts, incident) => ({ ...counts, [incident.status]: (counts[incident.status] ?? 0) + 1 }), {});
      expect(result.summary.byStatus).toEqual(byStatus);
      expect(result.summary.total).toBeGreaterThan(0);
    }
  });

  it('pages through a large result by re-posting the next body, each incident once', async () => {
    const area: Polygon = { type: 'Polygon', coordinates: [[[112.49, 32.97], [112.52, 32.97], [112.52, 32.995], [112.49, 32.995], [112.49, 32.97]]] };
    const seen = new Set<number>();
    let body: Record<string, unknown> | undefined = { area, limit: 400 };
    let total = 0;
    while (body) {
      const response = await analyst({ method: 'POST', url: '/api/incidents/search', payload: body });
      expect(response.statusCode).toBe(200);
      const page: { summary: { total: number }; features: { properties: { id: number } }[]; links: { rel: string; method?: string; body?: Record<string, unknown> }[] } = response.json();
      total = page.summary.total;
      for (const feature of page.features) {
        expect(seen.has(feature.properties.id)).toBe(false);
        seen.add(feature.properties.id);
      }
      const next = page.links.find((link) => link.rel === 'next');
      if (next) expect(next.method).toBe('POST');
      body = next?.body;
    }
    expect(total).toBeGreaterThan(400);
    expect(seen.size).toBe(total);
  });

  it('accepts a MultiPolygon', async () => {
    const first = randomPolygon(new SeededRandom(1), incidents[0].point);
    const second = randomPolygon(new SeededRandom(2), incidents[incidents.length - 1].point);
    const area = { type: 'MultiPolygon', coordinates: [first.coordinates, second.coordinates] };
    const response = await analyst({ method: 'POST', url: '/api/incidents/search', payload: { area } });
    expect(response.statusCode).toBe(200);
    const expected = incidents.filter((incident) => booleanPointInPolygon(incident.point, first) || booleanPointInPolygon(incident.point, second));
    expect(response.json().summary.total).toBe(expected.length);
  });

  it('exports what the drawn area holds: the same incidents as the search, as CSV and GeoJSON; a bad area is refused by name', async () => {
    const area = randomPolygon(new SeededRandom(77), incidents[10].point);
    const search = (await analyst({ method: 'POST', url: '/api/incidents/search', payload: { area, limit: 5000 } })).json();
    expect(search.summary.total).toBeGreaterThan(0);
    const exported = await analyst({ method: 'GET', url: '/api/incidents/export', query: { area: JSON.stringify(area), format: 'geojson' } });
    expect(exported.statusCode, exported.body).toBe(200);
    const ids = (list: { properties: { id: number } }[]) => list.map((feature) => Number(feature.properties.id)).sort((a, b) => a - b);
    expect(ids(exported.json().features)).toEqual(ids(search.features));
    const csv = await analyst({ method: 'GET', url: '/api/incidents/export', query: { area: JSON.stringify(area) } });
    // The header, then one line per incident.
    expect(csv.body.trim().split('\n')).toHaveLength(search.summary.total + 1);

    const refused = async (value: string, pattern: RegExp) => {
      const response = await analyst({ method: 'GET', url: '/api/incidents/export', query: { area: value, format: 'geojson' } });
      expect(response.statusCode, value).toBe(400);
      expect(response.json().message).toMatch(pattern);
    };
    await refused('{"type":"Polygon"', /querystring\.area must be a GeoJSON/);
    await refused(JSON.stringify({ ...area, crs: 'EPSG:3857' }), /querystring\.area\.crs is not a known field/);
    await refused(JSON.stringify({ type: 'Polygon', coordinates: [[[112.5, 33], [112.51, 33.01], [112.51, 33], [112.5, 33.01], [112.5, 33]]] }), /querystring\.area crosses itself/);
    await refused(JSON.stringify({ type: 'Polygon', coordinates: [[[33, 112.5], [33.01, 112.5], [33.01, 112.51], [33, 112.5]]] }), /querystring\.area/);
  });
});
