import fp from 'fastify-plugin';
import { DEMO_PASSWORD, DEMO_USERS } from '../seed/demo-users.ts';
import { seedDemo } from '../seed/seed-demo.ts';

/** On the first start of an empty database, load the demo city so the app has something to show. */
export default fp<{ enabled: boolean }>(
  async (app, { enabled }) => {
    if (!enabled) return;
    const { rows } = await app.pg.pool.query('SELECT EXISTS (SELECT 1 FROM areas) AS seeded');
    if (rows[0].seeded) return;
    app.log.info('empty database: seeding the demo city (generated demo data)');
    const summary = await seedDemo(app.pg.pool, { onProgress: (message) => app.log.info({ step: 'seed' }, message) });
    app.log.info({ summary }, 'demo city seeded');
    app.log.warn(
      { users: DEMO_USERS.map((user) => `${user.username} (${user.role})`), password: DEMO_PASSWORD },
      'DEMO ONLY: demo users created with a shared password; change or delete them before real use',
    );
  },
  { name: 'seed-on-empty', dependencies: ['database'] },
);
