import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { checkArea, checkPoint } from '#domain/geometry-rules.ts';
import { localDateOf } from '#domain/local-time.ts';
import { DEFAULT_RESPONDERS, MAX_RESPONDERS } from '#domain/responders.ts';
import { INCIDENT_CATEGORIES, INCIDENT_SOURCES, INCIDENT_STATUSES, type IncidentStatus } from '#domain/vocabulary.ts';
import { WORKFLOW_TRANSITIONS } from '#domain/workflow.ts';
import { badRequest, notFound } from '../../../http-errors.ts';
import { moveIncident, reportIncident } from '../../../actions/incident-actions.ts';
import { incidentsCollection, type IncidentFilters } from '../../../repositories/collections/catalog.ts';
import { encodeCursor, queryCollectionAll, queryCollectionPage, queryCollectionRecords } from '../../../repositories/collections/collection.ts';
import { GEOPACKAGE_TYPE, writeGeoPackage } from '../../../export/geopackage.ts';
import { incidentExportCollection } from '../../../repositories/incidents-repository.ts';
import { Bbox, BigId, CodeList, Cursor, Enum, ErrorResponse, Id, Instant, Limit, Query, VisibleText } from '../../../schemas/common.ts';
import { Position } from '../../../schemas/geojson.ts';
import { IncidentCategory, IncidentDetail, IncidentList, IncidentSearchResult, IncidentSource, IncidentStatus as StatusSchema, IncidentAggregatesSchema, ResponderList } from '../../../schemas/incidents.ts';
import { AGGREGATE_INTERVALS, type AggregateInterval } from '../../../repositories/incident-aggregates.ts';
import { checkTimeWindow, cursorKeys, featureCollectionBody, GEOJSON_TYPE, getLinks, JSON_TYPE, objectText, pageSize, parseBbox, requestOrigin, sendJsonText, sendPage, splitList, type Link } from '../paging.ts';
import { EXPORT_LABELS, EXPORT_MAX_ROWS, incidentsCsv } from './incident-export.ts';

const Ring = Type.Array(Position);
const AreaGeometry = Type.Union(
  [
    Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Ring, { minItems: 1 }) }, { additionalProperties: false }),
    Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(Ring, { minItems: 1 }), { minItems: 1 }) }, { additionalProperties: false }),
  ],
  { description: 'a GeoJSON Polygon or MultiPolygon in WGS84, at most 10,000 vertices' },
);

const filterQuery = {
  community: Type.Optional(Id),
  grid: Type.Optional(Id),
  bbox: Type.Optional(Bbox),
  from: Type.Optional(Instant),
  to: Type.Optional(Instant),
  categories: Type.Optional(CodeList(INCIDENT_CATEGORIES, 'categories')),
  statuses: Type.Optional(CodeList(INCIDENT_STATUSES, 'statuses')),
  sources: Type.Optional(CodeList(INCIDENT_SOURCES, 'sources')),
};

/** The filters a search and an aggregation take in their body. */
const filterFields = {
  community: Type.Optional(Id),
  grid: Type.Optional(Id),
  from: Type.Optional(Instant),
  to: Type.Optional(Instant),
  categories: Type.Optional(Type.Array(IncidentCategory, { maxItems: INCIDENT_CATEGORIES.length, uniqueItems: true })),
  statuses: Type.Optional(Type.Array(StatusSchema, { maxItems: INCIDENT_STATUSES.length, uniqueItems: true })),
  sources: Type.Optional(Type.Array(IncidentSource, { maxItems: INCIDENT_SOURCES.length, uniqueItems: true })),
};
/** What bodyFilters reads of a search or aggregation body (the codes as the type provider types them). */
interface FilterInput {
  area?: Static<typeof AreaGeometry>;
  community?: number;
  grid?: number;
  from?: string;
  to?: string;
  categories?: unknown[];
  statuses?: unknown[];
  sources?: unknown[];
}

const SearchBody = Type.Object({ area: AreaGeometry, ...filterFields, limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) }, { additionalProperties: false });

const DEFAULT_HEX_METRES = 250;
const AggregateBody = Type.Object(
  {
    area: Type.Optional(AreaGeometry),
    ...filterFields,
    interval: Type.Optional(Enum(AGGREGATE_INTERVALS, 'the time series period, in local time (weeks start on Monday); default day')),
    hexMetres: Type.Optional(Type.Integer({ minimum: 50, maximum: 5000, description: `hexagon size across, in metres (default ${DEFAULT_HEX_METRES})` })),
  },
  { additionalProperties: false },
);

const CreateBody = Type.Object(
  {
    category: IncidentCategory,
    title: VisibleText({ maxLength: 200, description: 'a title with at least one visible character' }),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    source: Type.Optional(IncidentSource),
    location: Type.Object({ type: Type.Literal('Point'), coordinates: Position }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

const TransitionBody = Type.Object({ from: StatusSchema, to: StatusSchema, note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
const IncidentParams = Type.Object({ id: BigId }, { additionalProperties: false });

interface FilterQuery {
  community?: number;
  grid?: number;
  bbox?: string;
  from?: string;
  to?: string;
  categories?: string;
  statuses?: string;
  sources?: string;
}

/** The filters of a GET query string (comma lists, bbox text). */
function filtersFromQuery(query: FilterQuery): IncidentFilters {
  checkTimeWindow(query.from, query.to, 'querystring');
  return {
    community: query.community,
    grid: query.grid,
    bbox: parseBbox(query.bbox),
    from: query.from,
    to: query.to,
    categories: splitList(query.categories),
    statuses: splitList(query.statuses),
    sources: splitList(query.sources),
  };
}

const incidentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const incidents = app.repositories.incidents;
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/',
    {
      config: { heavy: true },
      schema: {
        summary: 'Incidents (事件), newest first, filtered and paged',
        tags: ['incidents'],
        querystring: Query({ ...filterQuery, limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) }),
        response: { 200: IncidentList, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const query = request.query;
      const limit = pageSize(incidentsCollection, query.limit);
      const context = { filters: filtersFromQuery(query), scope: request.user.communityIds, now: app.now() };
      const page = await queryCollectionPage(app.pg.pool, incidentsCollection, context, { limit, after: cursorKeys(incidentsCollection, query.cursor, 'querystring.cursor') });
      const links = getLinks(request, page, limit);
      return sendPage(reply, featureCollectionBody(page, limit, links), links);
    },
  );

  app.get(
    '/export',
    {
      onRequest: [app.requireRole('analyst')],
      config: { heavy: true },
      schema: {
        summary: 'Export the incidents matching the filters as CSV (UTF-8 with BOM, Chinese labels, local times; opens in Excel), GeoJSON or GeoPackage (QGIS, ArcGIS)',
        tags: ['incidents'],
        querystring: Query({
          ...filterQuery,
          area: Type.Optional(Type.String({ maxLength: 400_000, description: 'only incidents inside this GeoJSON Polygon or MultiPolygon (JSON text, WGS84), as a search takes it' })),
          format: Type.Optional(Enum(['csv', 'geojson', 'gpkg'] as const)),
        }),
        response: { '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const query = request.query;
      const filters = { ...filtersFromQuery(query), area: await queryArea(query.area) };
      const now = app.now();
      reply.header('content-disposition', `attachment; filename="gridatlas-incidents-${localDateOf(now)}.${query.format ?? 'csv'}"`);
      if (query.format === 'gpkg') {
        const records = await queryCollectionRecords(app.pg.pool, incidentExportCollection(EXPORT_LABELS), { filters, scope: request.user.communityIds, now }, EXPORT_MAX_ROWS);
        const file = await writeGeoPackage({ name: 'incidents', title: '事件 Incidents', description: 'GridAtlas incidents (事件), newest first', geometryType: 'POINT', records });
        return reply.type(GEOPACKAGE_TYPE).send(Buffer.from(file) as never);
      }
      if (query.format === 'geojson') {
        const page = await queryCollectionAll(app.pg.pool, incidentExportCollection(EXPORT_LABELS), { filters, scope: request.user.communityIds, now }, EXPORT_MAX_ROWS);
        return sendJsonText(reply, featureCollectionBody(page, EXPORT_MAX_ROWS, []));
      }
      const rows = await incidents.exportRows(filters, request.user.communityIds, now, EXPORT_MAX_ROWS);
      return reply.type('text/csv; charset=utf-8').send(incidentsCsv(rows) as never);
    },
  );

  /** A drawn area as GeoJSON text, checked: its rules, then PostGIS's word. */
  const checkedArea = async (area: { type?: unknown; coordinates?: unknown }, field: string): Promise<string> => {
    const rule = checkArea(area, field);
    if (!rule.valid) throw badRequest(rule.reason);
    const text = JSON.stringify(area);
    const problem = await incidents.areaProblem(text);
    if (problem) throw badRequest(`${field} is not a valid polygon: ${problem}`);
    return text;
  };

  /** The `area` of a query string: a GeoJSON Polygon or MultiPolygon as JSON text, nothing else in it. */
  const queryArea = async (text: string | undefined): Promise<string | undefined> => {
    if (text === undefined) return undefined;
    let area: unknown;
    try {
      area = JSON.parse(text);
    } catch {
      throw badRequest('querystring.area must be a GeoJSON Polygon or MultiPolygon written as JSON');
    }
    if (typeof area !== 'object' || area === null || Array.isArray(area)) throw badRequest('querystring.area must be a GeoJSON Polygon or MultiPolygon object');
    const unknown = Object.keys(area).filter((key) => key !== 'type' && key !== 'coordinates');
    if (unknown.length > 0) throw badRequest(`querystring.area.${unknown[0]} is not a known field (an area has only type and coordinates)`);
    return checkedArea(area as { type?: unknown; coordinates?: unknown }, 'querystring.area');
  };

  /** The filters of a search or aggregation body, the drawn area checked. */
  const bodyFilters = async (body: FilterInput): Promise<IncidentFilters> => {
    const area = body.area ? await checkedArea(body.area, 'body.area') : undefined;
    checkTimeWindow(body.from, body.to, 'body');
    return {
      community: body.community,
      grid: body.grid,
      from: body.from,
      to: body.to,
      categories: (body.categories as string[] | undefined) ?? null,
      statuses: (body.statuses as string[] | undefined) ?? null,
      sources: (body.sources as string[] | undefined) ?? null,
      area,
    };
  };

  app.post(
    '/search',
    {
      config: { heavy: true },
      schema: {
        summary: 'Incidents inside a drawn area, with the same filters, and a summary per category and status over all matches',
        tags: ['incidents'],
        body: SearchBody,
        response: { 200: IncidentSearchResult, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const filters = await bodyFilters(body);
      const limit = pageSize(incidentsCollection, body.limit);
      const context = { filters, scope: request.user.communityIds, now: app.now() };
      const [page, summary] = await Promise.all([
        queryCollectionPage(app.pg.pool, incidentsCollection, context, { limit, after: cursorKeys(incidentsCollection, body.cursor, 'body.cursor') }),
        incidents.summary(filters, request.user.communityIds),
      ]);
      const href = `${requestOrigin(request)}/api/incidents/search`;
      // The next page of a search is the same search with the cursor: a link that says what to post.
      const links: Link[] = page.nextKeys ? [{ rel: 'next', href, type: 'application/geo+json', method: 'POST', body: { ...body, limit, cursor: encodeCursor(page.nextKeys) } }] : [];
      return sendPage(reply, featureCollectionBody(page, limit, links, { summary }), links);
    },
  );

  app.post(
    '/aggregate',
    {
      config: { heavy: true },
      schema: {
        summary: 'Counts over every incident matching the filters (and a drawn area): by category, status, community and grid, a time series, time to close, and hexbins',
        tags: ['incidents'],
        body: AggregateBody,
        response: { 200: IncidentAggregatesSchema, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const filters = await bodyFilters(body);
      const { hexbins, ...rest } = await app.repositories.incidentAggregates.aggregate(
        filters,
        request.user.communityIds,
        (body.interval as AggregateInterval | undefined) ?? 'day',
        body.hexMetres ?? DEFAULT_HEX_METRES,
      );
      return sendJsonText(reply, objectText(rest, { hexbins }), JSON_TYPE);
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        summary: 'One incident with its description and workflow history',
        tags: ['incidents'],
        params: IncidentParams,
        response: { 200: IncidentDetail, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const feature = await incidents.get(request.params.id, request.user.communityIds, app.now());
      if (!feature) throw notFound(`Incident ${request.params.id}`);
      return sendJsonText(reply, feature);
    },
  );

  app.get(
    '/:id/responders',
    {
      schema: {
        summary: 'The active volunteers nearest to an incident (片区呼叫、党员先到), ranked by distance in metres, party members marked',
        tags: ['incidents'],
        params: IncidentParams,
        querystring: Query({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_RESPONDERS, description: `how many (default ${DEFAULT_RESPONDERS})` })) }),
        response: { 200: ResponderList, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const text = await incidents.responders(request.params.id, request.user.communityIds, request.query.limit ?? DEFAULT_RESPONDERS);
      if (!text) throw notFound(`Incident ${request.params.id}`);
      return sendJsonText(reply, text);
    },
  );

  app.post(
    '/',
    {
      onRequest: [app.requireRole('grid_staff')],
      schema: {
        summary: 'Report a new incident; its grid and community are derived from its point',
        tags: ['incidents'],
        body: CreateBody,
        response: { 201: IncidentDetail, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const rule = checkPoint(body.location, 'body.location');
      if (!rule.valid) throw badRequest(rule.reason);
      const [longitude, latitude] = body.location.coordinates;
      const id = await reportIncident(app, {
        category: body.category as string,
        source: (body.source as string | undefined) ?? 'grid_staff',
        title: body.title.trim(),
        description: body.description?.trim() ?? '',
        longitude,
        latitude,
        actor: request.user.displayName,
        scope: request.user.communityIds,
      });
      const now = app.now();
      request.log.info({ incident: id, by: request.user.username }, 'incident reported');
      return sendJsonText(reply, (await incidents.get(id, request.user.communityIds, now))!, GEOJSON_TYPE, 201);
    },
  );

  app.post(
    '/:id/transitions',
    {
      onRequest: [app.requireRole('grid_staff')],
      schema: {
        summary: 'Move an incident through the workflow (上报→分派→处置→核查→结案, or 退回)',
        description: `Allowed moves: ${Object.entries(WORKFLOW_TRANSITIONS).map(([from, to]) => `${from} → ${to.join(' | ') || '(none)'}`).join('; ')}. A note is required when returning. \`from\` must be the current status, else 409.`,
        tags: ['incidents'],
        params: IncidentParams,
        body: TransitionBody,
        response: { 200: IncidentDetail, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const { from, to } = request.body as { from: IncidentStatus; to: IncidentStatus };
      await moveIncident(app, { id: request.params.id, from, to, note: request.body.note?.trim() ?? '', actor: request.user.displayName, scope: request.user.communityIds });
      const now = app.now();
      request.log.info({ incident: request.params.id, from, to, by: request.user.username }, 'incident moved');
      return sendJsonText(reply, (await incidents.get(request.params.id, request.user.communityIds, now))!);
    },
  );
};

export default incidentRoutes;
