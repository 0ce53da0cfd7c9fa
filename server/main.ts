import { buildApp, loggerOptions } from './app.ts';
import { readConfig } from './config.ts';
import { FolderLockedError } from './db/folder-lock.ts';

const started = Date.now();
const config = readConfig();
let app: Awaited<ReturnType<typeof buildApp>>;
try {
  app = await buildApp({ config, logger: loggerOptions(config) });
} catch (error) {
  if (error instanceof FolderLockedError) {
    console.error(`GridAtlas cannot start: ${error.message}`);
  } else {
    console.error('GridAtlas failed to start:', error);
  }
  process.exit(1);
}

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error) => {
        app.log.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  });
}

await app.listen({ host: config.host, port: config.port });
app.log.info(
  { backend: app.database.backend, dataDir: app.database.dataDir, startupSeconds: (Date.now() - started) / 1000 },
  `GridAtlas is ready at http://${config.host}:${config.port}`,
);
