import fastifyPostgres from '@fastify/postgres';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { detectCapabilities, type Capabilities } from '../db/capabilities.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    capabilities: Capabilities;
    migrationLevel: number;
  }
}

export interface DatabasePluginOptions {
  config: Config;
  /** An already-open database (tests); otherwise one is opened from the config and closed with the app. */
  database?: Database;
}

/**
 * Opens the database (embedded PGlite or PostgreSQL), registers the single node-postgres pool,
 * applies migrations and detects what the backend can do.
 */
export default fp<DatabasePluginOptions>(
  async (app, { config, database: given }) => {
    const database =
      given ??
      (await openDatabase({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        onProgress: (message) => app.log.info({ step: 'database' }, message),
      }));
    app.decorate('database', database);
    // Registered before the pool so that it runs after the pool has ended (onClose hooks run last-in, first-out).
    app.addHook('onClose', async () => {
      if (!given) await database.close();
    });

    // JIT doubles the cost of the polygon searches (DESIGN.md §8); the timeout keeps any request from holding the database.
    const sessionSettings = { jit: 'off', statement_timeout: String(Math.round(config.statementTimeoutMs)) };
    await app.register(fastifyPostgres, {
      connectionString: database.connectionString,
      max: 8,
      application_name: 'gridatlas',
      options: Object.entries(sessionSettings).map(([name, value]) => `-c ${name}=${value}`).join(' '),
    });
    if (database.backend === 'embedded') {
      // PGlite ignores start-up options, and all socket connections share its one session: set them once.
      for (const [name, value] of Object.entries(sessionSettings)) await app.pg.pool.query(`SELECT set_config($1, $2, false)`, [name, value]);
    }

    const { applied, level } = await migrate(app.pg.pool);
    if (applied.length > 0) app.log.info({ applied, level }, 'applied migrations');
    app.decorate('migrationLevel', level);
    app.decorate('capabilities', await detectCapabilities(app.pg.pool, database.backend));
    app.log.info({ capabilities: app.capabilities, migrationLevel: level }, 'database ready');
  },
  { name: 'database' },
);
