import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../helpers/build.ts';
import { loginAs, tableCounts, type Session } from '../../helpers/session.ts';
import { testBackend } from '../../helpers/test-database.ts';

// Every input of every route, given hostile values: each request must get a 4xx whose message names the
// field (and, where it matters, what is allowed), no request may get a 5xx, and no table may change.

type Role = 'staff' | 'analyst' | 'leader' | 'admin';
interface Case {
  name: string;
  as: Role;
  request: () => InjectOptions;
  message: RegExp;
}

let testApp: TestApp;
const sessions = {} as Record<Role, Session>;
let incidentId = 0;
/** A valid draft of the staff member's community (its grids as they are), for the grid-draft cases to break one field of. */
let gridDraft: { baseVersions: Record<string, number>; grids: Record<string, unknown>[] } = { baseVersions: {}, grids: [] };
const draftGrid = () => gridDraft.grids[0];
let communityId = 0;
const goodPoint = [112.4985, 32.981];

beforeAll(async () => {
  // The suite logs in with bad credentials on purpose: a generous login limit keeps the rate limiter out of it.
  testApp = await build({ loginRateLimit: { max: 10_000, windowMs: 60_000 } });
  sessions.staff = await loginAs(testApp.app, 'staff_taoyuan');
  sessions.analyst = await loginAs(testApp.app, 'analyst');
  sessions.leader = await loginAs(testApp.app, 'leader');
  sessions.admin = await loginAs(testApp.app, 'admin');
  communityId = sessions.staff.user.communityIds[0];
  const draft = (await sessions.admin({ url: `/api/communities/${communityId}/grid-draft` })).json() as { current: { id: number; version: number; name: string; targetHouseholds: number; geometry: unknown }[] };
  gridDraft = {
    baseVersions: Object.fromEntries(draft.current.map((grid) => [String(grid.id), grid.version])),
    grids: draft.current.map(({ id, name, targetHouseholds, geometry }) => ({ id, name, targetHouseholds, geometry })),
  };
  incidentId = Number((await testApp.app.pg.query(`SELECT id FROM incidents WHERE community_id = ANY($1) ORDER BY id LIMIT 1`, [sessions.staff.user.communityIds])).rows[0].id);
});
afterAll(() => testApp.close());

const square = (west: number, south: number, size = 0.01) => [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]];
const polygon = (coordinates: unknown) => ({ type: 'Polygon', coordinates });
const search = (body: unknown): InjectOptions => ({ method: 'POST', url: '/api/incidents/search', payload: body as object });
const searchRaw = (payload: string, contentType = 'application/json'): InjectOptions => ({ method: 'POST', url: '/api/incidents/search', payload, headers: { 'content-type': contentType } });
const report = (body: unknown): InjectOptions => ({ method: 'POST', url: '/api/incidents', payload: body as object });
const goodReport = { category: 'sanitation', title: '垃圾未清运', location: { type: 'Point', coordinates: goodPoint } };
const goodArea = polygon(square(112.49, 32.97));
const transition = (payload: object): InjectOptions => ({ method: 'POST', url: `/api/incidents/${incidentId}/transitions`, payload });

function circle(vertices: number): number[][][] {
  const ring = Array.from({ length: vertices }, (_, index) => {
    const angle = (2 * Math.PI * index) / vertices;
    return [Number((112.5 + 0.01 * Math.cos(angle)).toFixed(7)), Number((32.98 + 0.01 * Math.sin(angle)).toFixed(7))];
  });
  return [[...ring, ring[0]]];
}

const INJECTION = `' OR '1'='1'; DROP TABLE incidents; --`;
/** A cursor as the server writes them, holding the given keys. */
const encoded = (keys: unknown[]) => Buffer.from(JSON.stringify(keys)).toString('base64url');
const injected = encodeURIComponent(INJECTION);
const LONE_SURROGATE = '\ud800';

/** Cases written by hand for what users and attackers were seen to send. */
const HAND_WRITTEN: [string, () => InjectOptions, RegExp][] = [
  ['broken JSON', () => searchRaw('{"area": {"type": "Polygon", "coordinates": [[[112.5'), /JSON/i],
  ['NaN in JSON', () => searchRaw('{"area": {"type": "Polygon", "coordinates": [[[NaN, 32.9], [112.6, 32.9], [112.6, 33], [NaN, 32.9]]]}}'), /JSON/i],
  ['1e309 (infinite) coordinate', () => searchRaw('{"area": {"type": "Polygon", "coordinates": [[[1e309, 32.9], [112.6, 32.9], [112.6, 33], [1e309, 32.9]]]}}'), /finite|number|range/i],
  ['not JSON at all', () => searchRaw('area=everything', 'text/plain'), /body must be an object/i],
  ['empty body', () => searchRaw('', 'application/json'), /body|empty/i],
  ['a JSON string as the body', () => searchRaw('"area"'), /body must be an object/i],
  ['area missing', () => search({ categories: ['sanitation'] }), /body\.area is required/],
  ['area is a Point', () => search({ area: { type: 'Point', coordinates: goodPoint } }), /area/],
  ['area is a LineString', () => search({ area: { type: 'LineString', coordinates: [goodPoint, [112.5, 32.99]] } }), /area/],
  ['area is a Feature', () => search({ area: { type: 'Feature', geometry: goodArea, properties: {} } }), /area/],
  ['area coordinates are a string', () => search({ area: { type: 'Polygon', coordinates: '112.5,32.9' } }), /area/],
  ['area coordinates empty', () => search({ area: polygon([]) }), /area/],
  ['ring of numbers (wrong depth)', () => search({ area: polygon([112.5, 32.9, 112.6, 32.9]) }), /area/],
  ['position with strings', () => search({ area: polygon([[['112.5', '32.9'], ['112.6', '32.9'], ['112.6', '33'], ['112.5', '32.9']]]) }), /area/],
  ['position with 4 numbers', () => search({ area: polygon([[[112.5, 32.9, 0, 1], [112.6, 32.9, 0, 1], [112.6, 33, 0, 1], [112.5, 32.9, 0, 1]]]) }), /area/],
  ['unclosed ring', () => search({ area: polygon([[[112.49, 32.97], [112.5, 32.97], [112.5, 32.98], [112.49, 32.98]]]) }), /not closed/],
  ['ring with 3 positions', () => search({ area: polygon([[[112.49, 32.97], [112.5, 32.97], [112.49, 32.97]]]) }), /at least 4/],
  ['ring of one corner repeated', () => search({ area: polygon([[[112.49, 32.97], [112.49, 32.97], [112.5, 32.98], [112.49, 32.97]]]) }), /3 different corners/],
  ['bowtie', () => search({ area: polygon([[[112.49, 32.97], [112.5, 32.98], [112.5, 32.97], [112.49, 32.98], [112.49, 32.97]]]) }), /crosses itself/],
  ['hole outside its shell', () => search({ area: polygon([...square(112.49, 32.97), ...square(112.6, 33.1, 0.001)]) }), /not a valid polygon|Hole/i],
  ['swapped coordinates', () => search({ area: polygon([[[32.97, 112.49], [32.97, 112.5], [32.98, 112.5], [32.98, 112.49], [32.97, 112.49]]]) }), /swapped/],
  ['EPSG:3857 coordinates', () => search({ area: polygon([[[12523000, 3883000], [12524000, 3883000], [12524000, 3884000], [12523000, 3884000], [12523000, 3883000]]]) }), /3857/],
  ['longitude out of range', () => search({ area: polygon([[[200, 95], [201, 95], [201, 96], [200, 95]]]) }), /range/],
  ['outside the service area (Beijing)', () => search({ area: polygon(square(116.39, 39.9)) }), /service area/],
  ['10,001 vertices', () => search({ area: polygon(circle(10_001)) }), /10000 vertices/],
  ['100,000 vertices', () => search({ area: polygon(circle(100_000)) }), /too large/i],
  ['unknown field in the body', () => search({ area: goodArea, colour: 'red' }), /colour.*not a known field.*known fields: area/],
  ['unknown field inside the area', () => search({ area: { ...goodArea, crs: 'EPSG:4326' } }), /area/],
  ['__proto__ in the body', () => searchRaw(`{"area": ${JSON.stringify(goodArea)}, "__proto__": {"admin": true}}`), /proto/i],
  ['constructor.prototype in the body', () => searchRaw(`{"area": ${JSON.stringify(goodArea)}, "constructor": {"prototype": {"admin": true}}}`), /prototype/i],
  ['unknown category in search', () => search({ area: goodArea, categories: ['graffiti'] }), /categories.*must be one of: .*"sanitation"/],
  ['statuses not an array', () => search({ area: goodArea, statuses: 'closed' }), /statuses must be an array/],
  ['a repeated status', () => search({ area: goodArea, statuses: ['closed', 'closed'] }), /statuses must not repeat/],
  ['limit 0', () => search({ area: goodArea, limit: 0 }), /limit must be at least 1/],
  ['from is not a date', () => search({ area: goodArea, from: 'yesterday' }), /body\.from must be an ISO 8601/],
  ['from in the year 0000', () => search({ area: goodArea, from: '0000-01-01T00:00:00Z' }), /body\.from .*between 1900 and 2100/],
  ['from on 31 February', () => search({ area: goodArea, from: '2026-02-31T00:00:00Z' }), /body\.from/],
  ['from after to', () => search({ area: goodArea, from: '2026-06-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }), /before/],
  ['malformed cursor', () => search({ area: goodArea, cursor: 'a b' }), /body\.cursor must be an opaque cursor/],
  ['a cursor that is not a cursor', () => search({ area: goodArea, cursor: 'abc' }), /body\.cursor is not a cursor of the incidents list/],
  ['a cursor in the year 0000', () => search({ area: goodArea, cursor: encoded(['0000-01-01T00:00:00Z', 1]) }), /body\.cursor is not a cursor of the incidents list/],
  ['a cursor with an id beyond 2^53', () => search({ area: goodArea, cursor: encoded(['2026-01-01T00:00:00Z', 2 ** 60]) }), /body\.cursor is not a cursor/],
  ['oversized body', () => report({ ...goodReport, description: 'x'.repeat(2 * 1024 * 1024) }), /too large/i],
  ['report without location', () => report({ category: 'sanitation', title: '垃圾' }), /body\.location is required/],
  ['report with a polygon location', () => report({ ...goodReport, location: goodArea }), /location/],
  ['report with a point of type "point"', () => report({ ...goodReport, location: { type: 'point', coordinates: goodPoint } }), /body\.location\.type must be "Point"/],
  ['report with swapped point', () => report({ ...goodReport, location: { type: 'Point', coordinates: [goodPoint[1], goodPoint[0]] } }), /swapped/],
  ['report with EPSG:3857 point', () => report({ ...goodReport, location: { type: 'Point', coordinates: [12523000, 3883000] } }), /3857/],
  ['report with an empty title', () => report({ ...goodReport, title: '' }), /title must not be empty/],
  ['report with a title of spaces', () => report({ ...goodReport, title: '   ' }), /title must be a title with at least one visible character/],
  ['report with a title of ideographic spaces and tabs', () => report({ ...goodReport, title: '\u3000\t\u3000' }), /title must be a title with at least one visible/],
  ['report with a 201-character title', () => report({ ...goodReport, title: '长'.repeat(201) }), /title must have at most 200 characters/],
  ['report with a NUL in the title', () => report({ ...goodReport, title: '垃圾\u0000未清运' }), /body\.title contains a NUL character/],
  ['report with a NUL in the description', () => report({ ...goodReport, description: 'a\u0000b' }), /body\.description contains a NUL/],
  ['report with a lone surrogate in the title', () => report({ ...goodReport, title: `垃圾${LONE_SURROGATE}` }), /body\.title contains a lone UTF-16 surrogate/],
  ['report with an escaped lone surrogate in raw JSON', () => ({ method: 'POST', url: '/api/incidents', payload: `{"category":"sanitation","title":"\\udc00x","location":{"type":"Point","coordinates":[112.4985,32.981]}}`, headers: { 'content-type': 'application/json' } }), /body\.title contains a lone/],
  ['report with an unknown category', () => report({ ...goodReport, category: 'graffiti' }), /category must be one of: .*"public_security"/],
  ['report setting its own status', () => report({ ...goodReport, status: 'closed' }), /status.*not a known field/],
  ['report outside every grid', () => report({ ...goodReport, location: { type: 'Point', coordinates: [112.2, 33.5] } }), /not inside any grid/],
  ['transition to an unknown status', () => transition({ from: 'reported', to: "closed'; --" }), /body\.to must be one of/],
  ['transition note too long', () => transition({ from: 'reported', to: 'assigned', note: 'x'.repeat(2001) }), /note must have at most 2000/],
  ['transition note with NUL', () => transition({ from: 'reported', to: 'assigned', note: 'ok\u0000' }), /body\.note contains a NUL/],
  ['transition with an extra field', () => transition({ from: 'reported', to: 'assigned', by: 'admin' }), /by.*not a known field/],
  ['unknown query parameter', () => ({ url: '/api/incidents?colour=red' }), /colour.*not a known field/],
  ['limit is not a number', () => ({ url: '/api/incidents?limit=lots' }), /limit must be an integer/],
  ['negative limit', () => ({ url: '/api/grids?limit=-5' }), /limit must be at least 1/],
  ['cursor beyond the id range', () => ({ url: `/api/grids?cursor=${encoded([2147483648])}` }), /querystring\.cursor is not a cursor of the grids list/],
  ['cursor of the wrong shape', () => ({ url: `/api/buildings?cursor=${encoded(['x', 1])}` }), /querystring\.cursor is not a cursor of the buildings list/],
  ['incident cursor beyond the range', () => ({ url: `/api/incidents?cursor=${encoded(['9999-12-31T00:00:00Z', 1])}` }), /querystring\.cursor is not a cursor of the incidents list/],
  ['a cursor of 500 characters', () => ({ url: `/api/incidents?cursor=${'A'.repeat(500)}` }), /querystring\.cursor must be an opaque cursor/],
  ['from in the year 0000', () => ({ url: '/api/incidents?from=0000-01-01T00:00:00Z' }), /querystring\.from .*between 1900 and 2100/],
  ['patrols from in the year 0000', () => ({ url: `/api/patrols?community=${communityId}&from=0000-01-01T00:00:00Z` }), /querystring\.from/],
  ['a patrol night in the year 0000', () => ({ url: `/api/patrols/coverage?community=${communityId}&night=0000-01-01` }), /querystring\.night must be a date/],
  ['a patrol night on 30 February', () => ({ url: `/api/patrols/coverage?community=${communityId}&night=2026-02-30` }), /querystring\.night/],
  ['bbox with three numbers', () => ({ url: '/api/grids?bbox=112,32,113' }), /bbox must be minLongitude/],
  ['bbox min > max', () => ({ url: '/api/grids?bbox=113,33,112,32' }), /bbox/],
  ['members is not a boolean', () => ({ url: '/api/volunteer-teams?members=maybe' }), /members must be a boolean/],
  ['incident id is not a number', () => ({ url: '/api/incidents/abc' }), /params\.id must be an integer/],
  ['incident id beyond 2^53', () => ({ url: '/api/incidents/9007199254740993' }), /params\.id must be at most/],
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
  ['SQL injection: from in a transition', () => transition({ from: INJECTION, to: 'assigned' }), /from/],
];

/** Values no query parameter accepts, whatever its type, with what the message must then say. */
const HOSTILE_QUERY_VALUES: [string, string, RegExp | null][] = [
  ['a NUL byte', 'a%00b', /contains a NUL character/],
  ['SQL injection', injected, null],
  ['a 5,000-character value', '9'.repeat(5000), null],
  ['the value given twice', '__TWICE__', null],
  ['JSON', encodeURIComponent('{"$gt":0}'), null],
];

/** Values for each kind of query parameter that must be refused. */
const BAD_VALUES_BY_KIND: Record<string, string[]> = {
  id: ['0', '-1', '2147483648', '1.5', 'abc', ''],
  limit: ['0', '-1', '1.5', 'lots'],
  cursor: ['-1', 'a.b', 'abc', '2147483648'],
  incidentCursor: ['abc', '1_', '_1', '9999999999999999_1'],
  bbox: ['112,32,113', '113,33,112,32', '200,0,201,1', 'a,b,c,d'],
  instant: ['yesterday', '0000-01-01T00:00:00Z', '2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-11-01', '2026-11-01T25:00:00Z'],
  date: ['0000-01-01', '2026-02-30', '26-11-01', 'last night'],
  codes: ['graffiti', 'sanitation,', ',sanitation', 'sanitation,,closed'],
  boolean: ['maybe', '2'],
  days: ['0', '367', '-3', 'week'],
  theme: ['neon', ''],
  format: ['xlsx', 'CSV'],
};

interface QueryRoute {
  url: string;
  as: Role;
  /** Parameters that must be present for the route to validate the others. */
  base?: () => Record<string, string>;
  parameters: Record<string, keyof typeof BAD_VALUES_BY_KIND>;
}

const QUERY_ROUTES: QueryRoute[] = [
  {
    url: '/api/incidents',
    as: 'staff',
    parameters: { community: 'id', grid: 'id', bbox: 'bbox', from: 'instant', to: 'instant', categories: 'codes', statuses: 'codes', sources: 'codes', limit: 'limit', cursor: 'incidentCursor' },
  },
  { url: '/api/incidents/export', as: 'analyst', parameters: { community: 'id', grid: 'id', bbox: 'bbox', from: 'instant', to: 'instant', categories: 'codes', format: 'format' } },
  { url: '/api/grids', as: 'staff', parameters: { community: 'id', grid: 'id', bbox: 'bbox', limit: 'limit', cursor: 'cursor' } },
  { url: '/api/compounds', as: 'staff', parameters: { community: 'id', grid: 'id', bbox: 'bbox', limit: 'limit', cursor: 'cursor' } },
  { url: '/api/buildings', as: 'staff', parameters: { community: 'id', grid: 'id', compound: 'id', bbox: 'bbox', limit: 'limit', cursor: 'cursor' } },
  { url: '/api/service-points', as: 'staff', parameters: { community: 'id', kind: 'codes', bbox: 'bbox', limit: 'limit', cursor: 'cursor' } },
  { url: '/api/volunteer-teams', as: 'staff', parameters: { community: 'id', kind: 'codes', members: 'boolean', limit: 'limit', cursor: 'cursor' } },
  { url: '/api/staff', as: 'staff', parameters: { community: 'id', grid: 'id', limit: 'limit', cursor: 'cursor' } },
  { url: '/api/patrols', as: 'staff', base: () => ({ community: String(communityId) }), parameters: { from: 'instant', to: 'instant', limit: 'limit', cursor: 'cursor' } },
  { url: '/api/patrols/coverage', as: 'staff', base: () => ({ community: String(communityId) }), parameters: { night: 'date' } },
  { url: '/api/stats/incidents', as: 'staff', parameters: { area: 'id', days: 'days' } },
  { url: '/api/basemap/style.json', as: 'staff', parameters: { theme: 'theme' } },
];

/** Routes without query parameters: any parameter is unknown. */
const PARAMETERLESS_ROUTES: [string, Role][] = [
  ['/api/areas', 'staff'],
  ['/api/basemap/config', 'staff'],
  ['/api/basemap/roads.geojson', 'staff'],
  ['/api/session', 'staff'],
  ['/api/display-tokens', 'leader'],
  ['/api/users', 'admin'],
  ['/api/time-limits', 'staff'],
];

function queryString(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([name, value]) => (value === '__TWICE__' ? `${name}=1&${name}=2` : `${name}=${value}`))
    .join('&');
}

function generatedQueryCases(): Case[] {
  const cases: Case[] = [];
  for (const route of QUERY_ROUTES) {
    for (const [name, kind] of Object.entries(route.parameters)) {
      const field = new RegExp(`querystring\\.${name}`);
      const values: [string, string, RegExp][] = [
        ...BAD_VALUES_BY_KIND[kind].map((value): [string, string, RegExp] => [JSON.stringify(decodeURIComponent(value)), encodeURIComponent(value), field]),
        ...HOSTILE_QUERY_VALUES.map(([label, value, reason]): [string, string, RegExp] => [label, value, reason ? new RegExp(`querystring\\.${name} ${reason.source}`) : field]),
      ];
      for (const [label, value, message] of values) {
        cases.push({
          name: `${route.url} ${name}=${label}`,
          as: route.as,
          request: () => ({ url: `${route.url}?${queryString({ ...(route.base?.() ?? {}), [name]: value })}` }),
          message,
        });
      }
    }
    cases.push({ name: `${route.url} with an unknown parameter`, as: route.as, request: () => ({ url: `${route.url}?${queryString({ ...(route.base?.() ?? {}), colour: 'red' })}` }), message: /querystring\.colour is not a known field/ });
  }
  for (const [url, as] of PARAMETERLESS_ROUTES) {
    cases.push({ name: `${url} with an unknown parameter`, as, request: () => ({ url: `${url}?colour=red` }), message: /querystring\.colour is not a known field/ });
  }
  return cases;
}

/** Path parameters: ids that are not ids. */
function generatedPathCases(): Case[] {
  const cases: Case[] = [];
  // Incident ids are 64-bit (up to 2^53 here); the others are 32-bit.
  for (const id of ['abc', '0', '-1', '1.5', '2147483648', '%00', '']) {
    cases.push({ name: `GET /api/communities/${id}`, as: 'staff', request: () => ({ url: `/api/communities/${id}` }), message: /params\.id/ });
    cases.push({ name: `DELETE /api/display-tokens/${id}`, as: 'leader', request: () => ({ method: 'DELETE', url: `/api/display-tokens/${id}` }), message: /params\.id/ });
  }
  for (const id of ['abc', '0', '-1', '1.5', '9007199254740993', '%00']) {
    cases.push({ name: `POST /api/incidents/${id}/transitions`, as: 'staff', request: () => ({ method: 'POST', url: `/api/incidents/${id}/transitions`, payload: { from: 'reported', to: 'assigned' } }), message: /params\.id/ });
    cases.push({ name: `GET /api/incidents/${id}`, as: 'staff', request: () => ({ url: `/api/incidents/${id}` }), message: /params\.id/ });
  }
  for (const layer of ['buildings.geojson', 'roads.json', '..%2F..%2Fetc%2Fpasswd', 'roads.geojson%00']) {
    cases.push({ name: `GET /api/basemap/${layer}`, as: 'staff', request: () => ({ url: `/api/basemap/${layer}` }), message: /params\.layer/ });
  }
  return cases;
}

interface BodyRoute {
  name: string;
  as: Role;
  method: 'POST' | 'PUT';
  url: () => string;
  valid: () => Record<string, unknown>;
  /** Fields and values each must refuse. */
  fields: Record<string, unknown[]>;
}

const TEXT_HOSTILITIES = ['a\u0000b', `x${LONE_SURROGATE}`, 42, null, ['text'], { text: 'x' }];

const BODY_ROUTES: BodyRoute[] = [
  {
    name: 'report an incident',
    as: 'staff',
    method: 'POST',
    url: () => '/api/incidents',
    valid: () => ({ ...goodReport, description: 'ok' }),
    fields: {
      category: ['', 'graffiti', 7, null, ['sanitation']],
      title: ['', ' ', '\u00a0\u3000', '长'.repeat(201), ...TEXT_HOSTILITIES],
      description: ['x'.repeat(4001), ...TEXT_HOSTILITIES],
      source: ['', 'twitter', 1],
      location: [null, 'here', [112.5, 32.98], { type: 'Point' }, { type: 'Point', coordinates: [112.5] }, { type: 'Point', coordinates: ['112.5', '32.98'] }, { type: 'Point', coordinates: [null, null] }],
    },
  },
  {
    name: 'move an incident',
    as: 'staff',
    method: 'POST',
    url: () => `/api/incidents/${incidentId}/transitions`,
    valid: () => ({ from: 'reported', to: 'assigned', note: 'ok' }),
    fields: { from: ['', 'open', 3, null], to: ['', 'done', 3, null], note: ['x'.repeat(2001), ...TEXT_HOSTILITIES] },
  },
  {
    name: 'search incidents',
    as: 'analyst',
    method: 'POST',
    url: () => '/api/incidents/search',
    valid: () => ({ area: goodArea }),
    fields: {
      community: [0, -1, 2147483648, '1', 1.5, null],
      grid: [0, 2147483648, 'x'],
      from: ['0000-01-01T00:00:00Z', '2026-02-30T00:00:00Z', 'now', 20260101, null],
      to: ['9999-12-31T23:59:59Z', '', 0],
      categories: ['sanitation', [''], ['x\u0000'], [1], Array.from({ length: 20 }, () => 'sanitation')],
      statuses: [[null], ['opened'], {}],
      sources: [['sms'], 'grid_staff'],
      limit: [0, -10, 1.5, '10', null],
      cursor: [1, '', '1_', 'eyJ4IjoxfQ', `x${LONE_SURROGATE}`],
    },
  },
  {
    name: 'log in',
    as: 'staff',
    method: 'POST',
    url: () => '/api/session',
    valid: () => ({ username: 'nobody', password: 'wrong-password' }),
    fields: { username: ['', 'x'.repeat(41), 'a\u0000b', `a${LONE_SURROGATE}`, 1, null], password: ['', 'p'.repeat(201), 'a\u0000b', 12345678, null] },
  },
  {
    name: 'make a display token',
    as: 'leader',
    method: 'POST',
    url: () => '/api/display-tokens',
    valid: () => ({ label: '大屏' }),
    fields: { label: ['', 'x'.repeat(101), 'a\u0000b', `a${LONE_SURROGATE}`, 5, null, ['大屏']] },
  },
  {
    name: 'set time limits',
    as: 'admin',
    method: 'PUT',
    url: () => '/api/time-limits',
    valid: () => ({ hours: { sanitation: { reported: 4 } } }),
    fields: {
      hours: [
        null,
        'x',
        4,
        [],
        {},
        { graffiti: { reported: 1 } },
        { sanitation: null },
        { sanitation: {} },
        { sanitation: { closed: 1 } },
        { sanitation: { lost: 1 } },
        { sanitation: { reported: 0 } },
        { sanitation: { reported: -1 } },
        { sanitation: { reported: 2160.25 } },
        { sanitation: { reported: 0.3 } },
        { sanitation: { reported: '4' } },
        { sanitation: { reported: 'a\u0000b' } },
        { sanitation: { reported: [4] } },
      ],
    },
  },
  {
    name: 'save a grid draft',
    as: 'admin',
    method: 'PUT',
    url: () => `/api/communities/${communityId}/grid-draft`,
    valid: () => gridDraft,
    fields: {
      baseVersions: [null, 'x', [], { abc: 1 }, { '1': 0 }, { '1': 'one' }, { '1': 1.5 }],
      grids: [
        null,
        'x',
        [],
        [{}],
        [{ ...draftGrid(), id: 0 }],
        [{ ...draftGrid(), name: '   ' }],
        [{ ...draftGrid(), name: 'a\u0000b' }],
        [{ ...draftGrid(), targetHouseholds: 0 }],
        [{ ...draftGrid(), geometry: { type: 'Point', coordinates: goodPoint } }],
        [{ ...draftGrid(), geometry: polygon([[[112.5, 32.98], [112.51, 32.99], [112.51, 32.98], [112.5, 32.99], [112.5, 32.98]]]) }],
        [{ ...draftGrid(), geometry: polygon([[[32.98, 112.5], [32.99, 112.5], [32.99, 112.51], [32.98, 112.5]]]) }],
        [{ ...draftGrid(), colour: 'red' }],
        [draftGrid(), draftGrid()],
      ],
    },
  },
  {
    name: 'publish a grid draft',
    as: 'admin',
    method: 'POST',
    url: () => `/api/communities/${communityId}/grid-draft/publish`,
    valid: () => ({ reason: '调整' }),
    fields: { reason: ['', '   ', 'x'.repeat(201), 'a\u0000b', `a${LONE_SURROGATE}`, 5, null] },
  },
  {
    name: 'create a user',
    as: 'admin',
    method: 'POST',
    url: () => '/api/users',
    valid: () => ({ username: 'new_user', displayName: '新用户', password: 'long-enough-password', role: 'analyst', communityIds: [communityId] }),
    fields: {
      username: ['', 'ab', 'Upper', 'spaces here', 'x'.repeat(41), "o'brien", 7],
      displayName: ['', '  ', 'x'.repeat(101), 'a\u0000b', `a${LONE_SURROGATE}`, null],
      password: ['short', 'p'.repeat(201), 1234567890, 'long-enough\u0000password'],
      role: ['root', 'Admin', '', null],
      communityIds: [[0], [-1], ['1'], [2147483648], [communityId, communityId], 'all', [999_999]],
    },
  },
];

const describeValue = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
};

function generatedBodyCases(): Case[] {
  const cases: Case[] = [];
  for (const route of BODY_ROUTES) {
    for (const [field, values] of Object.entries(route.fields)) {
      for (const value of values) {
        // An unknown community id passes the schema and is refused by the route (422), naming the field all the same.
        cases.push({
          name: `${route.name}: ${field} = ${describeValue(value)}`,
          as: route.as,
          request: () => ({ method: route.method, url: route.url(), payload: { ...route.valid(), [field]: value } }),
          message: route.url() === '/api/session' && typeof value === 'string' && value.length > 0 && value.length <= 40 && !value.includes('\u0000') && !/[\ud800-\udfff]/.test(value) ? /username or password is wrong/ : new RegExp(`body\\.${field}`),
        });
      }
    }
    cases.push({
      name: `${route.name}: an unknown field`,
      as: route.as,
      request: () => ({ method: route.method, url: route.url(), payload: { ...route.valid(), admin: true } }),
      message: /body\.admin is not a known field; known fields: /,
    });
    cases.push({
      name: `${route.name}: an array instead of an object`,
      as: route.as,
      request: () => ({ method: route.method, url: route.url(), payload: [route.valid()] as unknown as object }),
      message: /body must be an object/,
    });
  }
  return cases;
}

const CASES: Case[] = [
  ...HAND_WRITTEN.map(([name, request, message]): Case => ({ name, as: 'staff', request, message })),
  ...generatedQueryCases(),
  ...generatedPathCases(),
  ...generatedBodyCases(),
];

describe(`malformed input (${testBackend()})`, () => {
  it(`answers each of ${CASES.length} malformed requests with a 4xx naming the problem, never a 5xx, and writes nothing`, async () => {
    expect(CASES.length).toBeGreaterThanOrEqual(250);
    const before = await tableCounts(testApp.app);
    const failures: string[] = [];
    for (const { name, as, request, message } of CASES) {
      const response = await sessions[as](request());
      let body: { error?: unknown; message?: unknown } = {};
      try {
        body = response.json();
      } catch {
        failures.push(`${name}: status ${response.statusCode}, not JSON: ${response.body.slice(0, 120)}`);
        continue;
      }
      if (response.statusCode < 400 || response.statusCode >= 500) failures.push(`${name}: status ${response.statusCode} ${response.body.slice(0, 200)}`);
      else if (typeof body.error !== 'string' || typeof body.message !== 'string' || !message.test(body.message)) failures.push(`${name}: ${response.statusCode} "${body.message}" does not match ${message}`);
    }
    expect(failures).toEqual([]);
    // Logging in with a bad password writes nothing either: only the sessions table could change, and must not.
    expect(await tableCounts(testApp.app)).toEqual(before);
  });

  it('stores an injection-looking title as plain text and changes nothing else', async () => {
    const before = await tableCounts(testApp.app);
    const response = await sessions.staff(report({ ...goodReport, title: INJECTION }));
    expect(response.statusCode).toBe(201);
    expect(response.json().properties.title).toBe(INJECTION);
    const after = await tableCounts(testApp.app);
    // A report is one incident, its first workflow event, and one live event for the walls (GET /api/events).
    expect(after).toEqual({ ...before, incidents: before.incidents + 1, incident_events: before.incident_events + 1, live_events: before.live_events + 1 });
  });

  it('accepts a polygon with a repeated vertex, as PostGIS does', async () => {
    const [[a, b, c, d, e]] = square(112.49, 32.97);
    const response = await sessions.analyst(search({ area: polygon([[a, b, b, c, d, e]]), limit: 1 }));
    expect(response.statusCode).toBe(200);
    expect(response.json().summary.total).toBeGreaterThanOrEqual(0);
  });
});
