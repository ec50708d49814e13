/** Malformed input closes only the offending connection; the broker keeps serving everyone else. */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeResponse, encodeRequestFrame } from '../../src/broker/protocol/codec.js';
import { Produce, type ProduceResponse } from '../../src/broker/protocol/messages/produce.js';
import { buildBatch } from '../../src/broker/records/batch.js';
import { removeDir, startBrokerProcess, type BrokerProcess } from '../helpers/broker-process.js';
import { run, waitFor } from '../helpers/run.js';

let broker: BrokerProcess;

beforeAll(async () => {
  broker = await startBrokerProcess();
});

afterAll(async () => {
  await broker?.stop();
  if (broker) removeDir(broker.dataDir);
});

async function send(bytes: Buffer): Promise<{ closed: boolean; reply: Buffer }> {
  const socket: Socket = connect(broker.port, '127.0.0.1');
  await once(socket, 'connect');
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  let closed = false;
  socket.on('close', () => (closed = true));
  socket.on('error', () => undefined);
  socket.write(bytes);
  // Wait until the broker hangs up or answers, bounded; then hang up ourselves.
  await waitFor(() => (closed || chunks.length > 0 ? true : undefined), 1500, 'close or reply').catch(() => undefined);
  socket.destroy();
  return { closed, reply: Buffer.concat(chunks) };
}

function frame(body: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeInt32BE(body.length);
  return Buffer.concat([head, body]);
}

async function kcatProduceAndRead(topic: string, value: string): Promise<string> {
  const p = await run('kcat', ['-b', broker.bootstrap, '-P', '-t', topic], { input: `${value}\n` });
  expect(p.code, p.stderr).toBe(0);
  const c = await run('kcat', ['-b', broker.bootstrap, '-C', '-t', topic, '-o', 'beginning', '-e', '-q']);
  return c.stdout.toString();
}

describe('garbage on the wire', () => {
  it('survives random bytes, truncated and oversized frames, unknown APIs and bad CRCs', async () => {
    // A healthy client stays connected throughout.
    const healthy = connect(broker.port, '127.0.0.1');
    await once(healthy, 'connect');
    let healthyClosed = false;
    healthy.on('close', () => (healthyClosed = true));

    for (let i = 0; i < 20; i++) await send(randomBytes(1 + Math.floor(Math.random() * 2000)));
    // Oversized: claims 2 GiB.
    expect((await send(Buffer.from([0x7f, 0xff, 0xff, 0xff, 1, 2, 3]))).closed).toBe(true);
    // Unknown API key 999.
    const unknown = Buffer.alloc(10);
    unknown.writeInt16BE(999, 0);
    unknown.writeInt16BE(0, 2);
    unknown.writeInt32BE(1, 4);
    unknown.writeInt16BE(-1, 8);
    expect((await send(frame(unknown))).closed).toBe(true);
    // A Metadata v1 request truncated in the middle of its body.
    const truncated = Buffer.from([0, 3, 0, 1, 0, 0, 0, 2, 0xff, 0xff, 0, 0, 0, 5, 0, 3]);
    expect((await send(frame(truncated))).closed).toBe(true);
    // Header only, no frame end: the broker just waits; we hang up.
    await send(Buffer.from([0, 0, 0, 50, 0, 3]));

    // A batch whose CRC does not match is refused with CORRUPT_MESSAGE; the connection stays open.
    await kcatProduceAndRead('crc-topic', 'good');
    const batch = buildBatch({ records: [{ key: 'k', value: 'v' }] });
    batch[batch.length - 1] ^= 0xff;
    const produce = encodeRequestFrame(Produce, 7, { correlationId: 42, clientId: 'garbage-test' }, {
      transactionalId: null,
      acks: -1,
      timeoutMs: 5000,
      topicData: [{ name: 'crc-topic', partitionData: [{ index: 0, records: batch }] }],
    });
    const crc = await send(produce);
    expect(crc.closed).toBe(false);
    const reply = decodeResponse<ProduceResponse>(Produce, crc.reply.subarray(4), 7);
    expect(reply.correlationId).toBe(42);
    expect(reply.body.responses[0].partitionResponses[0].errorCode).toBe(2);
    expect(await kcatProduceAndRead('crc-topic', 'after')).toBe('good\nafter\n');

    expect(healthyClosed).toBe(false);
    healthy.destroy();
    expect(await kcatProduceAndRead('after-garbage', 'still-alive')).toBe('still-alive\n');
    expect(broker.proc.exitCode).toBeNull();
  });
});
