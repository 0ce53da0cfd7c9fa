import { Type, type TSchema } from '@sinclair/typebox';
import { badRequest } from '../../../http-errors.ts';

/** The largest page any list returns; larger `limit`s are capped and a `next` link is given. */
export const MAX_PAGE_SIZE = 5000;
export const DEFAULT_PAGE_SIZE = 1000;

const NUMBER = '-?\\d{1,3}(\\.\\d{1,12})?';

export const Bbox = Type.String({
  pattern: `^${NUMBER},${NUMBER},${NUMBER},${NUMBER}$`,
  description: 'minLongitude,minLatitude,maxLongitude,maxLatitude (WGS84)',
});
export const Limit = Type.Integer({ minimum: 1, maximum: 1_000_000, description: `page size; values above ${MAX_PAGE_SIZE} are capped at ${MAX_PAGE_SIZE}` });
export const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
export const BigId = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
export const IdCursor = Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: 'opaque cursor from a `next` link' });
/** Text a person must fill in: something visible, not only spaces. */
export const VisibleText = (options: { maxLength: number; description?: string }) =>
  Type.String({ minLength: 1, maxLength: options.maxLength, pattern: '\\S', description: options.description ?? 'text with at least one visible character' });
export const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 instant, e.g. 2026-11-01T00:00:00+08:00' });

/** A comma-separated list of codes from a closed vocabulary. */
export function CodeList(codes: readonly string[], description: string) {
  const alternatives = codes.join('|');
  return Type.String({ pattern: `^(${alternatives})(,(${alternatives}))*$`, description: `${description}, comma-separated: ${codes.join(', ')}` });
}

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

/** Query objects reject unknown parameters. */
export function Query<T extends Record<string, TSchema>>(properties: T) {
  return Type.Object(properties, { additionalProperties: false });
}

export const ErrorResponse = Type.Object({
  error: Type.String(),
  message: Type.String(),
  details: Type.Optional(Type.Unknown()),
});

export const FeatureCollectionResponse = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(Type.Unknown()),
    bbox: Type.Optional(Type.Array(Type.Number(), { minItems: 4, maxItems: 4 })),
    limit: Type.Integer(),
    numberReturned: Type.Integer(),
    next: Type.Optional(Type.Unknown()),
  },
  { description: 'A GeoJSON FeatureCollection (RFC 7946), paged' },
);

export function parseBbox(text: string | undefined): number[] | null {
  if (text === undefined) return null;
  const [west, south, east, north] = text.split(',').map(Number);
  if (Math.abs(west) > 180 || Math.abs(east) > 180 || Math.abs(south) > 90 || Math.abs(north) > 90) {
    throw badRequest('querystring.bbox is out of range: longitudes must be within ±180 and latitudes within ±90');
  }
  if (west >= east || south >= north) throw badRequest('querystring.bbox must be minLongitude,minLatitude,maxLongitude,maxLatitude with min < max');
  return [west, south, east, north];
}

export function pageSize(limit: number | undefined): number {
  return Math.min(limit ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
}

export const splitList = (text: string | undefined) => (text === undefined ? null : [...new Set(text.split(','))]);

export { Enum } from '../../../schemas/vocabulary.ts';

export const GEOJSON_TYPE = 'application/geo+json; charset=utf-8';

/**
 * Sends JSON that PostGIS already wrote as text: streamed as it is, never parsed and re-serialised
 * (DESIGN.md §8). The route's response schema documents its shape; the tests check it.
 */
export function sendJsonText(reply: { type(contentType: string): unknown }, text: string, contentType = GEOJSON_TYPE, statusCode = 200): never {
  const raw = reply as unknown as { code(status: number): { type(contentType: string): { send(payload: string): unknown } } };
  // Typed as never so that handlers with typed response schemas accept it.
  return raw.code(statusCode).type(contentType).send(text) as never;
}
