// Request and response schemas shared by every route (TypeBox: JSON Schema for validation and OpenAPI,
// and static types for the client). Pure: no Fastify, no database, so the client imports its types.
import { Type, type TSchema } from '@sinclair/typebox';

/** The largest page any list returns; larger `limit`s are capped and a `next` link is given. */
export const MAX_PAGE_SIZE = 5000;
export const DEFAULT_PAGE_SIZE = 1000;

/** A string from a closed vocabulary (an enum in the OpenAPI description). */
export function Enum<T extends string>(codes: readonly T[], description?: string) {
  return Type.Unsafe<T>({ type: 'string', enum: [...codes], ...(description ? { description } : {}) });
}

const NUMBER = '-?\\d{1,3}(\\.\\d{1,12})?';

export const Bbox = Type.String({
  pattern: `^${NUMBER},${NUMBER},${NUMBER},${NUMBER}$`,
  description: 'minLongitude,minLatitude,maxLongitude,maxLatitude (WGS84)',
});
export const Limit = Type.Integer({ minimum: 1, maximum: 1_000_000, description: `page size; values above the list's largest page are capped to it` });
export const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
export const BigId = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
export const Cursor = Type.String({ pattern: '^[A-Za-z0-9_-]{1,400}$', description: 'an opaque cursor from a `next` link' });
export const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 instant, e.g. 2026-11-01T00:00:00+08:00' });
export const LocalDate = Type.String({ format: 'date', description: 'a local date YYYY-MM-DD' });

/** Text a person must fill in: something visible, not only spaces. */
export const VisibleText = (options: { maxLength: number; description?: string }) =>
  Type.String({ minLength: 1, maxLength: options.maxLength, pattern: '\\S', description: options.description ?? 'text with at least one visible character' });

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
  error: Type.String({ description: 'a stable code, e.g. invalid_request (docs/api.md lists them)' }),
  message: Type.String({ description: 'English text naming the field and the reason' }),
  details: Type.Optional(Type.Unknown({ description: 'for invalid requests a list of { field, reason }; for a conflict what the item is now, e.g. { currentStatus }' })),
});

export const Timestamp = Type.String({ description: 'ISO 8601 instant in UTC, e.g. 2026-11-29T12:00:00Z' });
export const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);
