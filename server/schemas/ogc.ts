// OGC API - Features (Part 1: Core, GeoJSON) documents: the landing page, conformance, collections.
// The items are the API's own FeatureCollection pages (geojson.ts), with OGC's links.
import { Type } from '@sinclair/typebox';
import { Link } from './geojson.ts';

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const GREGORIAN = 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian';

export const CONFORMANCE_CLASSES = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
] as const;

export const LandingPage = Type.Object({
  title: Type.String(),
  description: Type.String(),
  links: Type.Array(Link, { description: 'self, service-desc (the OpenAPI document), conformance, data (the collections)' }),
});

export const Conformance = Type.Object({ conformsTo: Type.Array(Type.String()) });

const NullableInstant = Type.Union([Type.String(), Type.Null()]);

export const OgcCollection = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  itemType: Type.Literal('feature'),
  crs: Type.Array(Type.String()),
  extent: Type.Object({
    spatial: Type.Object({ bbox: Type.Array(Type.Array(Type.Number(), { minItems: 4, maxItems: 4 })), crs: Type.String() }),
    temporal: Type.Optional(Type.Object({ interval: Type.Array(Type.Array(NullableInstant, { minItems: 2, maxItems: 2 })), trs: Type.String() })),
  }),
  links: Type.Array(Link, { description: 'self, items (GeoJSON)' }),
});

export const OgcCollections = Type.Object({
  collections: Type.Array(OgcCollection),
  links: Type.Array(Link),
});

export const OgcFeatureCollection = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(Type.Object({ type: Type.Literal('Feature'), id: Type.Integer(), geometry: Type.Unknown(), properties: Type.Unknown() })),
    numberReturned: Type.Integer(),
    numberMatched: Type.Optional(Type.Integer()),
    timeStamp: Type.String(),
    links: Type.Array(Link),
  },
  { description: 'A page of a collection; follow links rel `next` until there is none' },
);

export const OgcFeature = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.Integer(),
  geometry: Type.Unknown(),
  properties: Type.Unknown(),
  links: Type.Array(Link),
});
