import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { ProtocolError, Reader, Writer } from '../protocol/buffers.js';
import { decodeRequest, decodeRequestHeader, encodeResponseFrame, type RequestHeader } from '../protocol/codec.js';
import { ApiVersions } from '../protocol/messages/api-versions.js';
import { inRange } from '../protocol/schema.js';
import { FrameReader, FrameTooLargeError } from './frame-reader.js';
import type { RequestContext, Router } from './router.js';

const UNSUPPORTED_VERSION = 35;
/** Stop reading from a client that pipelines more than this many unanswered requests. */
const MAX_QUEUED_REQUESTS = 64;

/**
 * One client connection. Requests are answered strictly in arrival order (kafka-python checks
 * correlation ids FIFO); a held Fetch or JoinGroup therefore blocks only its own connection.
 * Anything malformed closes this connection alone, with one log line.
 */
export class Connection {
  private readonly frames: FrameReader;
  private readonly queue: Buffer[] = [];
  private processing = false;
  private closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly id: number,
    private readonly router: Router,
    private readonly log: Logger,
    maxRequestBytes: number,
  ) {
    this.frames = new FrameReader(maxRequestBytes);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err) => this.log.debug({ err: err.message, conn: id }, 'connection error'));
    socket.on('close', () => {
      this.closed = true;
    });
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    let frames: Buffer[];
    try {
      frames = this.frames.push(chunk);
    } catch (err) {
      const why = err instanceof FrameTooLargeError ? err.message : String(err);
      this.reject(why);
      return;
    }
    if (frames.length === 0) return;
    this.queue.push(...frames);
    if (this.queue.length > MAX_QUEUED_REQUESTS) this.socket.pause();
    if (!this.processing) void this.drain();
  }

  private reject(why: string, header?: RequestHeader): void {
    if (this.closed) return;
    this.log.warn(
      { conn: this.id, client: this.socket.remoteAddress, apiKey: header?.apiKey, apiVersion: header?.apiVersion },
      `closing connection: ${why}`,
    );
    this.close();
  }

  private async drain(): Promise<void> {
    this.processing = true;
    while (this.queue.length > 0 && !this.closed) {
      const frame = this.queue.shift() as Buffer;
      if (this.queue.length <= MAX_QUEUED_REQUESTS / 2 && this.socket.isPaused()) this.socket.resume();
      try {
        const response = await this.handle(frame);
        if (response !== null && !this.closed) {
          this.socket.cork();
          for (const c of response) this.socket.write(c);
          this.socket.uncork();
        }
      } catch (err) {
        this.reject(err instanceof ProtocolError ? `malformed request: ${err.message}` : `request failed: ${(err as Error).stack ?? err}`);
      }
    }
    this.processing = false;
  }

  private async handle(frame: Buffer): Promise<Buffer[] | null> {
    const r = new Reader(frame);
    const header = decodeRequestHeader(r);
    if (header.apiKey === ApiVersions.apiKey) return this.apiVersions(header, r);
    const route = this.router.get(header.apiKey);
    if (route === undefined) {
      this.reject(`unknown api key ${header.apiKey}`, header);
      return null;
    }
    if (!inRange(route.spec.validVersions, header.apiVersion)) {
      // Without a known layout for this version there is no valid error response to send.
      this.reject(`unsupported ${route.spec.name} version ${header.apiVersion}`, header);
      return null;
    }
    const body = decodeRequest<unknown>(route.spec, r, header.apiVersion);
    const ctx: RequestContext = { header, clientHost: this.socket.remoteAddress ?? '', connectionId: this.id };
    const result = await route.handle(body, ctx);
    if (result === null) return null;
    return encodeResponseFrame(route.spec, header.apiVersion, header.correlationId, result);
  }

  /**
   * ApiVersions above our maximum gets a v0-layout reply carrying UNSUPPORTED_VERSION and our
   * ApiVersions range, so Java clients retry with v3 and librdkafka falls back to v0.
   */
  private apiVersions(header: RequestHeader, r: Reader): Buffer[] {
    const max = ApiVersions.validVersions.max ?? 0;
    if (header.apiVersion > max) {
      const w = new Writer(32);
      w.int32(14).int32(header.correlationId).int16(UNSUPPORTED_VERSION).int32(1).int16(ApiVersions.apiKey).int16(0).int16(max);
      return [w.toBuffer()];
    }
    decodeRequest<unknown>(ApiVersions, r, header.apiVersion);
    const apiKeys = [...this.router.supportedVersions(), { apiKey: ApiVersions.apiKey, minVersion: 0, maxVersion: max }];
    apiKeys.sort((a, b) => a.apiKey - b.apiKey);
    const body = { errorCode: 0, apiKeys, throttleTimeMs: 0 };
    return encodeResponseFrame(ApiVersions, header.apiVersion, header.correlationId, body);
  }
}
