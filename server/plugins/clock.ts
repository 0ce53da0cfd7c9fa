import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's notion of "now" for the domain's time rules (the patrol night); injectable for tests. */
    now(): Date;
  }
}

export interface ClockPluginOptions {
  /** Defaults to the system clock. Tests pass a fixed or adjustable one instead of mocking Date. */
  now?: () => Date;
}

export default fp<ClockPluginOptions>(
  async (app, options) => {
    app.decorate('now', options.now ?? (() => new Date()));
  },
  { name: 'clock' },
);
