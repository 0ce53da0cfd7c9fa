import fastifyHelmet from '@fastify/helmet';
import fastifyUnderPressure from '@fastify/under-pressure';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { HttpError } from '../http-errors.ts';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The origin (scheme://host[:port]) this request was addressed to, as the browser saw it. */
export function ownOrigin(request: FastifyRequest, publicOrigin: string | undefined): string {
  return publicOrigin ?? `${request.protocol}://${request.host}`;
}

/**
 * Cross-site request forgery: a browser sends Origin with every write; a write from a page of another
 * origin is refused. Requests without Origin (curl, GDAL, scripts) carry no ambient cookie from a
 * browser and pass, unless the browser says by Sec-Fetch-Site that it comes from another site.
 */
export function crossOriginWrite(request: FastifyRequest, publicOrigin: string | undefined): string | null {
  if (!WRITE_METHODS.has(request.method)) return null;
  const origin = request.headers.origin;
  if (origin !== undefined) return origin === ownOrigin(request, publicOrigin) ? null : origin;
  const site = request.headers['sec-fetch-site'];
  return site === 'cross-site' || site === 'same-site' ? `a ${site} page` : null;
}

/**
 * How the server defends itself: security headers on every response (a Content Security Policy that
 * allows what MapLibre needs and forbids framing), writes only from its own origin, and load shedding
 * (503 with Retry-After) when the event loop or the heap is overwhelmed.
 */
export default fp<{ config: Config }>(
  async (app, { config }) => {
    const externalOrigin = config.basemapStyleUrl ? new URL(config.basemapStyleUrl).origin : null;
    const external = externalOrigin ? [externalOrigin] : [];
    await app.register(fastifyHelmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // MapLibre runs its worker from our own file; some builds create it from a blob: URL.
          workerSrc: ["'self'", 'blob:'],
          childSrc: ["'self'", 'blob:'],
          // React and ECharts set style attributes; MapLibre's CSS is a file.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:', ...external],
          fontSrc: ["'self'", 'data:', ...external],
          connectSrc: ["'self'", ...external],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // The app is also served over plain HTTP on a LAN; HSTS belongs to the HTTPS proxy in front of it.
      strictTransportSecurity: false,
      // The wall display loads nothing from other origins that would need these.
      crossOriginEmbedderPolicy: false,
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'same-origin' },
    });

    app.addHook('onRequest', async (request) => {
      const foreign = crossOriginWrite(request, config.publicOrigin);
      if (foreign) {
        throw new HttpError(403, 'cross_origin', `Writes are accepted only from ${ownOrigin(request, config.publicOrigin)}; this one came from ${foreign}.`);
      }
    });

    await app.register(fastifyUnderPressure, {
      maxEventLoopDelay: config.maxEventLoopDelayMs,
      maxHeapUsedBytes: config.maxHeapUsedBytes,
      retryAfter: 10,
      pressureHandler: (request, reply, type, value) => {
        request.log.warn({ pressure: type, value }, 'shedding load');
        void reply
          .code(503)
          .header('retry-after', '10')
          .send({ error: 'overloaded', message: 'The server is too busy to answer now; try again in a few seconds.' });
      },
    });
  },
  { name: 'protection', dependencies: ['errors'] },
);
