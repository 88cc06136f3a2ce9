import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { CoalescedStream } from '~/render/coalesced-stream.server';

function collect(stream: CoalescedStream): string[] {
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return chunks;
}

const ended = (stream: CoalescedStream) => new Promise((resolve) => stream.on('end', resolve));

describe('CoalescedStream', () => {
  it('hands on what is written in one go, ended in the same go, as one chunk', async () => {
    const stream = new CoalescedStream();
    const chunks = collect(stream);
    stream.write('<!DOCTYPE html>');
    stream.write(Buffer.from('<html><body>'));
    stream.write('é', 'utf8');
    stream.end('</body></html>');
    await ended(stream);
    expect(chunks).toEqual(['<!DOCTYPE html><html><body>é</body></html>']);
  });

  it('passes on each burst without waiting for the end (streamed rendering still streams)', async () => {
    const stream = new CoalescedStream();
    const chunks = collect(stream);
    stream.write('shell ');
    stream.write('first part');
    await nextTurn();
    await nextTurn();
    expect(chunks).toEqual(['shell first part']);
    stream.write('<template>deferred</template>');
    stream.end();
    await ended(stream);
    expect(chunks).toEqual(['shell first part', '<template>deferred</template>']);
  });

  it('ends cleanly when nothing is pending', async () => {
    const stream = new CoalescedStream();
    const chunks = collect(stream);
    stream.write('all');
    await nextTurn();
    await nextTurn();
    stream.end();
    await ended(stream);
    expect(chunks).toEqual(['all']);
  });
});
