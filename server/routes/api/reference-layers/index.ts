import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SERVICE_POINT_KINDS, VOLUNTEER_TEAM_KINDS } from '#domain/vocabulary.ts';
import { featureCollectionText } from '../../../repositories/feature-page.ts';
import { listLayer, type LayerName } from '../../../repositories/layer-catalog.ts';
import { Bbox, CodeList, ErrorResponse, FeatureCollectionResponse, Id, IdCursor, Limit, pageSize, parseBbox, Query, splitList, sendJsonText } from '../schemas/common.ts';
import { nextPageLink } from '../schemas/paging.ts';

const community = Type.Optional(Id);
const common = { community, bbox: Type.Optional(Bbox), limit: Type.Optional(Limit), cursor: Type.Optional(IdCursor) };

/** The reference layers' list endpoints, as data: URL, layer, summary and the filters each accepts. */
const ENDPOINTS: { url: string; layer: LayerName; summary: string; query: ReturnType<typeof Query> }[] = [
  { url: '/grids', layer: 'grids', summary: 'Grids (网格) with households, residents, buildings, staff and open incidents', query: Query({ ...common, grid: Type.Optional(Id) }) },
  { url: '/compounds', layer: 'compounds', summary: 'Courtyards and residential compounds (楼院/小区)', query: Query({ ...common, grid: Type.Optional(Id) }) },
  { url: '/buildings', layer: 'buildings', summary: 'Buildings (楼栋) with households, residents and floors', query: Query({ ...common, grid: Type.Optional(Id), compound: Type.Optional(Id) }) },
  { url: '/service-points', layer: 'servicePoints', summary: 'Service points (党群服务站, 红色驿站, 日间照料中心 …)', query: Query({ ...common, kind: Type.Optional(CodeList(SERVICE_POINT_KINDS, 'service point kinds')) }) },
  {
    url: '/volunteer-teams',
    layer: 'volunteerTeams',
    summary: 'Volunteer teams (志愿服务队); with members=true, member homes as a MultiPoint',
    query: Query({ ...common, kind: Type.Optional(CodeList(VOLUNTEER_TEAM_KINDS, 'team kinds')), members: Type.Optional(Type.Boolean()) }),
  },
  { url: '/staff', layer: 'staff', summary: 'Grid staff (两长四员) per grid; features without geometry', query: Query({ ...common, grid: Type.Optional(Id) }) },
];

interface LayerQuery {
  community?: number;
  grid?: number;
  compound?: number;
  kind?: string;
  members?: boolean;
  bbox?: string;
  limit?: number;
  cursor?: string;
}

const referenceLayerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  for (const endpoint of ENDPOINTS) {
    app.get(
      endpoint.url,
      { schema: { summary: endpoint.summary, tags: ['reference'], querystring: endpoint.query, response: { 200: FeatureCollectionResponse, '4xx': ErrorResponse } } },
      async (request, reply) => {
        const query = request.query as LayerQuery;
        const limit = pageSize(query.limit);
        const page = await listLayer(app.pg.pool, endpoint.layer, {
          scope: request.user.communityIds,
          community: query.community,
          grid: query.grid,
          compound: query.compound,
          kinds: splitList(query.kind),
          members: query.members,
          bbox: parseBbox(query.bbox),
          afterId: query.cursor === undefined ? undefined : Number(query.cursor),
          limit,
        });
        return sendJsonText(reply, featureCollectionText(page, limit, nextPageLink(request, page.nextCursor, limit)));
      },
    );
  }
};

export default referenceLayerRoutes;
