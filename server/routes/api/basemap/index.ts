import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BASEMAP_LAYERS } from '../../../repositories/basemap-repository.ts';
import { BasemapConfig } from '../../../schemas/basemap.ts';
import { BASEMAP_ATTRIBUTION, BASEMAP_THEMES, buildBasemapStyle } from './basemap-style.ts';

export interface BasemapRoutesOptions {
  /** An external MapLibre style (Tianditu, PMTiles, ...) to use instead of ours (config BASEMAP_STYLE_URL). */
  externalStyleUrl?: string;
}

/** GET /api/basemap/style.json, /api/basemap/config and /api/basemap/:layer.geojson: the offline basemap. */
const basemapRoutes: FastifyPluginAsyncTypebox<BasemapRoutesOptions> = async (app, options) => {
  const externalStyleUrl = options.externalStyleUrl;
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/config',
    {
      schema: {
        querystring: Type.Object({}, { additionalProperties: false }),
        summary: 'Which basemap the client should draw, its attribution and the extent of the demo city',
        tags: ['basemap'],
        response: { 200: BasemapConfig },
      },
    },
    async () => ({
      styleUrl: externalStyleUrl ?? '/api/basemap/style.json',
      external: externalStyleUrl !== undefined,
      attribution: BASEMAP_ATTRIBUTION,
      bounds: await app.repositories.basemap.bounds(),
    }),
  );

  app.get(
    '/style.json',
    {
      schema: {
        summary: 'A MapLibre style (v8) built from our own data; a redirect to BASEMAP_STYLE_URL when that is set',
        tags: ['basemap'],
        querystring: Type.Object(
          {
            theme: Type.Optional(Type.Union(BASEMAP_THEMES.map((theme) => Type.Literal(theme)), { default: 'dark' })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      if (externalStyleUrl) return reply.redirect(externalStyleUrl, 302);
      // Absolute URLs: MapLibre fetches GeoJSON sources from a worker, where a relative URL has no base.
      const origin = `${request.protocol}://${request.host}`;
      // A display token is never written into the style: a response body must not carry a secret. A wall display
      // sends it as a header with every request of the map (MapLibre's transformRequest), the sources' too.
      const style = buildBasemapStyle(request.query.theme ?? 'dark', (layer) => `${origin}/api/basemap/${layer}.geojson`);
      return reply.header('cache-control', 'private, max-age=300').send(style);
    },
  );

  app.get(
    '/:layer',
    {
      schema: {
        summary: 'One basemap layer as a GeoJSON FeatureCollection (counties, streets, communities, roads, blocks)',
        tags: ['basemap'],
        params: Type.Object(
          { layer: Type.Union(BASEMAP_LAYERS.map((layer) => Type.Literal(`${layer}.geojson`))) },
          { additionalProperties: false },
        ),
        querystring: Type.Object({}, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const layer = BASEMAP_LAYERS.find((name) => `${name}.geojson` === request.params.layer)!;
      const collection = await app.repositories.basemap.layer(layer);
      return reply.type('application/geo+json; charset=utf-8').header('cache-control', 'private, max-age=300').send(collection);
    },
  );
};

export default basemapRoutes;
