import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { newSecret } from '../../../security/passwords.ts';
import { notFound } from '../../../http-errors.ts';
import { DisplayTokenCreated, DisplayTokenList } from '../../../schemas/display-tokens.ts';
import { ErrorResponse, IdParams, Query, VisibleText } from '../../../schemas/common.ts';


/** Read-only tokens for the big-screen display (/screen?token=…), which can be revoked. */
const displayTokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/',
    { schema: { summary: 'Display tokens made by this user (admins: all)', tags: ['session'], querystring: Query({}), response: { 200: DisplayTokenList } } },
    async (request) => ({ tokens: await app.repositories.users.listDisplayTokens(request.user) }),
  );

  app.post(
    '/',
    {
      onRequest: [app.requireRole('leader', 'admin')],
      schema: {
        summary: 'Make a read-only display token; the token is shown only in this answer',
        tags: ['session'],
        body: Type.Object({ label: VisibleText({ maxLength: 100, description: 'a label with at least one visible character' }) }, { additionalProperties: false }),
        response: { 201: DisplayTokenCreated, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const { secret, hash } = newSecret();
      const id = await app.repositories.users.createDisplayToken(request.user.id, request.body.label, hash);
      return reply.code(201).send({ id, label: request.body.label, token: secret });
    },
  );

  app.delete(
    '/:id',
    {
      onRequest: [app.requireRole('leader', 'admin')],
      schema: { summary: 'Revoke a display token', tags: ['session'], params: IdParams, response: { 204: Type.Null(), '4xx': ErrorResponse } },
    },
    async (request, reply) => {
      if (!(await app.repositories.users.revokeDisplayToken(request.user, request.params.id))) throw notFound(`Display token ${request.params.id}`);
      return reply.code(204).send(null);
    },
  );
};

export default displayTokenRoutes;
