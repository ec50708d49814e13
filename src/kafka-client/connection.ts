/**
 * One TCP (or TLS) connection to a broker: requests are pipelined with increasing correlation ids
 * and their responses matched in FIFO order, as Kafka answers a connection's requests in order.
 * A request that times out, or a socket error, fails every outstanding request and closes the
 * connection (as the Java client does): the caller reconnects.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { Logger } from 'pino';
import { decodeResponse, encodeStruct, isFlexible, type Message } from '../broker/protocol/codec.js';
import { Writer } from '../broker/protocol/buffers.js';
import type { MessageSpec } from '../broker/protocol/schema.js';
import { KafkaConnectionError } from './errors.js';

export interface ConnectionOptions {
  host: string;
  port: number;
  clientId: string;
  requestTimeoutMs: number;
  /** Connect with TLS using these options (servername defaults to the host). */
  ssl?: tls.ConnectionOptions;
  logger: Logger;
}

interface Pending {
  correlationId: number;
  spec: MessageSpec;
  version: number;
  resolve: (body: unknown) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export class BrokerConnection {
  private nextCorrelationId = 1;
  private readonly pending: Pending[] = [];
  private pendingHead = 0;
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private frameSize = -1;
  private failure: Error | null = null;

  private constructor(
    private readonly socket: net.Socket,
    private readonly options: ConnectionOptions,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err) => this.fail(new KafkaConnectionError(`connection to ${this.address} failed: ${err.message}`, { cause: err })));
    socket.on('close', () => this.fail(new KafkaConnectionError(`connection to ${this.address} closed`)));
  }

  static connect(options: ConnectionOptions): Promise<BrokerConnection> {
    return new Promise((resolve, reject) => {
      const { host, port, ssl } = options;
      const socket = ssl
        ? tls.connect({ servername: net.isIP(host) === 0 ? host : undefined, ...ssl, host, port })
        : net.connect({ host, port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new KafkaConnectionError(`connecting to ${host}:${port} timed out after ${options.requestTimeoutMs} ms`));
      }, options.requestTimeoutMs);
      const onError = (err: Error): void => {
        clearTimeout(timer);
        reject(new KafkaConnectionError(`cannot connect to ${host}:${port}: ${err.message}`, { cause: err }));
      };
      socket.once('error', onError);
      socket.once(ssl ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.off('error', onError);
        resolve(new BrokerConnection(socket, options));
      });
    });
  }

  get address(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  get isOpen(): boolean {
    return this.failure === null;
  }

  /** Sends a request and resolves with its decoded response body. */
  request<T>(spec: MessageSpec, version: number, body: object): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.failure !== null) {
        reject(this.failure);
        return;
      }
      const correlationId = this.write(spec, version, body, null);
      const timer = setTimeout(() => {
        this.fail(new KafkaConnectionError(`${spec.name} request to ${this.address} timed out after ${this.options.requestTimeoutMs} ms`));
      }, this.options.requestTimeoutMs);
      this.pending.push({ correlationId, spec, version, resolve: resolve as (body: unknown) => void, reject, timer });
    });
  }

  /** Sends a request the broker does not answer (Produce with acks=0); resolves once written. */
  send(spec: MessageSpec, version: number, body: object): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.failure !== null) {
        reject(this.failure);
        return;
      }
      this.write(spec, version, body, (err) => (err ? reject(new KafkaConnectionError(`write to ${this.address} failed: ${err.message}`, { cause: err })) : resolve()));
    });
  }

  /** Closes the socket after what was written has been sent; outstanding requests fail. */
  close(): Promise<void> {
    if (this.socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.fail(new KafkaConnectionError(`connection to ${this.address} closed by the client`), false);
      this.socket.end();
      setTimeout(() => this.socket.destroy(), 1000).unref();
    });
  }

  private write(spec: MessageSpec, version: number, body: object, done: ((err?: Error | null) => void) | null): number {
    const correlationId = this.nextCorrelationId;
    this.nextCorrelationId = correlationId === 0x7fffffff ? 1 : correlationId + 1;
    const flexible = isFlexible(spec, version);
    const w = new Writer(512);
    w.int32(0).int16(spec.apiKey).int16(version).int32(correlationId).string(this.options.clientId, false);
    if (flexible) w.uvarint(0);
    encodeStruct(spec.request, body as Message, w, version, flexible);
    const chunks = w.toChunks();
    chunks[0].writeInt32BE(w.size - 4, 0);
    if (chunks.length === 1) {
      this.socket.write(chunks[0], done ?? undefined);
    } else {
      this.socket.cork();
      for (let i = 0; i < chunks.length - 1; i++) this.socket.write(chunks[i]);
      this.socket.write(chunks[chunks.length - 1], done ?? undefined);
      this.socket.uncork();
    }
    return correlationId;
  }

  private onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (this.failure === null) {
      if (this.frameSize < 0) {
        if (this.buffered < 4) return;
        this.frameSize = this.take(4).readInt32BE(0);
        if (this.frameSize < 4) {
          this.fail(new KafkaConnectionError(`invalid response frame size ${this.frameSize} from ${this.address}`));
          return;
        }
      }
      if (this.buffered < this.frameSize) return;
      const frame = this.take(this.frameSize);
      this.frameSize = -1;
      this.onFrame(frame);
    }
  }

  /** Removes and returns the next n buffered bytes (copying only when they straddle chunks). */
  private take(n: number): Buffer {
    this.buffered -= n;
    const first = this.chunks[0];
    if (first.length === n) {
      this.chunks.shift();
      return first;
    }
    if (first.length > n) {
      this.chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let at = 0;
    while (at < n) {
      const c = this.chunks[0];
      const k = Math.min(c.length, n - at);
      c.copy(out, at, 0, k);
      at += k;
      if (k === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(k);
    }
    return out;
  }

  private onFrame(frame: Buffer): void {
    if (this.pendingHead >= this.pending.length) {
      this.fail(new KafkaConnectionError(`unexpected response from ${this.address} with no request outstanding`));
      return;
    }
    const p = this.pending[this.pendingHead];
    const correlationId = frame.length >= 4 ? frame.readInt32BE(0) : -1;
    if (correlationId !== p.correlationId) {
      this.fail(new KafkaConnectionError(`response from ${this.address} has correlation id ${correlationId}, expected ${p.correlationId}`));
      return;
    }
    this.pending[this.pendingHead++] = undefined as unknown as Pending;
    if (this.pendingHead > 1024 && this.pendingHead * 2 > this.pending.length) {
      this.pending.splice(0, this.pendingHead);
      this.pendingHead = 0;
    }
    clearTimeout(p.timer);
    let body: unknown;
    try {
      body = decodeResponse(p.spec, frame, p.version).body;
    } catch (err) {
      p.reject(new KafkaConnectionError(`cannot decode ${p.spec.name} v${p.version} response from ${this.address}: ${(err as Error).message}`, { cause: err }));
      return;
    }
    p.resolve(body);
  }

  private fail(err: Error, destroy = true): void {
    if (this.failure === null) {
      this.failure = err;
      this.options.logger.debug({ broker: this.address, err: err.message }, 'kafka connection closing');
    }
    const outstanding = this.pending.splice(this.pendingHead);
    this.pending.length = 0;
    this.pendingHead = 0;
    for (const p of outstanding) {
      clearTimeout(p.timer);
      p.reject(this.failure);
    }
    if (destroy) this.socket.destroy();
  }
}
