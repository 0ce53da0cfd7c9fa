import type { FastifyInstance } from 'fastify';
import { buildApp, loggerOptions } from './app.ts';
import { readConfig } from './config.ts';
import { FolderLockedError } from './db/folder-lock.ts';

const started = Date.now();
// `npm start -- --live` is LIVE_DEMO=1: the live demo (a new incident every few seconds).
const config = readConfig(process.argv.includes('--live') ? { ...process.env, LIVE_DEMO: '1' } : process.env);
let app: FastifyInstance | undefined;
let closing = false;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    if (!app) {
      // Still starting: an unfinished seed is one transaction and is rolled back; the next start seeds again.
      console.error(`GridAtlas: ${signal} during start-up; stopping.`);
      process.exit(130);
    }
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error) => {
        app?.log.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  });
}

try {
  app = await buildApp({ config, logger: loggerOptions(config) });
} catch (error) {
  console.error(error instanceof FolderLockedError ? `GridAtlas cannot start: ${error.message}` : `GridAtlas failed to start: ${(error as Error).stack ?? error}`);
  process.exit(1);
}

await app.listen({ host: config.host, port: config.port });
app.log.info(
  { backend: app.database.backend, dataDir: app.database.dataDir, startupSeconds: (Date.now() - started) / 1000 },
  `GridAtlas is ready at http://${config.host}:${config.port}`,
);
