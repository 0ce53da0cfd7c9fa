import fastifyCookie from '@fastify/cookie';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserRole } from '../domain/vocabulary.ts';
import { hashSecret } from '../domain/passwords.ts';
import { forbidden, unauthorized } from '../http-errors.ts';
import { usersRepository, type SessionUser } from '../repositories/users-repository.ts';

export const SESSION_COOKIE = 'gridatlas_session';

declare module 'fastify' {
  interface FastifyInstance {
    users: ReturnType<typeof usersRepository>;
    /** onRequest hook: 401 unless the request carries a session cookie or a display token. */
    authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    /** onRequest hook factory: 403 unless the user has one of the roles and may write. */
    requireRole(...roles: UserRole[]): (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyRequest {
    user: SessionUser;
    /** The display token this request came with, if any (read from the header or `?token=`). */
    displayToken: string | null;
  }
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const query = request.query as Record<string, unknown> | undefined;
  if (typeof query?.token !== 'string') return undefined;
  const token = query.token;
  // Read here and removed, so that routes' query schemas need not know about it.
  delete query.token;
  return token;
}

export default fp(
  async (app) => {
    await app.register(fastifyCookie);
    app.decorate('users', usersRepository(app.pg.pool));
    app.decorateRequest('user', null as unknown as SessionUser);
    app.decorateRequest('displayToken', null);

    app.decorate('authenticate', async (request: FastifyRequest) => {
      const cookie = request.cookies[SESSION_COOKIE];
      const token = bearerToken(request);
      const user = cookie
        ? await app.users.userForSession(hashSecret(cookie))
        : token
          ? await app.users.userForDisplayToken(hashSecret(token))
          : undefined;
      if (!user) throw unauthorized(cookie || token ? 'The session has expired or the token was revoked; log in again.' : undefined);
      request.user = user;
      request.displayToken = cookie ? null : (token ?? null);
    });

    app.decorate('requireRole', (...roles: UserRole[]) => async (request: FastifyRequest) => {
      if (request.user.readOnly) throw forbidden('A display token is read-only.');
      if (!roles.includes(request.user.role) && request.user.role !== 'admin') {
        throw forbidden(`The role ${request.user.role} may not do this; it needs ${roles.join(' or ')}.`);
      }
    });
  },
  { name: 'auth', dependencies: ['database'] },
);
