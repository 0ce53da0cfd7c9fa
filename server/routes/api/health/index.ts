import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { COUNTED_TABLES, countRows } from '../../../repositories/health-repository.ts';

const HealthResponse = Type.Object(
  {
    status: Type.Literal('ok'),
    backend: Type.Union([Type.Literal('embedded'), Type.Literal('postgresql')]),
    serverVersion: Type.String(),
    postgisVersion: Type.String(),
    capabilities: Type.Object({ vectorTiles: Type.Boolean() }),
    migrationLevel: Type.Integer(),
    rowCounts: Type.Object(Object.fromEntries(COUNTED_TABLES.map((table) => [table, Type.Integer()]))),
  },
  { additionalProperties: false },
);

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: {
        summary: 'Backend kind, PostGIS version, capabilities, migration level and row counts',
        tags: ['health'],
        response: { 200: HealthResponse },
      },
    },
    async () => {
      const { backend, serverVersion, postgisVersion, vectorTiles } = app.capabilities;
      return {
        status: 'ok' as const,
        backend,
        serverVersion,
        postgisVersion,
        capabilities: { vectorTiles },
        migrationLevel: app.migrationLevel,
        rowCounts: await countRows(app.pg.pool),
      };
    },
  );
};

export default healthRoutes;
