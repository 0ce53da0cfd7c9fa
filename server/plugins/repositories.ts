import fp from 'fastify-plugin';
import { areasRepository } from '../repositories/areas-repository.ts';
import { basemapRepository } from '../repositories/basemap-repository.ts';
import { incidentsRepository } from '../repositories/incidents-repository.ts';
import { patrolsRepository } from '../repositories/patrols-repository.ts';
import { statsRepository } from '../repositories/stats-repository.ts';
import { incidentAggregatesRepository } from '../repositories/incident-aggregates.ts';
import { coverageRepository } from '../repositories/coverage-repository.ts';
import { usersRepository } from '../repositories/users-repository.ts';
import { timeLimitsRepository } from '../repositories/time-limits-repository.ts';
import { gridDraftsRepository } from '../repositories/grid-drafts-repository.ts';

function repositories(pool: Parameters<typeof areasRepository>[0]) {
  return {
    areas: areasRepository(pool),
    basemap: basemapRepository(pool),
    incidents: incidentsRepository(pool),
    patrols: patrolsRepository(pool),
    stats: statsRepository(pool),
    incidentAggregates: incidentAggregatesRepository(pool),
    coverage: coverageRepository(pool),
    users: usersRepository(pool),
    timeLimits: timeLimitsRepository(pool),
    gridDrafts: gridDraftsRepository(pool),
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** All SQL, one repository per resource, made once on the app's pool (routes hold none). */
    repositories: ReturnType<typeof repositories>;
  }
}

export default fp(
  async (app) => {
    app.decorate('repositories', repositories(app.pg.pool));
  },
  { name: 'repositories', dependencies: ['database'] },
);
