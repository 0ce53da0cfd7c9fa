import os from 'node:os';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { overloaded } from '../http-errors.ts';
import { POOL_SIZE } from './database.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A heavy query (a search, a list of incidents, an export, statistics): admitted a few at a time. */
    heavy?: boolean;
  }
  interface FastifyInstance {
    heavyQueries: AdmissionQueue;
  }
}

/**
 * At most `concurrency` holders at once; others wait in line, and one that would wait longer than
 * `maxWaitMs` is turned away. So 32 heavy searches at once do not make everyone wait 10 s: the first
 * few run, the rest get 503 with Retry-After, and cheap requests (health, the session, small lists) go on.
 */
export class AdmissionQueue {
  private running = 0;
  private readonly waiting: { admit(): void; timer: NodeJS.Timeout }[] = [];
  readonly counters = { admitted: 0, turnedAway: 0 };

  constructor(
    readonly concurrency: number,
    readonly maxWaitMs: number,
  ) {}

  /** Resolves with a release function once admitted; rejects with a 503 after maxWaitMs in line. */
  enter(): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const admit = () => {
        this.running++;
        this.counters.admitted++;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.running--;
          this.waiting.shift()?.admit();
        });
      };
      if (this.running < this.concurrency) return admit();
      const entry = {
        admit: () => {
          clearTimeout(entry.timer);
          admit();
        },
        timer: setTimeout(() => {
          const index = this.waiting.indexOf(entry);
          if (index >= 0) this.waiting.splice(index, 1);
          this.counters.turnedAway++;
          reject(overloaded('The server is busy with other searches; try again in a few seconds.', 2));
        }, this.maxWaitMs),
      };
      this.waiting.push(entry);
    });
  }

  get statistics() {
    return { running: this.running, waiting: this.waiting.length, concurrency: this.concurrency, ...this.counters };
  }
}

const RELEASE = Symbol('admission.release');
type AdmittedRequest = FastifyRequest & { [RELEASE]?: () => void };

/** Admission for routes with `config: { heavy: true }`, after authentication, released when the response is done. */
export default fp<{ config: Config }>(
  async (app, { config }) => {
    // The embedded database runs one query at a time: more than two in flight only lengthens the line.
    // PostgreSQL runs one heavy query per core well; more make each slower without finishing sooner. One core
    // is left to this process and the cheap requests (health, sessions, small lists), which otherwise wait
    // for CPU behind the heavy queries on a small machine (measured: health at 225 ms on 2 cores with 2).
    const concurrency = config.heavyConcurrency || (app.database.backend === 'embedded' ? 2 : Math.min(POOL_SIZE - 2, Math.max(1, os.availableParallelism() - 1)));
    const queue = new AdmissionQueue(concurrency, config.heavyQueueMs);
    app.decorate('heavyQueries', queue);

    app.addHook('preHandler', async (request: AdmittedRequest, reply) => {
      if (request.routeOptions.config.heavy !== true) return;
      const release = await queue.enter();
      request[RELEASE] = release;
      // The place is given back when the exchange ends, however it ends: answered, failed, or the client gone,
      // also while it waited in line (a page that cancels a request it no longer needs). Without this, a
      // request whose client left before its turn came would hold its place for ever.
      // (The socket tells whether the client left: the request stream itself ends, and is destroyed, as soon as a POST's
      // body has been read, and taking that for a departure let every search through at once.)
      if (reply.raw.destroyed || reply.raw.closed || request.raw.socket?.destroyed !== false) release();
      else reply.raw.once('close', release);
    });
    const release = async (request: AdmittedRequest) => request[RELEASE]?.();
    app.addHook('onResponse', release);
    app.addHook('onRequestAbort', release);
  },
  { name: 'admission', dependencies: ['database'] },
);
