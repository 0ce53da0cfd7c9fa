import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { databaseTrouble, DATABASE_RETRY_AFTER_SECONDS } from '../db/database-availability.ts';
import { HttpError } from '../http-errors.ts';

/** One failed check of a request, as Ajv reports it (with `verbose`, the schema that failed is included). */
interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
  parentSchema?: Record<string, unknown>;
}

const FORMAT_REASONS: Record<string, string> = {
  'date-time': 'must be an ISO 8601 date and time with a zone, between 1900 and 2100, e.g. 2026-11-01T00:00:00+08:00',
  date: 'must be a date YYYY-MM-DD between 1900 and 2100',
};

const list = (values: unknown[]) => values.map((value) => JSON.stringify(value)).join(', ');

/** What the failed check allows, in words: the message names the field and the reason. */
export function validationReason(issue: ValidationIssue): string {
  const { params, parentSchema } = issue;
  const description = typeof parentSchema?.description === 'string' ? parentSchema.description : undefined;
  switch (issue.keyword) {
    case 'additionalProperties': {
      const known = parentSchema?.properties ? Object.keys(parentSchema.properties as object) : [];
      return `is not a known field${known.length > 0 ? `; known fields: ${known.join(', ')}` : ''}`;
    }
    case 'required':
      return 'is required';
    case 'enum':
      return `must be one of: ${list(params.allowedValues as unknown[])}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'type':
      return `must be ${params.type === 'integer' ? 'an integer' : params.type === 'object' ? 'an object' : params.type === 'array' ? 'an array' : `a ${params.type}`}`;
    case 'format':
      return FORMAT_REASONS[params.format as string] ?? `must be a ${params.format}`;
    case 'pattern':
      return description ? `must be ${description}` : `must match ${params.pattern}`;
    case 'minLength':
      return params.limit === 1 ? 'must not be empty' : `must have at least ${params.limit} characters`;
    case 'maxLength':
      return `must have at most ${params.limit} characters`;
    case 'minimum':
      return `must be at least ${params.limit}`;
    case 'maximum':
      return `must be at most ${params.limit}`;
    case 'multipleOf':
      return `must be a multiple of ${params.multipleOf}`;
    case 'minProperties':
      return params.limit === 1 ? 'must name at least one field' : `must have at least ${params.limit} fields`;
    case 'minItems':
      return `must have at least ${params.limit} items`;
    case 'maxItems':
      return `must have at most ${params.limit} items`;
    case 'uniqueItems':
      return 'must not repeat an item';
    case 'anyOf':
    case 'oneOf':
      return description ? `must be ${description}` : 'has a shape that is not allowed';
    default:
      return issue.message ?? 'is not allowed';
  }
}

function fieldOf(where: string, issue: ValidationIssue): string {
  const path = issue.instancePath.replaceAll('/', '.');
  const property = issue.keyword === 'additionalProperties' ? `.${issue.params.additionalProperty as string}` : issue.keyword === 'required' ? `.${issue.params.missingProperty as string}` : '';
  return `${where}${path}${property}`;
}

function send(reply: FastifyReply, statusCode: number, error: string, message: string, details?: unknown, retryAfterSeconds?: number) {
  if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds));
  return reply.code(statusCode).send({ error, message, ...(details === undefined ? {} : { details }) });
}

/**
 * Renders every error as `{ error, message, details? }`, where `error` is a stable code and `message`
 * names the field and the reason. A database that is unreachable or too busy gives 503 with
 * Retry-After; nothing a client sends gives a 500.
 */
export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError | HttpError, request: FastifyRequest, reply: FastifyReply) => {
      if (error instanceof HttpError) {
        return send(reply, error.statusCode, error.code, error.message, error.details, error.retryAfterSeconds);
      }
      if ('validation' in error && error.validation) {
        const where = error.validationContext ?? 'request';
        const details = (error.validation as ValidationIssue[]).map((issue) => ({ field: fieldOf(where, issue), reason: validationReason(issue) }));
        return send(reply, 400, 'invalid_request', details.map((detail) => `${detail.field} ${detail.reason}`).join('; '), details);
      }
      const trouble = databaseTrouble(error);
      if (trouble === 'unavailable') {
        app.databaseMonitor?.reportUnavailable(error);
        request.log.warn({ err: error }, 'database unavailable');
        return send(reply, 503, 'database_unavailable', 'The database cannot be reached right now; the server keeps trying. Try again in a few seconds.', undefined, DATABASE_RETRY_AFTER_SECONDS);
      }
      if (trouble === 'overloaded') {
        request.log.warn({ err: error }, 'database too busy');
        return send(reply, 503, 'overloaded', 'The server is too busy to answer now; try again in a few seconds.', undefined, 2);
      }
      if (trouble === 'timeout') {
        request.log.warn({ err: error }, 'statement timeout');
        return send(reply, 503, 'timeout', 'The query took too long and was stopped; narrow the area or the time window.', undefined, 5);
      }
      const sqlState = (error as { code?: unknown }).code;
      if (typeof sqlState === 'string' && sqlState.startsWith('22')) {
        // A data exception (a value out of range, text PostgreSQL cannot store): the request's fault. The checks
        // before the database should have caught it, so it is logged to be added there with the field named.
        request.log.warn({ err: error }, 'data exception from the database');
        return send(reply, 400, 'invalid_request', `A value in the request cannot be used: ${error.message}.`);
      }
      const statusCode = error.statusCode ?? 500;
      if (statusCode >= 500) {
        request.log.error({ err: error }, 'request failed');
        return send(reply, 500, 'internal_error', 'Something went wrong on the server; it has been logged.');
      }
      const code =
        statusCode === 413 ? 'payload_too_large' : statusCode === 415 ? 'unsupported_media_type' : statusCode === 429 ? 'rate_limited' : statusCode === 404 ? 'not_found' : 'invalid_request';
      return send(reply, statusCode, code, error.message);
    });
  },
  { name: 'errors' },
);
