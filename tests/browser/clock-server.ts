// GridAtlas for the browser tests of the patrol night: the app as server/main.ts builds it, but with a clock the
// test runner sets through IPC ({ now: ISO string | null }), instead of mocking Date.
import { buildApp, loggerOptions } from '../../server/app.ts';
import { readConfig } from '../../server/config.ts';

const config = readConfig();
let fixed: Date | null = null;
const app = await buildApp({ config, logger: loggerOptions(config), now: () => fixed ?? new Date() });
process.on('message', (message: { now?: string | null }) => {
  fixed = message.now ? new Date(message.now) : null;
  process.send?.({ now: fixed?.toISOString() ?? null });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void app.close().then(() => process.exit(0)));
await app.listen({ host: config.host, port: config.port });
