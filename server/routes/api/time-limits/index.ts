import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { CATEGORY_LABELS, STATUS_LABELS } from '#domain/vocabulary-labels.ts';
import { INCIDENT_CATEGORIES, type IncidentCategory } from '#domain/vocabulary.ts';
import { defaultTimeLimitHours, OPEN_STATUSES, TIME_LIMIT_BOUNDS, type OpenStatus } from '#domain/workflow.ts';
import { badRequest } from '../../../http-errors.ts';
import type { TimeLimitChange, TimeLimitRow } from '../../../repositories/time-limits-repository.ts';
import { ErrorResponse, Query } from '../../../schemas/common.ts';
import { TimeLimitTable, TimeLimitUpdate } from '../../../schemas/time-limits.ts';

type HoursTable = Record<IncidentCategory, Record<OpenStatus, number>>;

const tableOf = (hours: (category: IncidentCategory, status: OpenStatus) => number): HoursTable =>
  Object.fromEntries(INCIDENT_CATEGORIES.map((category) => [category, Object.fromEntries(OPEN_STATUSES.map((status) => [status, hours(category, status)]))])) as HoursTable;

/** The answer of GET and PUT: the table in force beside the defaults, with labels and bounds. */
function timeLimitTable(rows: TimeLimitRow[]) {
  const inForce = new Map(rows.map((row) => [`${row.category}/${row.status}`, row.hours]));
  const latest = rows.filter((row) => row.updatedBy !== null).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  return {
    categories: INCIDENT_CATEGORIES.map((code) => ({ code, label: CATEGORY_LABELS[code][0], labelEn: CATEGORY_LABELS[code][1] })),
    statuses: OPEN_STATUSES.map((code) => ({ code, label: STATUS_LABELS[code][0], labelEn: STATUS_LABELS[code][1] })),
    // Migration 006 seeds every category and open status, and nothing deletes a row.
    hours: tableOf((category, status) => inForce.get(`${category}/${status}`)!),
    defaultHours: tableOf(defaultTimeLimitHours),
    ...TIME_LIMIT_BOUNDS,
    updatedAt: latest?.updatedAt ?? null,
    updatedBy: latest?.updatedBy ?? null,
  };
}

/** `body.hours.<category>.closed`: said in words before the schema answers "not a known field". */
async function refuseClosed(request: FastifyRequest) {
  const hours = (request.body as { hours?: unknown } | undefined)?.hours;
  if (typeof hours !== 'object' || hours === null) return;
  for (const [category, statuses] of Object.entries(hours)) {
    if (typeof statuses === 'object' && statuses !== null && 'closed' in statuses) {
      const field = `body.hours.${category}.closed`;
      const reason = 'cannot be set: a closed incident has no time limit';
      throw badRequest(`${field} ${reason}`, [{ field, reason }]);
    }
  }
}

/** Per-step time limits (时限) per category: every signed-in user reads them, the city's admin sets them. */
const timeLimitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/',
    {
      schema: {
        summary: 'The per-step time limits: hours an incident may stay in each open status before it is overdue, per category',
        tags: ['incidents'],
        querystring: Query({}),
        response: { 200: TimeLimitTable, '4xx': ErrorResponse },
      },
    },
    async () => timeLimitTable(await app.repositories.timeLimits.list()),
  );

  app.put(
    '/',
    {
      onRequest: [app.requireRole('admin')],
      preValidation: [refuseClosed],
      schema: {
        summary: 'Set time limits (admins): the categories and statuses given change, the others stay; all or nothing',
        tags: ['incidents'],
        body: TimeLimitUpdate,
        response: { 200: TimeLimitTable, '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const changes: TimeLimitChange[] = Object.entries(request.body.hours).flatMap(([category, statuses]) =>
        Object.entries(statuses ?? {}).map(([status, hours]) => ({ category: category as IncidentCategory, status: status as OpenStatus, hours: hours as number })),
      );
      const rows = await app.repositories.timeLimits.set(changes, request.user.displayName, app.now());
      request.log.info({ changes, by: request.user.username }, 'time limits set');
      return timeLimitTable(rows);
    },
  );
};

export default timeLimitRoutes;
