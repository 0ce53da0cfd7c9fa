import { Duplex } from 'node:stream';
import type { EmbeddedSession } from './embedded-session.ts';
import { ENDS_EXCHANGE, errorResponse, readyForQuery, splitMessages, type FrontendMessage } from './wire-protocol.ts';

/** SQLSTATE internal_error. */
const INTERNAL_ERROR_SQLSTATE = 'XX000';

/**
 * PGlite (0.5.8 with PostGIS) sometimes answers a statement that asked for all its rows with PortalSuspended and no
 * rows (seen on an ST_Union/ST_Difference query, with the warning "snapshot … still active"). node-postgres then asks
 * for the rest of a portal that no longer exists, gets an extra ReadyForQuery, and from then on reads each answer as
 * the previous statement's. Such a suspension becomes an error for that statement instead, so the connection stays in
 * step. (A client that asks for a limited number of rows, a cursor, gets PortalSuspended as usual.)
 */
function withoutStraySuspension(batch: FrontendMessage[], output: Buffer): Buffer {
  const execute = batch.find((message) => message.type === 'E');
  // Execute: 'E', length, portal name (NUL-terminated), max rows (0 = all).
  if (!execute || execute.bytes.readInt32BE(execute.bytes.indexOf(0, 5) + 1) !== 0) return output;
  const parts: Buffer[] = [];
  let offset = 0;
  let changed = false;
  while (offset + 5 <= output.length) {
    const length = 1 + output.readInt32BE(offset + 1);
    if (output[offset] === 0x73 /* 's' PortalSuspended */) {
      parts.push(errorResponse(INTERNAL_ERROR_SQLSTATE, 'the embedded database stopped this statement before it finished (PGlite); try again or simplify it'));
      changed = true;
    } else {
      parts.push(output.subarray(offset, offset + length));
    }
    offset += length;
  }
  if (offset < output.length) parts.push(output.subarray(offset));
  return changed ? Buffer.concat(parts) : output;
}

/** SQLSTATE lock_not_available: the session stayed busy for longer than the queue allows. */
export const SESSION_BUSY_SQLSTATE = '55P03';

/**
 * One node-postgres connection to the embedded session, as an in-process stream that looks like a socket
 * to node-postgres. It takes turns with the other connections (see EmbeddedSession) and leaves no
 * transaction open behind it when it closes.
 */
export class WireConnection extends Duplex {
  private received = Buffer.alloc(0);
  private startedUp = false;
  private readonly queue: FrontendMessage[] = [];
  private pumping = false;
  /** After a refused exchange: drop messages until its Sync, as a PostgreSQL backend does after an error. */
  private discarding = false;
  private holdsSession = false;
  private left = false;

  constructor(private readonly session: EmbeddedSession) {
    super();
  }

  // node-postgres treats the stream as a socket.
  connect(): this {
    process.nextTick(() => this.emit('connect'));
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }

  override _read(): void {
    // Answers are pushed as they arrive.
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const split = splitMessages(this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]), this.startedUp);
    // Copy the unfinished tail: it may be a view into a buffer node-postgres reuses.
    this.received = Buffer.from(split.rest);
    this.startedUp = split.startedUp;
    this.queue.push(...split.messages.map((message) => ({ type: message.type, bytes: Buffer.from(message.bytes) })));
    void this.pump();
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.leave().then(() => {
      this.push(null);
      callback();
    }, callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.leave().then(
      () => callback(error),
      () => callback(error),
    );
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0 && !this.left) await this.handleNext();
    } catch (error) {
      this.destroy(error as Error);
    } finally {
      this.pumping = false;
    }
  }

  /** Handles the next message, or the next run of messages that belong to one exchange (Parse … Sync), in one trip. */
  private async handleNext(): Promise<void> {
    const first = this.queue[0];
    if (first.type === 'encryption-request') {
      this.queue.shift();
      // No TLS inside the process.
      this.push(Buffer.from('N'));
      return;
    }
    if (first.type === 'X') {
      this.queue.shift();
      // Terminate: the session stays open for the other connections; only this one ends.
      await this.leave();
      this.push(null);
      return;
    }
    if (this.discarding) {
      this.queue.shift();
      if (first.type === 'S') {
        this.discarding = false;
        this.push(readyForQuery());
      }
      return;
    }
    if (!this.holdsSession) {
      try {
        await this.session.acquire(this);
        this.holdsSession = true;
      } catch (error) {
        this.queue.shift();
        this.push(errorResponse(SESSION_BUSY_SQLSTATE, (error as Error).message));
        if (ENDS_EXCHANGE.has(first.type)) this.push(readyForQuery());
        else this.discarding = true;
        return;
      }
    }
    // Everything queued up to the end of this exchange goes in one trip (node-postgres writes a whole exchange at once).
    const batch: FrontendMessage[] = [];
    while (this.queue.length > 0) {
      const next = this.queue[0];
      if (next.type === 'X' || next.type === 'encryption-request') break;
      batch.push(this.queue.shift()!);
      if (ENDS_EXCHANGE.has(next.type)) break;
    }
    const { output, inTransaction } = await this.session.exec(batch.map((message) => message.bytes));
    if (output.length > 0) this.push(withoutStraySuspension(batch, Buffer.from(output.buffer, output.byteOffset, output.length)));
    if (ENDS_EXCHANGE.has(batch[batch.length - 1].type) && !inTransaction) this.releaseSession();
  }

  private releaseSession(): void {
    this.holdsSession = false;
    this.session.release(this);
  }

  /** Hands the session on, rolling back a transaction this connection left open. */
  private async leave(): Promise<void> {
    if (this.left) return;
    this.left = true;
    this.queue.length = 0;
    try {
      // The worker checks the session itself: a message still in flight may have opened a transaction.
      if (this.holdsSession) await this.session.rollback();
    } catch {
      // The session is closing or its thread died: there is no transaction left to roll back.
    } finally {
      if (this.holdsSession) this.releaseSession();
      else this.session.release(this);
    }
  }
}
