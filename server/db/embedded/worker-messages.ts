/** What the main thread asks the PGlite thread. */
export type WorkerRequest =
  /** Run PostgreSQL protocol messages (or a start-up packet) through the session, one after another. */
  | { kind: 'exec'; id: number; messages: Uint8Array[] }
  /** Roll back an open transaction left by a connection that went away. */
  | { kind: 'rollback'; id: number }
  | { kind: 'close' };

/** What the PGlite thread answers. */
export type WorkerReply =
  | { kind: 'progress'; message: string }
  | { kind: 'ready' }
  | { kind: 'startFailed'; message: string }
  | { kind: 'result'; id: number; output: Uint8Array; inTransaction: boolean }
  | { kind: 'failed'; id: number; message: string }
  | { kind: 'closed' };
