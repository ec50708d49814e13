/**
 * A scripted Kafka server for tests of exchanges the embedded broker cannot stage (SASL, errors):
 * decodes requests with the broker's codec and answers with whatever the test's handler returns.
 */
import net from 'node:net';
import tls from 'node:tls';
import { Reader } from '../broker/protocol/buffers.js';
import { decodeRequest, decodeRequestHeader, encodeResponseFrame, type Message } from '../broker/protocol/codec.js';
import type { MessageSpec } from '../broker/protocol/schema.js';

export interface FakeRequest {
  apiKey: number;
  apiVersion: number;
  body: Message;
  /** Per-connection state the handler may keep. */
  state: Map<string, unknown>;
}

/** Answers a request: a response body, null to send nothing, or 'close' to drop the connection. */
export type FakeHandler = (req: FakeRequest) => object | null | 'close';

export interface FakeBroker {
  port: number;
  /** Every request seen, in arrival order. */
  requests: { apiKey: number; apiVersion: number; body: Message }[];
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (with TLS when `secure` gives a key and certificate). */
export async function startFakeBroker(specs: readonly MessageSpec[], handler: FakeHandler, secure?: tls.TlsOptions): Promise<FakeBroker> {
  const byKey = new Map(specs.map((s) => [s.apiKey, s]));
  const requests: FakeBroker['requests'] = [];
  const sockets = new Set<net.Socket>();
  const onConnection = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const state = new Map<string, unknown>();
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
        const frame = pending.subarray(4, 4 + pending.readInt32BE(0));
        pending = pending.subarray(4 + frame.length);
        const r = new Reader(frame);
        const header = decodeRequestHeader(r);
        const spec = byKey.get(header.apiKey);
        if (spec === undefined) {
          socket.destroy();
          return;
        }
        const body = decodeRequest<Message>(spec, r, header.apiVersion);
        requests.push({ apiKey: header.apiKey, apiVersion: header.apiVersion, body });
        const response = handler({ apiKey: header.apiKey, apiVersion: header.apiVersion, body, state });
        if (response === 'close') {
          socket.destroy();
          return;
        }
        if (response !== null) {
          for (const c of encodeResponseFrame(spec, header.apiVersion, header.correlationId, response)) socket.write(c);
        }
      }
    });
  };
  const server = secure ? tls.createServer(secure, onConnection) : net.createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** An ApiVersions v0 answer offering the given [apiKey, min, max] ranges. */
export function apiVersionsAnswer(ranges: [number, number, number][]): object {
  return { errorCode: 0, apiKeys: ranges.map(([apiKey, minVersion, maxVersion]) => ({ apiKey, minVersion, maxVersion })), throttleTimeMs: 0 };
}
