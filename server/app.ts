import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import databasePlugin from './plugins/database.ts';
import seedOnEmptyPlugin from './plugins/seed-on-empty.ts';
import healthRoutes from './routes/api/health/index.ts';

export interface BuildAppOptions {
  config: Config;
  database?: Database;
  logger?: FastifyServerOptions['logger'];
}

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  };
}

/**
 * Builds the GridAtlas app: external plugins (database), then the app's own plugins, then routes.
 * Used by server/main.ts and by the tests.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? loggerOptions(options.config),
    bodyLimit: 1024 * 1024,
    // The first start creates the embedded database and seeds the demo city, which takes longer than avvio's 10 s default.
    pluginTimeout: 0,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(databasePlugin, { config: options.config, database: options.database });
  await app.register(seedOnEmptyPlugin, { enabled: options.config.seedOnEmpty });

  await app.register(healthRoutes, { prefix: '/api/health' });
  return app;
}
