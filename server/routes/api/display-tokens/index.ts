import { Type } from '@sinclair/typebox';
import type { TokenPurpose } from '#domain/vocabulary.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { newSecret } from '../../../security/passwords.ts';
import { forbidden, notFound } from '../../../http-errors.ts';
import { DisplayTokenCreated, DisplayTokenList, TokenPurposeSchema } from '../../../schemas/display-tokens.ts';
import { ErrorResponse, IdParams, Query, VisibleText } from '../../../schemas/common.ts';


/** Read-only tokens, which can be revoked: for the big-screen display (/screen?token=…) and for desktop GIS (/ogc). */
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
      schema: {
        summary: 'Make a read-only token with your scope (a display token: leaders and admins; a GIS token: anyone); the token is shown only in this answer',
        tags: ['session'],
        body: Type.Object(
          { label: VisibleText({ maxLength: 100, description: 'a label with at least one visible character' }), purpose: Type.Optional(TokenPurposeSchema) },
          { additionalProperties: false },
        ),
        response: { 201: DisplayTokenCreated, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const purpose = (request.body.purpose as TokenPurpose | undefined) ?? 'display';
      if (request.user.readOnly) throw forbidden('A read-only token cannot make tokens.');
      if (purpose === 'display' && request.user.role !== 'leader' && request.user.role !== 'admin') {
        throw forbidden('Display tokens are made by leaders and admins; any user can make a GIS token (purpose "gis").');
      }
      const { secret, hash } = newSecret();
      const id = await app.repositories.users.createDisplayToken(request.user.id, request.body.label, hash, purpose);
      return reply.code(201).send({ id, label: request.body.label, purpose, token: secret });
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
