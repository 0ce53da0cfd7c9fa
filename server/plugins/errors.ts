import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import { HttpError } from '../http-errors.ts';

/** Renders every error as `{ error, message, details? }` naming the field and the reason. */
export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
      if (error instanceof HttpError) {
        return reply.code(error.statusCode).send({ error: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) });
      }
      if ('validation' in error && error.validation) {
        const where = error.validationContext ?? 'request';
        const details = error.validation.map((issue) => ({
          field: `${where}${issue.instancePath.replaceAll('/', '.')}${issue.keyword === 'additionalProperties' ? `.${(issue.params as { additionalProperty: string }).additionalProperty}` : ''}`,
          reason: issue.keyword === 'additionalProperties' ? 'is not a known field' : issue.message,
        }));
        const message = details.map((detail) => `${detail.field} ${detail.reason}`).join('; ');
        return reply.code(400).send({ error: 'invalid_request', message, details });
      }
      const statusCode = error.statusCode ?? 500;
      if (statusCode >= 500) {
        request.log.error({ err: error }, 'request failed');
        // A statement cancelled by statement_timeout.
        if ((error as { code?: string }).code === '57014') {
          return reply.code(503).send({ error: 'timeout', message: 'The query took too long and was stopped; narrow the area or the time window.' });
        }
        return reply.code(500).send({ error: 'internal_error', message: 'Something went wrong on the server; it has been logged.' });
      }
      const code = statusCode === 413 ? 'payload_too_large' : statusCode === 415 ? 'unsupported_media_type' : 'invalid_request';
      return reply.code(statusCode).send({ error: code, message: error.message });
    });
  },
  { name: 'errors' },
);

