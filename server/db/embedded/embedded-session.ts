import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from './worker-messages.ts';
import { WireConnection } from './wire-connection.ts';

/** Thrown to a connection that waited too long for the session. */
export class SessionBusyError extends Error {
  constructor(waitedMs: number) {
    super(`the embedded database was busy for ${Math.round(waitedMs)} ms; try again shortly`);
    this.name = 'SessionBusyError';
  }
}

interface Waiter {
  holder: object;
  queuedAt: number;
  resolve(): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export interface SessionStatistics {
  /** Connections waiting for their turn. */
  waiting: number;
  /** Trips to the PGlite thread since start (a whole exchange usually makes one). */
  exchanges: number;
  /** Connections turned away because they waited longer than the queue timeout. */
  turnedAway: number;
  /** False once the PGlite thread has died. */
  alive: boolean;
}

/**
 * PGlite is ONE PostgreSQL session. Every node-postgres connection of this process reaches it through a
 * WireConnection (an in-process stream; there is no port another process could connect to), and takes
 * turns: a connection holds the session from the first message of an exchange until the session is
 * idle again: after the Sync or simple Query that ends the exchange, or, inside a transaction, after
 * the COMMIT or ROLLBACK. So statements and transactions of different requests never interleave.
 *
 * PGlite itself runs in a worker thread (pglite-worker.ts) so that queries do not block the event loop.
 */
export class EmbeddedSession {
  private owner: object | null = null;
  private readonly waiters: Waiter[] = [];
  private readonly pending = new Map<number, { resolve(reply: { output: Uint8Array; inTransaction: boolean }): void; reject(error: Error): void }>();
  private nextRequestId = 1;
  private failure: Error | null = null;
  private closing: Promise<void> | null = null;
  private readonly counters = { exchanges: 0, turnedAway: 0 };

  private constructor(
    private readonly worker: Worker,
    /** How long a connection may wait for its turn before it is answered with an error (SQLSTATE 55P03). */
    readonly queueTimeoutMs: number,
  ) {
    worker.on('message', (reply: WorkerReply) => {
      if (reply.kind !== 'result' && reply.kind !== 'failed') return;
      const request = this.pending.get(reply.id);
      if (!request) return;
      this.pending.delete(reply.id);
      if (reply.kind === 'result') request.resolve(reply);
      else request.reject(new Error(`embedded database: ${reply.message}`));
    });
    const fail = (error: Error) => {
      if (this.closing) return;
      this.failure = error;
      for (const request of this.pending.values()) request.reject(error);
      this.pending.clear();
      for (const waiter of this.waiters.splice(0)) {
        clearTimeout(waiter.timer);
        waiter.reject(error);
      }
    };
    worker.on('error', (error) => fail(new Error(`the embedded database thread failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => fail(new Error(`the embedded database thread exited (code ${code})`)));
  }

  /** Starts PGlite + PostGIS on `dataDir` in a worker thread; creates the database and the extension on first use. */
  static async start(dataDir: string, { onProgress, queueTimeoutMs = 10_000 }: { onProgress?: (message: string) => void; queueTimeoutMs?: number } = {}): Promise<EmbeddedSession> {
    // The worker is TypeScript like the rest of the server: a small bootstrap registers tsx in the new
    // thread (loader flags such as --import do not reach worker threads) and then loads it.
    const workerUrl = new URL('./pglite-worker.ts', import.meta.url).href;
    // tsx's "tsx/esm/api" export (import condition), found from wherever this module runs.
    const tsxUrl = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
    const bootstrap = `import(${JSON.stringify(tsxUrl)}).then(({ register }) => { register(); return import(${JSON.stringify(workerUrl)}); })`;
    const worker = new Worker(bootstrap, { eval: true, workerData: { dataDir } });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (reply: WorkerReply) => {
        if (reply.kind === 'progress') onProgress?.(reply.message);
        else if (reply.kind === 'ready') done(null);
        else if (reply.kind === 'startFailed') done(new Error(`the embedded database could not start: ${reply.message}`));
      };
      const onError = (error: Error) => done(error);
      const onExit = (code: number) => done(new Error(`the embedded database thread exited during start-up (code ${code})`));
      const done = (error: Error | null) => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (error) {
          void worker.terminate();
          reject(error);
        } else {
          resolve();
        }
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
    return new EmbeddedSession(worker, queueTimeoutMs);
  }

  /** A new client-side stream for node-postgres (`stream` in the pool's options). */
  connect(): WireConnection {
    return new WireConnection(this);
  }

  get statistics(): SessionStatistics {
    return { waiting: this.waiters.length, exchanges: this.counters.exchanges, turnedAway: this.counters.turnedAway, alive: this.failure === null && this.closing === null };
  }

  /** Waits until `holder` has the session to itself. */
  acquire(holder: object): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.owner === holder) return Promise.resolve();
    if (this.owner === null && this.waiters.length === 0) {
      this.owner = holder;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        holder,
        queuedAt: performance.now(),
        resolve,
        reject,
        timer: setTimeout(() => {
          this.removeWaiter(holder);
          this.counters.turnedAway++;
          reject(new SessionBusyError(performance.now() - waiter.queuedAt));
        }, this.queueTimeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Gives the session to the next connection in line. */
  release(holder: object): void {
    if (this.owner !== holder) {
      this.removeWaiter(holder);
      return;
    }
    this.owner = null;
    const next = this.waiters.shift();
    if (next) {
      clearTimeout(next.timer);
      this.owner = next.holder;
      next.resolve();
    }
  }

  private removeWaiter(holder: object): void {
    const index = this.waiters.findIndex((waiter) => waiter.holder === holder);
    if (index >= 0) clearTimeout(this.waiters.splice(index, 1)[0].timer);
  }

  /** Runs protocol messages in order, in one trip to the PGlite thread; only the owner calls this. */
  exec(messages: Uint8Array[]): Promise<{ output: Uint8Array; inTransaction: boolean }> {
    this.counters.exchanges++;
    return this.request({ kind: 'exec', id: 0, messages });
  }

  /** Rolls back whatever transaction the session is in (a connection left in the middle of one). */
  async rollback(): Promise<void> {
    await this.request({ kind: 'rollback', id: 0 });
  }

  private request(request: Extract<WorkerRequest, { id: number }>): Promise<{ output: Uint8Array; inTransaction: boolean }> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new Error('the embedded database is closing'));
    const id = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  /** Closes PGlite (which writes its data folder) and stops the thread. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.failure) {
        await this.worker.terminate();
        return;
      }
      await new Promise<void>((resolve) => {
        const onMessage = (reply: WorkerReply) => {
          if (reply.kind === 'closed') finish();
        };
        const finish = () => {
          this.worker.off('message', onMessage);
          this.worker.off('exit', finish);
          resolve();
        };
        this.worker.on('message', onMessage);
        this.worker.once('exit', finish);
        this.worker.postMessage({ kind: 'close' } satisfies WorkerRequest);
      });
      for (const request of this.pending.values()) request.reject(new Error('the embedded database was closed'));
      this.pending.clear();
      await this.worker.terminate();
    })();
    return this.closing;
  }
}
