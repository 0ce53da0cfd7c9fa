import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { newSecret, hashSecret, verifyPassword } from '../../../security/passwords.ts';
import { tooManyRequests, unauthorized } from '../../../http-errors.ts';
import { SESSION_COOKIE } from '../../../plugins/auth.ts';
import { LoginFailures } from './login-failures.ts';
import { SESSION_DAYS, type SessionUser } from '../../../repositories/users-repository.ts';
import { SessionResponse } from '../../../schemas/users.ts';
import { ErrorResponse, Query } from '../../../schemas/common.ts';


const publicUser = ({ id, username, displayName, role, communityIds, readOnly }: SessionUser) => ({ id, username, displayName, role, communityIds, readOnly });

export interface SessionRoutesOptions {
  /** Login attempts per username in one window; per client address, three times as many (an office shares one address). */
  loginRateLimit: { max: number; windowMs: number };
}

const LOGIN_ADDRESS_FACTOR = 3;

const sessionRoutes: FastifyPluginAsyncTypebox<SessionRoutesOptions> = async (app, { loginRateLimit }) => {
  const limitExceeded = (what: string) => (_request: unknown, context: { after: string; ttl: number }) =>
    tooManyRequests(`Too many login attempts ${what}; try again in ${context.after}.`, Math.max(1, Math.ceil(context.ttl / 1000)));
  const loginFailures = new LoginFailures();
  const perUsername = app.createRateLimit({
    max: loginRateLimit.max,
    timeWindow: loginRateLimit.windowMs,
    keyGenerator: (request) => `user:${String((request.body as { username?: unknown })?.username ?? '').toLowerCase()}`,
  });

  app.post(
    '/',
    {
      // Per address before the body is read, per username once it is (the username is in the body).
      onRequest: app.rateLimit({ max: loginRateLimit.max * LOGIN_ADDRESS_FACTOR, timeWindow: loginRateLimit.windowMs, errorResponseBuilder: limitExceeded('from this address') }),
      preHandler: async (request) => {
        const limit = await perUsername(request);
        if (!limit.isAllowed && limit.isExceeded) throw tooManyRequests(`Too many login attempts for this user; try again in ${limit.ttlInSeconds} s.`, limit.ttlInSeconds);
      },
      schema: {
        summary: 'Log in with username and password; sets an HttpOnly session cookie',
        tags: ['session'],
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 40 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 200: SessionResponse, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const username = request.body.username.toLowerCase();
      const lockedFor = loginFailures.lockedForSeconds(username);
      if (lockedFor > 0) throw tooManyRequests(`Too many failed logins for this user; it is locked for ${Math.ceil(lockedFor / 60)} min.`, lockedFor);
      const found = await app.repositories.users.findForLogin(request.body.username);
      // Verify against a dummy hash when the user is unknown, so timing does not reveal which usernames exist.
      const valid = await verifyPassword(request.body.password, found?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      if (!found || !valid) {
        loginFailures.failed(username);
        request.log.warn({ username: request.body.username }, 'failed login');
        throw unauthorized('The username or password is wrong.');
      }
      loginFailures.succeeded(username);
      const { secret, hash } = newSecret();
      await app.repositories.users.createSession(found.id, hash);
      // Secure when the browser reached us over HTTPS (directly, or through a proxy that says so and is trusted: TRUST_PROXY).
      reply.setCookie(SESSION_COOKIE, secret, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', maxAge: SESSION_DAYS * 86_400 });
      request.log.info({ username: found.username, role: found.role }, 'logged in');
      return { user: publicUser(found) };
    },
  );

  app.get(
    '/',
    { onRequest: [app.authenticate], schema: { summary: 'The current user', tags: ['session'], querystring: Query({}), response: { 200: SessionResponse, '4xx': ErrorResponse } } },
    async (request) => ({ user: publicUser(request.user) }),
  );

  app.delete('/', { schema: { summary: 'Log out', tags: ['session'], response: { 204: Type.Null() } } }, async (request, reply) => {
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) await app.repositories.users.deleteSession(hashSecret(cookie));
    reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https' });
    return reply.code(204).send(null);
  });
};

export default sessionRoutes;
