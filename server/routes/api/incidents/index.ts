import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { checkArea, checkPoint } from '#domain/geometry-rules.ts';
import { INCIDENT_CATEGORIES, INCIDENT_SOURCES, INCIDENT_STATUSES, type IncidentStatus } from '#domain/vocabulary.ts';
import { isAllowedTransition, transitionNeedsNote, WORKFLOW_TRANSITIONS } from '#domain/workflow.ts';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../../http-errors.ts';
import { featureCollectionText } from '../../../repositories/feature-page.ts';
import { incidentsRepository, type IncidentCursor, type IncidentExportRow, type IncidentFilters } from '../../../repositories/incidents-repository.ts';
import { LOCAL_UTC_OFFSET, localDateOf, localIsoString } from '#domain/local-time.ts';
import { CATEGORY_LABELS, SOURCE_LABELS, STATUS_LABELS, type LabelPair } from '#domain/vocabulary-labels.ts';
import { Bbox, BigId, CodeList, Enum, ErrorResponse, GEOJSON_TYPE, sendJsonText, FeatureCollectionResponse, Id, Instant, Limit, pageSize, parseBbox, Query, splitList, VisibleText } from '../schemas/common.ts';
import { nextPageLink } from '../schemas/paging.ts';

const IncidentCursorSchema = Type.String({ pattern: '^\\d{1,16}_\\d{1,16}$', description: 'an opaque cursor from a `next` link' });
const Category = Enum(INCIDENT_CATEGORIES);
const Status = Enum(INCIDENT_STATUSES);
const Source = Enum(INCIDENT_SOURCES);
const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
const Ring = Type.Array(Position);
const AreaGeometry = Type.Union(
  [
    Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Ring, { minItems: 1 }) }, { additionalProperties: false }),
    Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(Ring, { minItems: 1 }), { minItems: 1 }) }, { additionalProperties: false }),
  ],
  { description: 'GeoJSON Polygon or MultiPolygon in WGS84; at most 10,000 vertices' },
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
  limit: Type.Optional(Limit),
  cursor: Type.Optional(IncidentCursorSchema),
};

const { limit: _limit, cursor: _cursor, ...exportQuery } = filterQuery;
const EXPORT_MAX_ROWS = 100_000;

/** The CSV columns: Chinese headers for the spreadsheet reader, labels beside the stable codes. */
const CSV_COLUMNS: Array<{ header: string; value(row: IncidentExportRow): string }> = [
  { header: '编号', value: (row) => row.id },
  { header: '区县', value: (row) => text(row.district) },
  { header: '街道/镇', value: (row) => text(row.street) },
  { header: '社区', value: (row) => text(row.community) },
  { header: '网格', value: (row) => text(row.grid ?? '') },
  { header: '类别', value: (row) => labelOf(CATEGORY_LABELS, row.category) },
  { header: '类别代码', value: (row) => row.category },
  { header: '状态', value: (row) => labelOf(STATUS_LABELS, row.status) },
  { header: '状态代码', value: (row) => row.status },
  { header: '来源', value: (row) => labelOf(SOURCE_LABELS, row.source) },
  { header: '来源代码', value: (row) => row.source },
  { header: '标题', value: (row) => text(row.title) },
  { header: `上报时间(北京时间 UTC${LOCAL_UTC_OFFSET})`, value: (row) => localIsoString(row.reportedAt) },
  { header: `结案时间(北京时间 UTC${LOCAL_UTC_OFFSET})`, value: (row) => (row.closedAt ? localIsoString(row.closedAt) : '') },
  { header: '是否超期', value: (row) => (row.overdue ? '是' : '否') },
  { header: '经度', value: (row) => row.longitude },
  { header: '纬度', value: (row) => row.latitude },
];

const labelOf = (labels: Record<string, LabelPair>, code: string) => labels[code]?.[0] ?? code;

/**
 * Free text (titles, names) that a spreadsheet would run as a formula when it starts with = + - @ (or a tab or
 * carriage return) is written as text: a leading apostrophe, as OWASP advises against CSV injection.
 */
function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180 CSV with a byte-order mark, so that spreadsheet programs read the Chinese text as UTF-8. */
function toCsv(rows: IncidentExportRow[]): string {
  const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const lines = [CSV_COLUMNS.map((column) => cell(column.header)).join(','), ...rows.map((row) => CSV_COLUMNS.map((column) => cell(column.value(row))).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const chineseLabels = (labels: Record<string, LabelPair>) => Object.fromEntries(Object.entries(labels).map(([code, pair]) => [code, pair[0]]));
const EXPORT_LABELS = { category: chineseLabels(CATEGORY_LABELS), status: chineseLabels(STATUS_LABELS), source: chineseLabels(SOURCE_LABELS) };

const SearchBody = Type.Object(
  {
    area: AreaGeometry,
    community: Type.Optional(Id),
    grid: Type.Optional(Id),
    from: Type.Optional(Instant),
    to: Type.Optional(Instant),
    categories: Type.Optional(Type.Array(Category, { maxItems: INCIDENT_CATEGORIES.length, uniqueItems: true })),
    statuses: Type.Optional(Type.Array(Status, { maxItems: INCIDENT_STATUSES.length, uniqueItems: true })),
    sources: Type.Optional(Type.Array(Source, { maxItems: INCIDENT_SOURCES.length, uniqueItems: true })),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(IncidentCursorSchema),
  },
  { additionalProperties: false },
);

const CreateBody = Type.Object(
  {
    category: Category,
    title: VisibleText({ maxLength: 200, description: 'a title with at least one visible character' }),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    source: Type.Optional(Source),
    location: Type.Object({ type: Type.Literal('Point'), coordinates: Position }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

const TransitionBody = Type.Object(
  { from: Status, to: Status, note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

const FeatureResponse = Type.Object({ type: Type.Literal('Feature'), geometry: Type.Unknown(), properties: Type.Unknown() });

/** Microseconds since 1970 of the latest instant a cursor may name (the year 2100), and the largest id. */
const MAX_CURSOR_MICROS = Date.UTC(2101, 0, 1) * 1000;

function parseCursor(cursor: string | undefined, field: string): IncidentCursor | undefined {
  if (cursor === undefined) return undefined;
  const [reportedAtMicros, id] = cursor.split('_');
  if (Number(reportedAtMicros) > MAX_CURSOR_MICROS || Number(id) > Number.MAX_SAFE_INTEGER) throw badRequest(`${field} is out of range; use the cursor of a \`next\` link as it is`);
  return { reportedAtMicros, id };
}

function checkTimeWindow(from: string | undefined, to: string | undefined, field: string): void {
  if (from && to && Date.parse(from) >= Date.parse(to)) throw badRequest(`${field}.from must be before ${field}.to`);
}

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

/** The filters of a GET query string (comma lists, bbox text) for the repository. */
function filtersFromQuery(query: FilterQuery, scope: number[]): IncidentFilters {
  checkTimeWindow(query.from, query.to, 'querystring');
  return {
    scope,
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

/** The user may see this community (it is in their scope), or 403 for a write. */
function assertMayWriteIn(communityIds: number[], communityId: number): void {
  if (!communityIds.includes(communityId)) throw forbidden('That place is outside your communities.');
}

const incidentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const incidents = incidentsRepository(app.pg.pool);
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/',
    {
      config: { heavy: true },
      schema: {
        summary: 'Incidents (事件), newest first, filtered and paged',
        tags: ['incidents'],
        querystring: Query(filterQuery),
        response: { 200: FeatureCollectionResponse, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const query = request.query;
      const limit = pageSize(query.limit);
      const filters = filtersFromQuery(query, request.user.communityIds);
      const page = await incidents.list(filters, parseCursor(query.cursor, 'querystring.cursor'), limit);
      return sendJsonText(reply, featureCollectionText(page, limit, nextPageLink(request, page.nextCursor, limit)));
    },
  );

  app.get(
    '/export',
    {
      onRequest: [app.requireRole('analyst')],
      config: { heavy: true },
      schema: {
        summary: 'Export the incidents matching the filters as CSV (UTF-8 with BOM, opens in Excel) or GeoJSON',
        tags: ['incidents'],
        querystring: Query({ ...exportQuery, format: Type.Optional(Enum(['csv', 'geojson'] as const)) }),
        response: { '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const query = request.query;
      const filters = filtersFromQuery(query, request.user.communityIds);
      const stamp = localDateOf(app.now());
      reply.header('content-disposition', `attachment; filename="gridatlas-incidents-${stamp}.${query.format === 'geojson' ? 'geojson' : 'csv'}"`);
      if (query.format === 'geojson') {
        const page = await incidents.exportFeatures(filters, EXPORT_MAX_ROWS, EXPORT_LABELS);
        return sendJsonText(reply, featureCollectionText(page, EXPORT_MAX_ROWS, undefined));
      }
      const rows = await incidents.exportRows(filters, EXPORT_MAX_ROWS);
      return sendJsonText(reply, toCsv(rows), 'text/csv; charset=utf-8');
    },
  );

  app.post(
    '/search',
    {
      config: { heavy: true },
      schema: {
        summary: 'Incidents inside a drawn area, with the same filters, and a summary per category and status',
        tags: ['incidents'],
        body: SearchBody,
        response: { 200: FeatureCollectionResponse, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const rule = checkArea(body.area, 'body.area');
      if (!rule.valid) throw badRequest(rule.reason);
      const area = JSON.stringify(body.area);
      const problem = await incidents.areaProblem(area);
      if (problem) throw badRequest(`body.area is not a valid polygon: ${problem}`);
      checkTimeWindow(body.from, body.to, 'body');
      const limit = pageSize(body.limit);
      const filters: IncidentFilters = {
        scope: request.user.communityIds,
        community: body.community,
        grid: body.grid,
        from: body.from,
        to: body.to,
        categories: (body.categories as string[] | undefined) ?? null,
        statuses: (body.statuses as string[] | undefined) ?? null,
        sources: (body.sources as string[] | undefined) ?? null,
        area,
      };
      const [page, summary] = await Promise.all([incidents.list(filters, parseCursor(body.cursor, 'body.cursor'), limit), incidents.summary(filters)]);
      const next = page.nextCursor === null ? undefined : { method: 'POST', href: '/api/incidents/search', body: { ...body, limit, cursor: page.nextCursor } };
      return sendJsonText(reply, featureCollectionText(page, limit, next, { summary }));
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        summary: 'One incident with its description and workflow history',
        tags: ['incidents'],
        params: Type.Object({ id: BigId }, { additionalProperties: false }),
        response: { 200: FeatureResponse, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const feature = await incidents.get(request.params.id, request.user.communityIds);
      if (!feature) throw notFound(`Incident ${request.params.id}`);
      return sendJsonText(reply, feature);
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
        response: { 201: FeatureResponse, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const rule = checkPoint(body.location, 'body.location');
      if (!rule.valid) throw badRequest(rule.reason);
      const [longitude, latitude] = body.location.coordinates;
      const grid = await incidents.gridAt(longitude, latitude);
      if (!grid) throw unprocessable('body.location is not inside any grid of the demo city.');
      assertMayWriteIn(request.user.communityIds, grid.communityId);
      const id = await app.pg.transact((client) =>
        incidents.create(client, {
          ...grid,
          category: body.category as string,
          source: (body.source as string | undefined) ?? 'grid_staff',
          title: body.title.trim(),
          description: body.description?.trim() ?? '',
          longitude,
          latitude,
          actor: request.user.displayName,
        }),
      );
      request.log.info({ incident: id, by: request.user.username }, 'incident reported');
      return sendJsonText(reply, (await incidents.get(id, request.user.communityIds))!, GEOJSON_TYPE, 201);
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
        params: Type.Object({ id: BigId }, { additionalProperties: false }),
        body: TransitionBody,
        response: { 200: FeatureResponse, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const { from, to } = request.body as { from: IncidentStatus; to: IncidentStatus };
      const note = request.body.note?.trim() ?? '';
      if (!isAllowedTransition(from, to)) {
        throw unprocessable(`body.to: an incident cannot move from ${from} to ${to}; from ${from} it can go to ${WORKFLOW_TRANSITIONS[from].join(', ') || 'nowhere (it is closed)'}.`);
      }
      if (transitionNeedsNote(to) && note === '') throw unprocessable('body.note is required when returning an incident: say why.');
      await app.pg.transact(async (client) => {
        const current = await incidents.lockForMove(client, request.params.id, request.user.communityIds);
        if (!current) throw notFound(`Incident ${request.params.id}`);
        if (current.status !== from) {
          throw conflict(`The incident is now ${current.status}, not ${from}: someone moved it meanwhile. Reload and try again.`, { currentStatus: current.status });
        }
        await incidents.move(client, request.params.id, current.communityId, from, to, request.user.displayName, note);
      });
      request.log.info({ incident: request.params.id, from, to, by: request.user.username }, 'incident moved');
      return sendJsonText(reply, (await incidents.get(request.params.id, request.user.communityIds))!);
    },
  );
};

export default incidentRoutes;
