import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import databasePlugin from './plugins/database.ts';
import seedOnEmptyPlugin from './plugins/seed-on-empty.ts';
import authPlugin from './plugins/auth.ts';
import clockPlugin from './plugins/clock.ts';
import errorsPlugin from './plugins/errors.ts';
import openApiPlugin from './plugins/openapi.ts';
import requestParsingPlugin from './plugins/request-parsing.ts';
import areaRoutes from './routes/api/areas/index.ts';
import communityRoutes from './routes/api/communities/index.ts';
import displayTokenRoutes from './routes/api/display-tokens/index.ts';
import healthRoutes from './routes/api/health/index.ts';
import incidentRoutes from './routes/api/incidents/index.ts';
import patrolRoutes from './routes/api/patrols/index.ts';
import gridRoutes from './routes/api/grids/index.ts';
import compoundRoutes from './routes/api/compounds/index.ts';
import buildingRoutes from './routes/api/buildings/index.ts';
import servicePointRoutes from './routes/api/service-points/index.ts';
import volunteerTeamRoutes from './routes/api/volunteer-teams/index.ts';
import staffRoutes from './routes/api/staff/index.ts';
import repositoriesPlugin from './plugins/repositories.ts';
import sessionRoutes from './routes/api/session/index.ts';
import statsRoutes from './routes/api/stats/index.ts';
import userRoutes from './routes/api/users/index.ts';
import basemapRoutes from './routes/api/basemap/index.ts';
import ogcRoutes from './routes/ogc/index.ts';
import importRoutes from './routes/api/imports/index.ts';
import eventRoutes from './routes/api/events/index.ts';
import coverageRoutes from './routes/api/coverage/index.ts';
import timeLimitRoutes from './routes/api/time-limits/index.ts';
import liveEventsPlugin from './plugins/live-events.ts';
import { LiveDemo } from './demo/live-demo.ts';
import fastifyCors from '@fastify/cors';
import clientStaticPlugin from './plugins/client-static.ts';
import admissionPlugin from './plugins/admission.ts';
import protectionPlugin from './plugins/protection.ts';
import fastifyRateLimit from '@fastify/rate-limit';

export interface BuildAppOptions {
  config: Config;
  database?: Database;
  logger?: FastifyServerOptions['logger'];
  /** The clock of the domain's time rules (the patrol night); default the system clock. */
  now?: () => Date;
}

/** A URL as it may be logged: the value of a display token in its query string is replaced. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    // Display tokens and session cookies are secrets: never in a log line.
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
    serializers: {
      req: (request: { method: string; url: string; host?: string; hostname?: string; ip?: string; socket?: { remoteAddress?: string } }) => ({
        method: request.method,
        url: redactUrl(request.url),
        host: request.host ?? request.hostname,
        remoteAddress: request.ip ?? request.socket?.remoteAddress,
      }),
    },
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
    trustProxy: options.config.trustProxy,
    // The first start creates the embedded database and seeds the demo city, which takes longer than avvio's 10 s default.
    pluginTimeout: 0,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorate('config', options.config);

  // External: error rendering, security headers and load shedding, the database, the API description.
  await app.register(errorsPlugin);
  await app.register(protectionPlugin, { config: options.config });
  await app.register(requestParsingPlugin);
  // Pages of other origins (a city's own GIS portal) may read with GET when CORS_ORIGINS names them; tokens go in
  // the Authorization header, never cookies, so credentials are not allowed.
  const { corsOrigins } = options.config;
  if (corsOrigins.length > 0) {
    await app.register(fastifyCors, { origin: corsOrigins.includes('*') ? '*' : corsOrigins, methods: ['GET', 'HEAD'], allowedHeaders: ['Authorization'], credentials: false, maxAge: 600 });
  }
  await app.register(databasePlugin, { config: options.config, database: options.database });
  await app.register(admissionPlugin, { config: options.config });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(openApiPlugin);
  // The app's own: the clock, the repositories, demo data on first start, sessions and roles.
  await app.register(clockPlugin, { now: options.now });
  await app.register(repositoriesPlugin);
  await app.register(seedOnEmptyPlugin, { enabled: options.config.seedOnEmpty });
  await app.register(authPlugin);
  await app.register(liveEventsPlugin);

  // Routes: each folder under routes/api is its URL.
  await app.register(healthRoutes, { prefix: '/api/health' });
  await app.register(sessionRoutes, { prefix: '/api/session', loginRateLimit: options.config.loginRateLimit });
  await app.register(displayTokenRoutes, { prefix: '/api/display-tokens' });
  await app.register(areaRoutes, { prefix: '/api/areas' });
  await app.register(communityRoutes, { prefix: '/api/communities' });
  await app.register(gridRoutes, { prefix: '/api/grids' });
  await app.register(compoundRoutes, { prefix: '/api/compounds' });
  await app.register(buildingRoutes, { prefix: '/api/buildings' });
  await app.register(servicePointRoutes, { prefix: '/api/service-points' });
  await app.register(volunteerTeamRoutes, { prefix: '/api/volunteer-teams' });
  await app.register(staffRoutes, { prefix: '/api/staff' });
  await app.register(incidentRoutes, { prefix: '/api/incidents' });
  await app.register(patrolRoutes, { prefix: '/api/patrols' });
  await app.register(statsRoutes, { prefix: '/api/stats' });
  await app.register(userRoutes, { prefix: '/api/users' });
  await app.register(timeLimitRoutes, { prefix: '/api/time-limits' });
  await app.register(basemapRoutes, { prefix: '/api/basemap', externalStyleUrl: options.config.basemapStyleUrl });
  await app.register(importRoutes, { prefix: '/api/imports' });
  await app.register(eventRoutes, { prefix: '/api/events' });
  await app.register(coverageRoutes, { prefix: '/api/coverage' });
  await app.register(ogcRoutes, { prefix: '/ogc' });
  // Last: serves the built client and answers other GETs with index.html.
  await app.register(clientStaticPlugin);
  if (options.config.liveDemoIntervalMs > 0) {
    const demo = new LiveDemo(app);
    app.addHook('onReady', async () => demo.start(options.config.liveDemoIntervalMs));
    app.addHook('onClose', async () => demo.stop());
  }
  return app;
}
