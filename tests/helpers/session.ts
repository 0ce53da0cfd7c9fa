import type { FastifyInstance, InjectOptions } from 'fastify';
import { DEMO_PASSWORD } from '../../server/seed/demo-users.ts';

/** Logs a demo user in and returns a function that sends requests with its session cookie. */
export async function loginAs(app: FastifyInstance, username: string) {
  const response = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password: DEMO_PASSWORD } });
  if (response.statusCode !== 200) throw new Error(`login as ${username} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((item) => item.name === 'gridatlas_session');
  if (!cookie) throw new Error('no session cookie');
  const user = response.json().user as { id: number; role: string; communityIds: number[] };
  const send = (options: InjectOptions) => app.inject({ ...options, cookies: { ...(options.cookies ?? {}), gridatlas_session: cookie.value } });
  return Object.assign(send, { user, cookie: cookie.value });
}

export type Session = Awaited<ReturnType<typeof loginAs>>;

/** Row counts of every table of the app, which a bad request must leave alone. */
export async function tableCounts(app: FastifyInstance): Promise<Record<string, number>> {
  const { rows } = await app.pg.query<{ relname: string }>(
    `SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname <> 'spatial_ref_sys' ORDER BY relname`,
  );
  const sql = rows.map(({ relname }) => `SELECT '${relname}' AS name, count(*)::int AS n FROM "${relname}"`).join(' UNION ALL ');
  const counts = await app.pg.query<{ name: string; n: number }>(sql);
  return Object.fromEntries(counts.rows.map((row) => [row.name, row.n]));
}
