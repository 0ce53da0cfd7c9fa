// The few pieces of the PostgreSQL frontend/backend protocol (version 3) that the embedded bridge needs:
// splitting a client's byte stream into whole messages, and writing the two backend messages the bridge
// answers itself (an error and "ready for query").
// https://www.postgresql.org/docs/current/protocol-message-formats.html

const SSL_REQUEST_CODE = 80877103;
const GSSENC_REQUEST_CODE = 80877104;

/** One whole message from a client. `type` is its first byte ('Q', 'P', 'S', ...), or null for a start-up packet. */
export interface FrontendMessage {
  type: string | null;
  bytes: Buffer;
}

/**
 * Takes the whole messages off the front of `buffer`. Before start-up, the first packet has no type byte
 * (a start-up message, or an SSL/GSS encryption request); after it, every message is a type byte and a length.
 */
export function splitMessages(buffer: Buffer, startedUp: boolean): { messages: FrontendMessage[]; rest: Buffer; startedUp: boolean } {
  const messages: FrontendMessage[] = [];
  let offset = 0;
  let started = startedUp;
  for (;;) {
    if (!started) {
      if (buffer.length - offset < 8) break;
      const length = buffer.readInt32BE(offset);
      if (buffer.length - offset < length) break;
      const code = buffer.readInt32BE(offset + 4);
      const bytes = buffer.subarray(offset, offset + length);
      offset += length;
      if (code === SSL_REQUEST_CODE || code === GSSENC_REQUEST_CODE) {
        messages.push({ type: 'encryption-request', bytes });
        continue;
      }
      messages.push({ type: null, bytes });
      started = true;
      continue;
    }
    if (buffer.length - offset < 5) break;
    const length = 1 + buffer.readInt32BE(offset + 1);
    if (buffer.length - offset < length) break;
    messages.push({ type: String.fromCharCode(buffer[offset]), bytes: buffer.subarray(offset, offset + length) });
    offset += length;
  }
  return { messages, rest: buffer.subarray(offset), startedUp: started };
}

/** Messages after which the backend answers ReadyForQuery: the end of one exchange. */
export const ENDS_EXCHANGE = new Set<string | null>([null, 'Q', 'S']);

/** An ErrorResponse with severity ERROR, a SQLSTATE code and a message. */
export function errorResponse(sqlState: string, message: string): Buffer {
  const fields = Buffer.concat([
    Buffer.from(`SERROR\0VERROR\0C${sqlState}\0M${message}\0`, 'utf8'),
    Buffer.from([0]),
  ]);
  const header = Buffer.alloc(5);
  header.write('E', 0, 'latin1');
  header.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([header, fields]);
}

/** ReadyForQuery with the transaction status: 'I' idle, 'T' in a transaction, 'E' in a failed transaction. */
export function readyForQuery(status: 'I' | 'T' | 'E' = 'I'): Buffer {
  const message = Buffer.alloc(6);
  message.write('Z', 0, 'latin1');
  message.writeInt32BE(5, 1);
  message.write(status, 5, 'latin1');
  return message;
}
