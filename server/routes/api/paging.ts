import { patrolNightOf, patrolNights, type PatrolNight } from '#domain/local-time.ts';
// What every list route shares: reading the request's list parameters, and writing one page as a
// FeatureCollection with `links` (OGC API style) and a Link header.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Collection, CollectionPage } from '../../repositories/collections/collection.ts';
import { decodeCursor, encodeCursor } from '../../repositories/collections/collection.ts';
import type { BboxFilter } from '../../repositories/collections/collection.ts';
import { badRequest } from '../../http-errors.ts';
import { DEFAULT_PAGE_SIZE } from '../../schemas/common.ts';

export const GEOJSON_TYPE = 'application/geo+json; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';

export function parseBbox(text: string | undefined, field = 'querystring.bbox'): BboxFilter | null {
  if (text === undefined) return null;
  const [west, south, east, north] = text.split(',').map(Number);
  if (Math.abs(west) > 180 || Math.abs(east) > 180 || Math.abs(south) > 90 || Math.abs(north) > 90) {
    throw badRequest(`${field} is out of range: longitudes must be within ±180 and latitudes within ±90`);
  }
  if (west >= east || south >= north) throw badRequest(`${field} must be minLongitude,minLatitude,maxLongitude,maxLatitude with min < max`);
  return [west, south, east, north];
}

/** The patrol night of a date query parameter named `field`, or the last finished one by `now` when absent; 400 for a date that is not one. */
export function patrolNightParameter(date: string | undefined, now: Date, field: string): PatrolNight {
  if (date === undefined) return patrolNights(now).last;
  try {
    return patrolNightOf(date);
  } catch {
    throw badRequest(`${field} is not a calendar date: ${date}`);
  }
}

export const splitList = (text: string | undefined) => (text === undefined ? null : [...new Set(text.split(','))]);

export function checkTimeWindow(from: string | undefined, to: string | undefined, where: string): void {
  if (from && to && Date.parse(from) >= Date.parse(to)) throw badRequest(`${where}.from must be before ${where}.to`);
}

/** The page size a request asks for, capped at the collection's largest page. */
export const pageSize = <F>(collection: Collection<F>, limit: number | undefined) => Math.min(limit ?? DEFAULT_PAGE_SIZE, collection.maxPageSize);

/** The keys a cursor names, or 400 naming the field. */
export function cursorKeys<F>(collection: Collection<F>, cursor: string | undefined, field: string): unknown[] | null {
  if (cursor === undefined) return null;
  const keys = decodeCursor(collection, cursor);
  if (!keys) throw badRequest(`${field} is not a cursor of the ${collection.name} list; use the cursor of a \`next\` link as it is`);
  return keys;
}

/** The origin the client addressed (PUBLIC_ORIGIN behind a proxy that hides it). */
export function requestOrigin(request: FastifyRequest): string {
  return request.server.config.publicOrigin ?? `${request.protocol}://${request.host}`;
}

/**
 * This request's URL, absolute, with other query values set. The caller's own `?token=` stays in it: a
 * desktop GIS that authenticates in the URL must be able to follow the link as it is. A caller that sent
 * the token in a header gets links without it (the token is never added to a URL it was not in).
 */
export function requestUrl(request: FastifyRequest, set: Record<string, string> = {}): string {
  const url = new URL(request.raw.url ?? request.url, requestOrigin(request));
  for (const [name, value] of Object.entries(set)) url.searchParams.set(name, value);
  return url.toString();
}

/**
 * An absolute URL of another path of this server, keeping the caller's `?token=` (if the request had
 * one) so that a client which authenticates in the URL can follow it.
 */
export function linkTo(request: FastifyRequest, pathname: string, set: Record<string, string> = {}): string {
  const url = new URL(pathname, requestOrigin(request));
  const token = new URL(request.raw.url ?? request.url, 'http://localhost').searchParams.get('token');
  if (token !== null) url.searchParams.set('token', token);
  for (const [name, value] of Object.entries(set)) url.searchParams.set(name, value);
  return url.toString();
}

export interface Link {
  rel: string;
  href: string;
  type?: string;
  method?: 'POST';
  body?: unknown;
}

/** The links of a GET list page: itself, and the next page when there is one. */
export function getLinks(request: FastifyRequest, page: CollectionPage, limit: number): Link[] {
  const links: Link[] = [{ rel: 'self', href: requestUrl(request), type: 'application/geo+json' }];
  if (page.nextKeys) links.push({ rel: 'next', href: requestUrl(request, { cursor: encodeCursor(page.nextKeys), limit: String(limit) }), type: 'application/geo+json' });
  return links;
}

/** JSON text of one member, `"name":value`. */
const member = (name: string, value: unknown) => `${JSON.stringify(name)}:${JSON.stringify(value)}`;

/**
 * A JSON object written from members: `values` are written by JSON.stringify, `texts` are JSON that
 * PostGIS already wrote (passed through, never parsed).
 */
export function objectText(values: Record<string, unknown>, texts: Record<string, string> = {}): string {
  return `{${[...Object.entries(values).map(([name, value]) => member(name, value)), ...Object.entries(texts).map(([name, text]) => `${JSON.stringify(name)}:${text}`)].join(',')}}`;
}

/**
 * Writes the page: the features as PostGIS wrote them (bytes, passed through), between members written by
 * JSON.stringify. `extra` members (a search's summary) come last.
 */
export function featureCollectionBody(page: CollectionPage, limit: number, links: Link[], extra: Record<string, unknown> = {}): Buffer {
  const members = [
    member('numberReturned', page.numberReturned),
    ...(page.numberMatched === undefined ? [] : [member('numberMatched', page.numberMatched)]),
    member('limit', limit),
    ...(page.bbox ? [member('bbox', page.bbox.map((value) => Number(value.toFixed(6))))] : []),
    member('links', links),
    ...Object.entries(extra).map(([name, value]) => member(name, value)),
  ];
  return Buffer.concat([FEATURE_COLLECTION_START, page.features, Buffer.from(`],${members.join(',')}}`)]);
}
const FEATURE_COLLECTION_START = Buffer.from('{"type":"FeatureCollection","features":[');

/**
 * Sends JSON that SQL already wrote, as text, never parsed (DESIGN.md §8). The route's response schema
 * documents its shape and the tests check it; TypeScript cannot look into the text, hence this one cast.
 * Typed `never` so that handlers with typed response schemas accept it.
 */
export function sendJsonText(reply: unknown, text: string | Buffer, contentType = GEOJSON_TYPE, statusCode = 200): never {
  return (reply as FastifyReply).code(statusCode).type(contentType).send(text) as never;
}

/** Sends a page, with an RFC 8288 Link header for the next page too. */
export function sendPage(reply: unknown, text: string | Buffer, links: Link[]): never {
  const next = links.find((link) => link.rel === 'next' && link.method === undefined);
  if (next) (reply as FastifyReply).header('link', `<${next.href}>; rel="next"`);
  return sendJsonText(reply, text);
}
