import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

/** The OpenAPI description, generated from the routes' schemas, with a UI at /api/docs. */
export default fp(
  async (app) => {
    await app.register(fastifySwagger, {
      openapi: {
        info: {
          title: 'GridAtlas API',
          version: '0.1.0',
          description: 'Community grid governance (网格化管理): areas, grids, buildings, incidents, patrols and volunteers. GeoJSON is RFC 7946 (WGS84).',
        },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: 'gridatlas_session' },
            displayToken: { type: 'http', scheme: 'bearer' },
          },
        },
        security: [{ session: [] }, { displayToken: [] }],
      },
    });
    await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  },
  { name: 'openapi' },
);
