/** An embedded broker and Schema Registry for converter tests, and a recording HTTP proxy in front of it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBroker } from '../../src/broker/broker.js';
import { startSchemaRegistry } from '../../src/schema-registry/schema-registry.js';

export interface RegistryEnv {
  /** The registry's base URL. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startRegistryEnv(): Promise<RegistryEnv> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-avro-converter-'));
  const broker = await startBroker({ port: 0, dataDir });
  try {
    const registry = await startSchemaRegistry({ port: 0, bootstrapServers: broker.bootstrapServers });
    return {
      url: registry.url,
      async close() {
        await registry.close();
        await broker.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await broker.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

export interface RecordedRequest {
  readonly method: string;
  /** Path and query. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface RecordingProxy {
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Forwards every request to `target` and records it (method, path, headers, body). */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = request.url ?? '/';
      requests.push({ method: request.method ?? 'GET', path, headers: request.headers, body });
      fetch(target + path, {
        method: request.method,
        headers: { 'content-type': request.headers['content-type'] ?? 'application/json' },
        body: body === '' ? undefined : body,
      })
        .then(async (upstream) => {
          response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
          response.end(await upstream.text());
        })
        .catch((error: unknown) => {
          response.writeHead(502);
          response.end(String(error));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
