import fastifyPostgres from '@fastify/postgres';
import fp from 'fastify-plugin';
import pg from 'pg';
import type { Config } from '../config.ts';
import { detectCapabilities, type Capabilities } from '../db/capabilities.ts';
import { availabilityClient, DatabaseMonitor } from '../db/database-availability.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    databaseMonitor: DatabaseMonitor;
    capabilities: Capabilities;
    migrationLevel: number;
  }
}

export interface DatabasePluginOptions {
  config: Config;
  /** An already-open database (tests); otherwise one is opened from the config and closed with the app. */
  database?: Database;
}

/** Connections of the app's one pool. On the embedded database they take turns on its one session. */
export const POOL_SIZE = 8;

/**
 * Opens the database (embedded PGlite or PostgreSQL), registers the single node-postgres pool,
 * applies migrations and detects what the backend can do. The pool survives a database that goes away
 * (a restart, killed connections): idle connections that fail are dropped and logged, requests get 503
 * meanwhile (plugins/errors.ts), and new connections are made when the database is back.
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
      ...database.connection,
      Client: availabilityClient(pg.Client),
      max: POOL_SIZE,
      // A request that cannot get a connection in time gets 503 instead of waiting on.
      connectionTimeoutMillis: config.databaseConnectTimeoutMs,
      application_name: 'gridatlas',
      ...(database.backend === 'postgresql' ? { options: Object.entries(sessionSettings).map(([name, value]) => `-c ${name}=${value}`).join(' ') } : {}),
    });
    // Without a listener, an idle connection that the server closes (restart, pg_terminate_backend) would crash the process.
    app.pg.pool.on('error', (error) => app.log.warn({ err: error }, 'an idle database connection failed; it is dropped and replaced when needed'));

    app.decorate(
      'databaseMonitor',
      new DatabaseMonitor(
        async () => {
          await app.pg.pool.query('SELECT 1');
        },
        2000,
        (state, error) => (state === 'up' ? app.log.info('the database is reachable again') : app.log.error({ reason: error }, 'the database is unreachable; answering 503 until it is back')),
      ),
    );

    if (database.backend === 'embedded') {
      // PGlite ignores start-up options, and all connections share its one session: set them once.
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
