import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { hashPassword } from '../../../security/passwords.ts';
import { USER_ROLES } from '#domain/vocabulary.ts';
import { conflict, unprocessable } from '../../../http-errors.ts';
import { UserSchema } from '../../../schemas/users.ts';
import { Enum, ErrorResponse, Id, Query, VisibleText } from '../../../schemas/common.ts';

/** User administration: admins only. */
const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  app.addHook('onRequest', app.requireRole('admin'));

  app.get('/', { schema: { summary: 'All users with their roles and communities', tags: ['users'], querystring: Query({}), response: { 200: Type.Object({ users: Type.Array(UserSchema) }), '4xx': ErrorResponse } } }, async () => ({
    users: await app.repositories.users.list(),
  }));

  app.post(
    '/',
    {
      schema: {
        summary: 'Create a user',
        tags: ['users'],
        body: Type.Object(
          {
            username: Type.String({ pattern: '^[a-z0-9_.-]{3,40}$', description: '3-40 lower-case letters, digits, _ . -' }),
            displayName: VisibleText({ maxLength: 100, description: 'a name with at least one visible character' }),
            password: Type.String({ minLength: 10, maxLength: 200, description: 'at least 10 characters' }),
            role: Enum(USER_ROLES),
            communityIds: Type.Array(Id, { maxItems: 1000, uniqueItems: true }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.Integer() }), '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const result = await app.repositories.users.create({ ...body, role: body.role as string, passwordHash: await hashPassword(body.password) });
      if (result.outcome === 'unknown_communities') throw unprocessable(`body.communityIds names communities that do not exist: ${result.ids.join(', ')}.`);
      if (result.outcome === 'username_taken') throw conflict(`body.username: the username ${body.username} is taken.`);
      request.log.info({ created: body.username, role: body.role, by: request.user.username }, 'user created');
      return reply.code(201).send({ id: result.id });
    },
  );
};

export default userRoutes;
