// The embedded database's own thread: PGlite + PostGIS run here, so that a long query never blocks the
// server's event loop (health checks, static files and other requests go on while it runs).
// The main thread (embedded-session.ts) sends whole PostgreSQL protocol messages, one at a time, and gets
// back the bytes PGlite answered and whether the session is inside a transaction afterwards.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { WorkerReply, WorkerRequest } from './worker-messages.ts';

const { dataDir } = workerData as { dataDir: string };
const port = parentPort!;
const send = (reply: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

try {
  const isNew = !fs.existsSync(`${dataDir}/PG_VERSION`);
  send({ kind: 'progress', message: isNew ? `creating embedded database in ${dataDir}` : `opening embedded database in ${dataDir}` });
  const db = await PGlite.create({ dataDir, extensions: { postgis } });
  const hasPostgis = (await db.query(`SELECT 1 FROM pg_extension WHERE extname = 'postgis'`)).rows.length > 0;
  if (!hasPostgis) {
    send({ kind: 'progress', message: 'installing the PostGIS extension (about 15 s, first start only)' });
    await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  }

  // Requests are handled strictly one after another, in the order they arrive.
  let queue: Promise<void> = Promise.resolve();
  const handle = async (request: WorkerRequest): Promise<void> => {
    if (request.kind === 'close') {
      await db.close();
      send({ kind: 'closed' });
      return;
    }
    try {
      if (request.kind === 'rollback') {
        if (db.isInTransaction()) await db.exec('ROLLBACK');
        send({ kind: 'result', id: request.id, output: new Uint8Array(0), inTransaction: db.isInTransaction() });
        return;
      }
      const chunks: Uint8Array[] = [];
      let length = 0;
      for (const message of request.messages) {
        await db.execProtocolRawStream(message, {
          onRawData: (chunk) => {
            // The chunk may be a view into PGlite's memory, which the next call overwrites: copy it.
            chunks.push(chunk.slice());
            length += chunk.length;
          },
        });
      }
      const output = new Uint8Array(length);
      let offset = 0;
      for (const chunk of chunks) {
        output.set(chunk, offset);
        offset += chunk.length;
      }
      send({ kind: 'result', id: request.id, output, inTransaction: db.isInTransaction() }, [output.buffer]);
    } catch (error) {
      send({ kind: 'failed', id: request.id, message: (error as Error).message ?? String(error) });
    }
  };
  port.on('message', (request: WorkerRequest) => {
    queue = queue.then(() => handle(request));
  });
  send({ kind: 'ready' });
} catch (error) {
  send({ kind: 'startFailed', message: (error as Error).stack ?? String(error) });
}
