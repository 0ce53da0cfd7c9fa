// The GET list of a reference layer (grids, compounds, buildings, service points, volunteer teams,
// staff): each URL's folder registers it with the filters that layer takes.
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Collection } from '../../repositories/collections/collection.ts';
import { queryCollectionPage } from '../../repositories/collections/collection.ts';
import type { ReferenceFilters } from '../../repositories/collections/catalog.ts';
import { Bbox, Cursor, ErrorResponse, Id, Limit, Query } from '../../schemas/common.ts';
import { cursorKeys, featureCollectionBody, getLinks, pageSize, parseBbox, sendPage, splitList } from './paging.ts';

interface ReferenceQuery {
  community?: number;
  grid?: number;
  compound?: number;
  kind?: string;
  members?: boolean;
  bbox?: string;
  limit?: number;
  cursor?: string;
}

export interface ReferenceListOptions {
  collection: Collection<ReferenceFilters>;
  summary: string;
  /** The response schema (a FeatureCollectionPage of the layer's features). */
  response: TSchema;
  /** Filters this layer takes besides community, bbox, limit and cursor. */
  filters?: Record<string, TSchema>;
}

export const referenceListQuery = (filters: Record<string, TSchema> = {}) =>
  Query({ community: Type.Optional(Id), bbox: Type.Optional(Bbox), limit: Type.Optional(Limit), cursor: Type.Optional(Cursor), ...filters });

export function referenceList({ collection, summary, response, filters }: ReferenceListOptions): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', app.authenticate);
    app.get(
      '/',
      { schema: { summary, tags: ['reference'], querystring: referenceListQuery(filters), response: { 200: response, '4xx': ErrorResponse } } },
      async (request, reply) => {
        const query = request.query as ReferenceQuery;
        const limit = pageSize(collection, query.limit);
        const page = await queryCollectionPage(
          app.pg.pool,
          collection,
          {
            scope: request.user.communityIds,
            now: app.now(),
            filters: { community: query.community, grid: query.grid, compound: query.compound, kinds: splitList(query.kind), members: query.members, bbox: parseBbox(query.bbox) },
          },
          { limit, after: cursorKeys(collection, query.cursor, 'querystring.cursor') },
        );
        const links = getLinks(request, page, limit);
        return sendPage(reply, featureCollectionBody(page, limit, links), links);
      },
    );
  };
}
