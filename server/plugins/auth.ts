import fastifyCookie from '@fastify/cookie';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserRole } from '#domain/vocabulary.ts';
import { hashSecret } from '../security/passwords.ts';
import { forbidden, HttpError, unauthorized } from '../http-errors.ts';
import type { SessionUser } from '../repositories/users-repository.ts';

export const SESSION_COOKIE = 'gridatlas_session';

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook: 401 unless the request carries a session cookie or a display token. */
    authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    /** onRequest hook factory: 403 unless the user has one of the roles and may write. */
    requireRole(...roles: UserRole[]): (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /** Whether the session or token this request was authenticated by is still good (for long-lived streams). */
    stillAuthenticated(request: FastifyRequest): Promise<boolean>;
  }
  interface FastifyRequest {
    user: SessionUser;
    /** True when this request was authenticated by a display token (header or `?token=`), not by a session. */
    viaDisplayToken: boolean;
    /** What authenticated the request (a hash, never the secret), so that a long-lived stream can check it again. */
    credential: { kind: 'session' | 'token'; hash: string } | null;
  }
}

/** 401 `session_expired`: a session cookie was sent, but the session is unknown or has expired. */
export const sessionExpired = () => new HttpError(401, 'session_expired', 'The session has expired or was ended; log in again.');
/** 401 `token_revoked`: a display token was sent, but it is unknown or has been revoked. */
export const tokenRevoked = () => new HttpError(401, 'token_revoked', 'The display token is unknown or has been revoked; ask a leader for a new display link.');

/**
 * The token of HTTP Basic credentials: desktop GIS (QGIS) can send a token only as a password, so the
 * password is the token and the user name is not used.
 */
function basicPassword(header: string): string | undefined {
  const decoded = Buffer.from(header.slice('Basic '.length).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(colon + 1) || undefined : undefined;
}

/**
 * The display token of a request: the `Authorization: Bearer` header (or Basic, its password), else `?token=`. The query
 * parameter is always removed (also when the header is sent too), so that routes' query schemas need
 * not know it and no handler can echo it back.
 */
function takeDisplayToken(request: FastifyRequest): string | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = typeof query?.token === 'string' ? query.token : undefined;
  if (query && 'token' in query) delete query.token;
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim() || undefined;
  if (header?.startsWith('Basic ')) return basicPassword(header);
  return fromQuery || undefined;
}

export default fp(
  async (app) => {
    await app.register(fastifyCookie);
    app.decorateRequest('user', null as unknown as SessionUser);
    app.decorateRequest('viaDisplayToken', false);
    app.decorateRequest('credential', null);

    app.decorate('authenticate', async (request: FastifyRequest) => {
      const cookie = request.cookies[SESSION_COOKIE];
      const token = takeDisplayToken(request);
      // A valid session wins; a wall display without one (or with an expired one) uses its token.
      const sessionUser = cookie ? await app.repositories.users.userForSession(hashSecret(cookie)) : undefined;
      if (sessionUser) {
        request.user = sessionUser;
        request.credential = { kind: 'session', hash: hashSecret(cookie!) };
        return;
      }
      const tokenUser = token ? await app.repositories.users.userForDisplayToken(hashSecret(token)) : undefined;
      if (tokenUser) {
        request.user = tokenUser;
        request.viaDisplayToken = true;
        request.credential = { kind: 'token', hash: hashSecret(token!) };
        return;
      }
      if (token) throw tokenRevoked();
      if (cookie) throw sessionExpired();
      throw unauthorized();
    });

    app.decorate('stillAuthenticated', async (request: FastifyRequest) => {
      const credential = request.credential;
      if (!credential) return false;
      const user = credential.kind === 'session' ? await app.repositories.users.userForSession(credential.hash) : await app.repositories.users.userForDisplayToken(credential.hash);
      return user !== undefined;
    });

    app.decorate('requireRole', (...roles: UserRole[]) => async (request: FastifyRequest) => {
      if (request.user.readOnly) throw forbidden('A display token is read-only.');
      if (!roles.includes(request.user.role) && request.user.role !== 'admin') {
        throw forbidden(`The role ${request.user.role} may not do this; it needs ${roles.join(' or ')}.`);
      }
    });
  },
  { name: 'auth', dependencies: ['repositories'] },
);
