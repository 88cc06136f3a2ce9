/**
 * The stream React's server render is piped into: it hands on everything written during one turn of the event
 * loop as a single chunk.
 *
 * React writes a document in many small pieces, synchronously while rendering. Passed on one by one, every piece
 * crosses a web ReadableStream and becomes its own socket write. Coalesced, a page without Suspense boundaries
 * leaves in one write, and a page that streams (deferred data) still sends each part as soon as React has written
 * it. Measurements: docs/decisions/004-coalesced-stream.md.
 */
import { Transform, type TransformCallback } from 'node:stream';

export class CoalescedStream extends Transform {
  private pending: Buffer[] = [];
  private flushScheduled = false;

  override _transform(chunk: Buffer | string, encoding: BufferEncoding, done: TransformCallback): void {
    this.pending.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.pushPending());
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    this.pushPending();
    done();
  }

  private pushPending(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0) return;
    const chunks = this.pending;
    this.pending = [];
    this.push(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
  }
}
