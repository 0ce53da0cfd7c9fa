import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helpers/build.ts';
import { loginAs, tableCounts, type Session } from '../../helpers/session.ts';
import { testBackend } from '../../helpers/test-database.ts';

let testApp: TestApp;
let staff: Session;
let incidentId: number;
const goodPoint = [112.4985, 32.981];

beforeAll(async () => {
  testApp = await build();
  staff = await loginAs(testApp.app, 'staff_taoyuan');
  incidentId = Number((await testApp.app.pg.query(`SELECT id FROM incidents WHERE community_id = ANY($1) ORDER BY id LIMIT 1`, [staff.user.communityIds])).rows[0].id);
});
afterAll(() => testApp.close());

const square = (west: number, south: number, size = 0.01) => [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]];
const polygon = (coordinates: unknown) => ({ type: 'Polygon', coordinates });
const search = (body: unknown): InjectOptions => ({ method: 'POST', url: '/api/incidents/search', payload: body as object });
const searchRaw = (payload: string, contentType = 'application/json'): InjectOptions => ({ method: 'POST', url: '/api/incidents/search', payload, headers: { 'content-type': contentType } });
const report = (body: unknown): InjectOptions => ({ method: 'POST', url: '/api/incidents', payload: body as object });
const goodReport = { category: 'sanitation', title: '垃圾未清运', location: { type: 'Point', coordinates: goodPoint } };

function circle(vertices: number): number[][][] {
  const ring = Array.from({ length: vertices }, (_, index) => {
    const angle = (2 * Math.PI * index) / vertices;
    return [Number((112.5 + 0.01 * Math.cos(angle)).toFixed(7)), Number((32.98 + 0.01 * Math.sin(angle)).toFixed(7))];
  });
  return [[...ring, ring[0]]];
}

const INJECTION = `' OR '1'='1'; DROP TABLE incidents; --`;
const injected = encodeURIComponent(INJECTION);

/** [name, request, expected message pattern]. Every one must answer 4xx and write nothing. */
const CASES: [string, () => InjectOptions, RegExp][] = [
  ['broken JSON', () => searchRaw('{"area": {"type": "Polygon", "coordinates": [[[112.5'), /JSON/i],
  ['NaN in JSON', () => searchRaw('{"area": {"type": "Polygon", "coordinates": [[[NaN, 32.9], [112.6, 32.9], [112.6, 33], [NaN, 32.9]]]}}'), /JSON/i],
  ['1e309 (infinite) coordinate', () => searchRaw('{"area": {"type": "Polygon", "coordinates": [[[1e309, 32.9], [112.6, 32.9], [112.6, 33], [1e309, 32.9]]]}}'), /finite|number|range/i],
  ['not JSON at all', () => searchRaw('area=everything', 'text/plain'), /body must be object/i],
  ['empty body', () => searchRaw('', 'application/json'), /body|empty/i],
  ['area missing', () => search({ categories: ['sanitation'] }), /area/],
  ['area is a Point', () => search({ area: { type: 'Point', coordinates: goodPoint } }), /area/],
  ['area is a LineString', () => search({ area: { type: 'LineString', coordinates: [goodPoint, [112.5, 32.99]] } }), /area/],
  ['area is a Feature', () => search({ area: { type: 'Feature', geometry: polygon(square(112.49, 32.97)), properties: {} } }), /area/],
  ['area coordinates are a string', () => search({ area: { type: 'Polygon', coordinates: '112.5,32.9' } }), /area/],
  ['area coordinates empty', () => search({ area: polygon([]) }), /area/],
  ['ring of numbers (wrong depth)', () => search({ area: polygon([112.5, 32.9, 112.6, 32.9]) }), /area/],
  ['position with strings', () => search({ area: polygon([[['112.5', '32.9'], ['112.6', '32.9'], ['112.6', '33'], ['112.5', '32.9']]]) }), /area/],
  ['position with 4 numbers', () => search({ area: polygon([[[112.5, 32.9, 0, 1], [112.6, 32.9, 0, 1], [112.6, 33, 0, 1], [112.5, 32.9, 0, 1]]]) }), /area/],
  ['unclosed ring', () => search({ area: polygon([[[112.49, 32.97], [112.5, 32.97], [112.5, 32.98], [112.49, 32.98]]]) }), /not closed/],
  ['ring with 3 positions', () => search({ area: polygon([[[112.49, 32.97], [112.5, 32.97], [112.49, 32.97]]]) }), /at least 4/],
  ['bowtie', () => search({ area: polygon([[[112.49, 32.97], [112.5, 32.98], [112.5, 32.97], [112.49, 32.98], [112.49, 32.97]]]) }), /crosses itself/],
  ['hole outside its shell', () => search({ area: polygon([...square(112.49, 32.97), ...square(112.6, 33.1, 0.001)]) }), /not a valid polygon|Hole/i],
  ['swapped coordinates', () => search({ area: polygon([[[32.97, 112.49], [32.97, 112.5], [32.98, 112.5], [32.98, 112.49], [32.97, 112.49]]]) }), /swapped/],
  ['EPSG:3857 coordinates', () => search({ area: polygon([[[12523000, 3883000], [12524000, 3883000], [12524000, 3884000], [12523000, 3884000], [12523000, 3883000]]]) }), /3857/],
  ['longitude out of range', () => search({ area: polygon([[[200, 95], [201, 95], [201, 96], [200, 95]]]) }), /range/],
  ['outside the service area (Beijing)', () => search({ area: polygon(square(116.39, 39.9)) }), /service area/],
  ['10,001 vertices', () => search({ area: polygon(circle(10_001)) }), /10000 vertices/],
  ['100,000 vertices', () => search({ area: polygon(circle(100_000)) }), /too large/i],
  ['unknown field in the body', () => search({ area: polygon(square(112.49, 32.97)), colour: 'red' }), /colour.*not a known field/],
  ['unknown field inside the area', () => search({ area: { ...polygon(square(112.49, 32.97)), crs: 'EPSG:4326' } }), /area/],
  ['__proto__ in the body', () => searchRaw(`{"area": ${JSON.stringify(polygon(square(112.49, 32.97)))}, "__proto__": {"admin": true}}`), /proto/i],
  ['unknown category in search', () => search({ area: polygon(square(112.49, 32.97)), categories: ['graffiti'] }), /categories/],
  ['statuses not an array', () => search({ area: polygon(square(112.49, 32.97)), statuses: 'closed' }), /statuses/],
  ['limit 0', () => search({ area: polygon(square(112.49, 32.97)), limit: 0 }), /limit/],
  ['from is not a date', () => search({ area: polygon(square(112.49, 32.97)), from: 'yesterday' }), /from/],
  ['from after to', () => search({ area: polygon(square(112.49, 32.97)), from: '2026-06-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }), /before/],
  ['malformed cursor', () => search({ area: polygon(square(112.49, 32.97)), cursor: 'abc' }), /cursor/],
  ['oversized body', () => report({ ...goodReport, description: 'x'.repeat(2 * 1024 * 1024) }), /too large/i],
  ['report without location', () => report({ category: 'sanitation', title: '垃圾' }), /location/],
  ['report with a polygon location', () => report({ ...goodReport, location: polygon(square(112.49, 32.97)) }), /location/],
  ['report with swapped point', () => report({ ...goodReport, location: { type: 'Point', coordinates: [goodPoint[1], goodPoint[0]] } }), /swapped/],
  ['report with EPSG:3857 point', () => report({ ...goodReport, location: { type: 'Point', coordinates: [12523000, 3883000] } }), /3857/],
  ['report with an empty title', () => report({ ...goodReport, title: '' }), /title/],
  ['report with a 201-character title', () => report({ ...goodReport, title: '长'.repeat(201) }), /title/],
  ['report with an unknown category', () => report({ ...goodReport, category: 'graffiti' }), /category/],
  ['report setting its own status', () => report({ ...goodReport, status: 'closed' }), /status.*not a known field/],
  ['report outside every grid', () => report({ ...goodReport, location: { type: 'Point', coordinates: [112.2, 33.5] } }), /not inside any grid/],
  ['transition to an unknown status', () => ({ method: 'POST', url: `/api/incidents/${incidentId}/transitions`, payload: { from: 'reported', to: "closed'; --" } }), /to/],
  ['transition note too long', () => ({ method: 'POST', url: `/api/incidents/${incidentId}/transitions`, payload: { from: 'reported', to: 'assigned', note: 'x'.repeat(2001) } }), /note/],
  ['transition with an extra field', () => ({ method: 'POST', url: `/api/incidents/${incidentId}/transitions`, payload: { from: 'reported', to: 'assigned', by: 'admin' } }), /by.*not a known field/],
  ['unknown query parameter', () => ({ url: '/api/incidents?colour=red' }), /colour.*not a known field/],
  ['limit is not a number', () => ({ url: '/api/incidents?limit=lots' }), /limit/],
  ['negative limit', () => ({ url: '/api/grids?limit=-5' }), /limit/],
  ['bbox with three numbers', () => ({ url: '/api/grids?bbox=112,32,113' }), /bbox/],
  ['bbox min > max', () => ({ url: '/api/grids?bbox=113,33,112,32' }), /bbox/],
  ['members is not a boolean', () => ({ url: '/api/volunteer-teams?members=maybe' }), /members/],
  ['incident id is not a number', () => ({ url: '/api/incidents/abc' }), /id/],
  ['SQL injection: community', () => ({ url: `/api/incidents?community=${injected}` }), /community/],
  ['SQL injection: grid', () => ({ url: `/api/incidents?grid=${injected}` }), /grid/],
  ['SQL injection: bbox', () => ({ url: `/api/incidents?bbox=${injected}` }), /bbox/],
  ['SQL injection: from', () => ({ url: `/api/incidents?from=${injected}` }), /from/],
  ['SQL injection: to', () => ({ url: `/api/incidents?to=${injected}` }), /to/],
  ['SQL injection: categories', () => ({ url: `/api/incidents?categories=${injected}` }), /categories/],
  ['SQL injection: statuses', () => ({ url: `/api/incidents?statuses=closed${injected}` }), /statuses/],
  ['SQL injection: sources', () => ({ url: `/api/incidents?sources=${injected}` }), /sources/],
  ['SQL injection: cursor', () => ({ url: `/api/incidents?cursor=${injected}` }), /cursor/],
  ['SQL injection: limit', () => ({ url: `/api/incidents?limit=${injected}` }), /limit/],
  ['SQL injection: incident id', () => ({ url: `/api/incidents/1${injected}` }), /id/],
  ['SQL injection: service point kind', () => ({ url: `/api/service-points?kind=red_station${injected}` }), /kind/],
  ['SQL injection: compound', () => ({ url: `/api/buildings?compound=${injected}` }), /compound/],
  ['SQL injection: patrol night', () => ({ url: `/api/patrols/coverage?community=1&night=${injected}` }), /night/],
  ['SQL injection: stats area', () => ({ url: `/api/stats/incidents?area=${injected}` }), /area/],
  ['SQL injection: category in a report', () => report({ ...goodReport, category: INJECTION }), /category/],
  ['SQL injection: source in a report', () => report({ ...goodReport, source: INJECTION }), /source/],
  ['SQL injection: from in a transition', () => ({ method: 'POST', url: `/api/incidents/${incidentId}/transitions`, payload: { from: INJECTION, to: 'assigned' } }), /from/],
  ['SQL injection: username at login', () => ({ method: 'POST', url: '/api/session', payload: { username: INJECTION, password: INJECTION } }), /username or password/],
];

describe(`malformed input (${testBackend()})`, () => {
  it(`answers each of ${CASES.length} malformed requests with a 4xx naming the problem, and writes nothing`, async () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
    const before = await tableCounts(testApp.app);
    const failures: string[] = [];
    for (const [name, request, pattern] of CASES) {
      const response = await staff(request());
      const body = response.json();
      if (response.statusCode < 400 || response.statusCode >= 500) failures.push(`${name}: status ${response.statusCode} ${response.body.slice(0, 200)}`);
      else if (typeof body.error !== 'string' || !pattern.test(body.message)) failures.push(`${name}: message "${body.message}" does not match ${pattern}`);
    }
    expect(failures).toEqual([]);
    const after = await tableCounts(testApp.app);
    // Logging in with a bad password writes nothing either: only the sessions table could change, and must not.
    expect(after).toEqual(before);
  });

  it('stores an injection-looking title as plain text and changes nothing else', async () => {
    const before = await tableCounts(testApp.app);
    const response = await staff(report({ ...goodReport, title: INJECTION }));
    expect(response.statusCode).toBe(201);
    expect(response.json().properties.title).toBe(INJECTION);
    const after = await tableCounts(testApp.app);
    expect(after).toEqual({ ...before, incidents: before.incidents + 1, incident_events: before.incident_events + 1 });
  });
});
