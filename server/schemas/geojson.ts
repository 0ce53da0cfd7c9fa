// GeoJSON (RFC 7946) as TypeBox schemas, and the paged FeatureCollection every list returns.
import { Type, type TSchema } from '@sinclair/typebox';

export const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3, description: '[longitude, latitude] in WGS84' });
/** A [longitude, latitude] pair the server computes (a point inside an area, say): typed as a pair. */
export const LonLat = Type.Unsafe<[longitude: number, latitude: number]>(Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description: '[longitude, latitude] in WGS84' }));
/** Its static type is a 4-tuple; its JSON Schema an array of 4 (OpenAPI 3.0 has no tuples). */
export const BBox = Type.Unsafe<[west: number, south: number, east: number, north: number]>(
  Type.Array(Type.Number(), { minItems: 4, maxItems: 4, description: '[west, south, east, north]' }),
);

export const PointGeometry = Type.Object({ type: Type.Literal('Point'), coordinates: Position });
export const MultiPointGeometry = Type.Object({ type: Type.Literal('MultiPoint'), coordinates: Type.Array(Position) });
export const LineStringGeometry = Type.Object({ type: Type.Literal('LineString'), coordinates: Type.Array(Position) });
export const PolygonGeometry = Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Type.Array(Position)) });
export const MultiPolygonGeometry = Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(Type.Array(Position))) });

/** A Feature with a top-level id (the item's id), a geometry of the given kind and typed properties. */
export function Feature<G extends TSchema, P extends TSchema>(geometry: G, properties: P) {
  return Type.Object({ type: Type.Literal('Feature'), id: Type.Integer(), geometry, properties });
}

/** A link (OGC API style): `rel: next` is the next page; for a POST search it carries the body to post. */
export const Link = Type.Object({
  rel: Type.String({ description: 'self, next, …' }),
  href: Type.String({ description: 'an absolute URL' }),
  type: Type.Optional(Type.String()),
  method: Type.Optional(Type.Literal('POST')),
  body: Type.Optional(Type.Unknown({ description: 'for method POST: the body to send' })),
});

/** A page of a list: a FeatureCollection with paging members; follow `links` rel `next` until there is none. */
export function FeatureCollectionPage<F extends TSchema>(feature: F, extra: Record<string, TSchema> = {}) {
  return Type.Object(
    {
      type: Type.Literal('FeatureCollection'),
      features: Type.Array(feature),
      bbox: Type.Optional(BBox),
      numberReturned: Type.Integer(),
      numberMatched: Type.Optional(Type.Integer({ description: 'all matches over all pages, where counting them is cheap' })),
      limit: Type.Integer(),
      links: Type.Array(Link),
      ...extra,
    },
    { description: 'A GeoJSON FeatureCollection (RFC 7946), one page of a list' },
  );
}
