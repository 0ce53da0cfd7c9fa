import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { readConfig } from '../../server/config.ts';
import type { Config } from '../../server/config.ts';
import type { Database } from '../../server/db/database.ts';
import { openTestDatabase } from './test-database.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

/**
 * The app on a private copy of the seeded demo database, for `app.inject` tests; `config` overrides the defaults,
 * `now` is the clock of the domain's time rules (default the system clock).
 */
export async function build(config: Partial<Config> = {}, { now }: { now?: () => Date } = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const app = await buildApp({
    // The tests' own work runs on the same event loop as the app: event-loop load shedding would misread it.
    config: { ...readConfig({}), seedOnEmpty: false, logLevel: 'silent', maxEventLoopDelayMs: 0, ...config },
    database,
    logger: false,
    now,
  });
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
