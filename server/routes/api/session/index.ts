import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { newSecret, hashSecret, verifyPassword } from '../../../domain/passwords.ts';
import { USER_ROLES } from '../../../domain/vocabulary.ts';
import { unauthorized } from '../../../http-errors.ts';
import { SESSION_COOKIE } from '../../../plugins/auth.ts';
import { SESSION_DAYS, type SessionUser } from '../../../repositories/users-repository.ts';
import { Enum, ErrorResponse } from '../schemas/common.ts';

export const UserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: Enum(USER_ROLES),
  communityIds: Type.Array(Type.Integer()),
  readOnly: Type.Boolean(),
});

const publicUser = ({ id, username, displayName, role, communityIds, readOnly }: SessionUser) => ({ id, username, displayName, role, communityIds, readOnly });

const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/',
    {
      schema: {
        summary: 'Log in with username and password; sets an HttpOnly session cookie',
        tags: ['session'],
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 40 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ user: UserSchema }), '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const found = await app.users.findForLogin(request.body.username);
      // Verify against a dummy hash when the user is unknown, so timing does not reveal which usernames exist.
      const valid = await verifyPassword(request.body.password, found?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      if (!found || !valid) throw unauthorized('The username or password is wrong.');
      const { secret, hash } = newSecret();
      await app.users.createSession(found.id, hash);
      reply.setCookie(SESSION_COOKIE, secret, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: SESSION_DAYS * 86_400 });
      request.log.info({ username: found.username, role: found.role }, 'logged in');
      return { user: publicUser(found) };
    },
  );

  app.get(
    '/',
    { onRequest: [app.authenticate], schema: { summary: 'The current user', tags: ['session'], response: { 200: Type.Object({ user: UserSchema }), '4xx': ErrorResponse } } },
    async (request) => ({ user: publicUser(request.user) }),
  );

  app.delete('/', { schema: { summary: 'Log out', tags: ['session'], response: { 204: Type.Null() } } }, async (request, reply) => {
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) await app.users.deleteSession(hashSecret(cookie));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });
};

export default sessionRoutes;
