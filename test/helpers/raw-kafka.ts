/** Sends one hand-built Kafka request over a fresh socket and decodes the response (protocol-level tests). */
import { connect } from 'node:net';
import { once } from 'node:events';
import { decodeResponse, encodeRequestFrame } from '../../src/broker/protocol/codec.js';
import type { MessageSpec } from '../../src/broker/protocol/schema.js';

export async function request<Res>(port: number, spec: MessageSpec, version: number, body: object): Promise<Res> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  try {
    socket.write(encodeRequestFrame(spec, version, { correlationId: 1, clientId: 'raw-test' }, body));
    let buf = Buffer.alloc(0);
    for await (const chunk of socket) {
      buf = Buffer.concat([buf, chunk as Buffer]);
      if (buf.length >= 4 && buf.length >= 4 + buf.readInt32BE(0)) break;
    }
    return decodeResponse<Res>(spec, buf.subarray(4, 4 + buf.readInt32BE(0)), version).body;
  } finally {
    socket.destroy();
  }
}
