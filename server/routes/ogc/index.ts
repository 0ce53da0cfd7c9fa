// OGC API - Features (Part 1: Core, GeoJSON) at /ogc, for QGIS, GDAL/ogr2ogr and other desktop GIS:
// the landing page, conformance, the collections with their extents, pages of items with bbox,
// datetime, limit and `next` links, and single items. Same authentication and scope as /api: a session,
// or a token as `Authorization: Bearer`, as the password of Basic credentials, or as `?token=`.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { isReasonableInstant } from '#domain/text-rules.ts';
import { badRequest, notFound } from '../../http-errors.ts';
import { Bbox, BigId, Cursor, Enum, ErrorResponse, Limit, Query } from '../../schemas/common.ts';
import { CONFORMANCE_CLASSES, Conformance, CRS84, GREGORIAN, LandingPage, OgcCollection, OgcCollections, OgcFeature, OgcFeatureCollection } from '../../schemas/ogc.ts';
import { featureCollectionBody, GEOJSON_TYPE, linkTo, parseBbox, requestUrl, sendJsonText, sendPage, type Link } from '../api/paging.ts';
import { encodeCursor } from '../../repositories/collections/collection.ts';
import { collectionExtent, ogcCollections, type OgcCollectionEntry, type OgcFilters } from './ogc-collections.ts';

/** The default page of items (OGC leaves it to the server); larger limits are capped at the collection's largest page. */
const DEFAULT_ITEMS = 1000;
const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';

/** `f`: the only format is JSON (GeoJSON for items); clients that ask for it by name are answered. */
const Format = Type.Optional(Enum(['json', 'geojson'], 'response format: json (GeoJSON for items) is the only one'));
const Datetime = Type.String({
  maxLength: 100,
  description: 'an RFC 3339 instant, or an interval start/end where either end may be .. or empty (open); both ends are included',
});
const CollectionParams = Type.Object({ collectionId: Type.String({ maxLength: 50 }) }, { additionalProperties: false });
const ItemParams = Type.Object({ collectionId: Type.String({ maxLength: 50 }), featureId: BigId }, { additionalProperties: false });

/** The `datetime` parameter as a half-open window [from, to): an instant, or a closed interval whose ends may be open. */
export function parseDatetime(text: string | undefined): Pick<OgcFilters, 'from' | 'to'> {
  if (text === undefined) return {};
  const instant = (value: string, which: string) => {
    if (!isReasonableInstant(value)) throw badRequest(`querystring.datetime: the ${which} "${value}" is not an RFC 3339 instant such as 2026-11-01T00:00:00Z`);
    return Date.parse(value);
  };
  // Both ends are included: `to` is one millisecond after the end.
  const after = (ms: number) => new Date(ms + 1).toISOString();
  const parts = text.split('/');
  if (parts.length === 1) {
    const at = instant(text, 'instant');
    return { from: new Date(at).toISOString(), to: after(at) };
  }
  if (parts.length !== 2) throw badRequest('querystring.datetime must be an instant or an interval start/end');
  const open = (value: string) => value === '' || value === '..';
  const [start, end] = parts;
  if (open(start) && open(end)) throw badRequest('querystring.datetime: at least one end of the interval must be an instant');
  const from = open(start) ? undefined : instant(start, 'start');
  const to = open(end) ? undefined : instant(end, 'end');
  if (from !== undefined && to !== undefined && from > to) throw badRequest('querystring.datetime: the start is after the end');
  return { ...(from === undefined ? {} : { from: new Date(from).toISOString() }), ...(to === undefined ? {} : { to: after(to) }) };
}

const ogcRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const collections = ogcCollections(app.config.gridHouseholdNorm);
  const byId = new Map(collections.map((collection) => [collection.id, collection]));
  const find = (id: string) => {
    const collection = byId.get(id);
    if (!collection) throw notFound(`Collection ${id}`);
    return collection;
  };

  app.addHook('onRequest', app.authenticate);
  // Desktop GIS asks for credentials when told how: a token as the password of Basic credentials works.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (reply.statusCode === 401) reply.header('www-authenticate', 'Basic realm="GridAtlas", charset="UTF-8"');
    return payload;
  });

  const collectionDocument = async (request: FastifyRequest, collection: OgcCollectionEntry) => {
    const extent = await collectionExtent(app.pg.pool, collection, request.user.communityIds);
    const self = linkTo(request, `/ogc/collections/${collection.id}`);
    return {
      id: collection.id,
      title: collection.title,
      description: collection.description,
      itemType: 'feature' as const,
      crs: [CRS84],
      extent: {
        spatial: { bbox: extent.bbox ? [extent.bbox] : [], crs: CRS84 },
        ...(extent.interval ? { temporal: { interval: [extent.interval], trs: GREGORIAN } } : {}),
      },
      links: [
        { rel: 'self', href: self, type: 'application/json', title: collection.title },
        { rel: 'items', href: linkTo(request, `/ogc/collections/${collection.id}/items`), type: 'application/geo+json', title: collection.title },
      ],
    };
  };

  app.get(
    '/',
    { schema: { summary: 'OGC API - Features landing page', tags: ['ogc'], querystring: Query({ f: Format }), response: { 200: LandingPage, '4xx': ErrorResponse } } },
    async (request) => ({
      title: 'GridAtlas 网格地图',
      description: 'Community grid governance data (网格化管理) as OGC API - Features: communities, grids, compounds, buildings, service points, volunteer teams, incidents and night patrols.',
      links: [
        { rel: 'self', href: linkTo(request, '/ogc'), type: 'application/json', title: 'this document' },
        { rel: 'service-desc', href: linkTo(request, '/api/docs/json'), type: OPENAPI_TYPE, title: 'the API definition' },
        { rel: 'conformance', href: linkTo(request, '/ogc/conformance'), type: 'application/json', title: 'conformance classes' },
        { rel: 'data', href: linkTo(request, '/ogc/collections'), type: 'application/json', title: 'the collections' },
      ],
    }),
  );

  app.get(
    '/conformance',
    { schema: { summary: 'OGC API - Features conformance classes', tags: ['ogc'], querystring: Query({ f: Format }), response: { 200: Conformance, '4xx': ErrorResponse } } },
    async () => ({ conformsTo: [...CONFORMANCE_CLASSES] }),
  );

  app.get(
    '/collections',
    { config: { heavy: true }, schema: { summary: 'The collections, with their extents in your scope', tags: ['ogc'], querystring: Query({ f: Format }), response: { 200: OgcCollections, '4xx': ErrorResponse } } },
    async (request) => {
      const documents = [];
      // One after another: each is a small aggregate, and a pool connection each would gain nothing on the embedded database.
      for (const collection of collections) documents.push(await collectionDocument(request, collection));
      return { collections: documents, links: [{ rel: 'self', href: linkTo(request, '/ogc/collections'), type: 'application/json' }] };
    },
  );

  app.get(
    '/collections/:collectionId',
    { schema: { summary: 'One collection', tags: ['ogc'], params: CollectionParams, querystring: Query({ f: Format }), response: { 200: OgcCollection, '4xx': ErrorResponse } } },
    async (request) => collectionDocument(request, find(request.params.collectionId)),
  );

  app.get(
    '/collections/:collectionId/items',
    {
      config: { heavy: true },
      schema: {
        summary: 'A page of a collection’s features; follow links rel `next` for the rest',
        tags: ['ogc'],
        params: CollectionParams,
        querystring: Query({ bbox: Type.Optional(Bbox), datetime: Type.Optional(Datetime), limit: Type.Optional(Limit), cursor: Type.Optional(Cursor), f: Format }),
        response: { 200: OgcFeatureCollection, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const collection = find(request.params.collectionId);
      const query = request.query;
      const limit = Math.min(query.limit ?? DEFAULT_ITEMS, collection.maxPageSize);
      let after: unknown[] | null = null;
      if (query.cursor !== undefined) {
        after = collection.cursor(query.cursor);
        if (!after) throw badRequest(`querystring.cursor is not a cursor of the ${collection.id} collection; use the cursor of a \`next\` link as it is`);
      }
      // A malformed datetime is refused everywhere; a collection without time ignores a well-formed one.
      const window = parseDatetime(query.datetime);
      const page = await collection.page(app.pg.pool, { bbox: parseBbox(query.bbox), ...(collection.temporal ? window : {}) }, request.user.communityIds, app.now(), { limit, after });
      const links: Link[] = [
        { rel: 'self', href: requestUrl(request), type: 'application/geo+json' },
        { rel: 'collection', href: linkTo(request, `/ogc/collections/${collection.id}`), type: 'application/json' },
      ];
      if (page.nextKeys) links.push({ rel: 'next', href: requestUrl(request, { cursor: encodeCursor(page.nextKeys), limit: String(limit) }), type: 'application/geo+json' });
      return sendPage(reply, featureCollectionBody(page, limit, links, { timeStamp: app.now().toISOString() }), links);
    },
  );

  app.get(
    '/collections/:collectionId/items/:featureId',
    { schema: { summary: 'One feature', tags: ['ogc'], params: ItemParams, querystring: Query({ f: Format }), response: { 200: OgcFeature, '4xx': ErrorResponse } } },
    async (request, reply) => {
      const collection = find(request.params.collectionId);
      const id = request.params.featureId;
      // Ids of the reference layers are 32-bit: a larger one names nothing.
      const feature = id <= 2_147_483_647 || collection.id === 'incidents' ? await collection.item(app.pg.pool, id, request.user.communityIds, app.now()) : null;
      if (!feature) throw notFound(`Feature ${id} of ${collection.id}`);
      const links: Link[] = [
        { rel: 'self', href: requestUrl(request), type: 'application/geo+json' },
        { rel: 'collection', href: linkTo(request, `/ogc/collections/${collection.id}`), type: 'application/json' },
      ];
      // One small feature: read and written again with its links.
      return sendJsonText(reply, JSON.stringify({ ...(JSON.parse(feature) as object), links }), GEOJSON_TYPE);
    },
  );
};

export default ogcRoutes;
