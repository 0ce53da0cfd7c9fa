// Seeds the demo city: `npm run seed` (empty database) or `npm run seed -- --reset` (replace it).
// Uses the same configuration as the server (DATABASE_URL or the embedded data folder).
import pg from 'pg';
import { readConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrate } from '../server/db/migrate.ts';
import { resetDemo, seedDemo } from '../server/seed/seed-demo.ts';

const config = readConfig();
const reset = process.argv.includes('--reset');
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, onProgress: console.log }).catch((error) => {
  console.error(`seed: ${error.message}`);
  process.exit(1);
});
const pool = new pg.Pool({ ...database.connection, max: 2 });
try {
  await migrate(pool);
  if (reset) {
    console.log('removing the current demo city');
    await resetDemo(pool);
  }
  const summary = await seedDemo(pool, { onProgress: console.log });
  console.log(JSON.stringify(summary));
} catch (error) {
  console.error(`seed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await pool.end();
  await database.close();
}
