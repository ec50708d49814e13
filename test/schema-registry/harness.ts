/** An embedded broker plus schema registries on it, and a small HTTP client for the REST API. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBroker, type RunningBroker } from '../../src/broker/broker.js';
import { startSchemaRegistry, type RunningSchemaRegistry, type SchemaRegistryOptions } from '../../src/schema-registry/schema-registry.js';

export interface Harness {
  broker: RunningBroker;
  registries: RunningSchemaRegistry[];
  startRegistry(options?: Partial<SchemaRegistryOptions>): Promise<RunningSchemaRegistry>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-schema-registry-'));
  const broker = await startBroker({ port: 0, dataDir });
  const registries: RunningSchemaRegistry[] = [];
  return {
    broker,
    registries,
    async startRegistry(options = {}) {
      const registry = await startSchemaRegistry({ port: 0, bootstrapServers: broker.bootstrapServers, ...options });
      registries.push(registry);
      return registry;
    },
    async close() {
      for (const registry of registries.splice(0)) await registry.close();
      await broker.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface HttpResult {
  status: number;
  contentType: string | null;
  text: string;
  /** Parsed JSON; loosely typed so tests can reach into Confluent's response shapes. */
  body: any;
}

export const V1 = 'application/vnd.schemaregistry.v1+json';

export async function http(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const response = await fetch(baseUrl + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': V1 }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, contentType: response.headers.get('content-type'), text, body: parsed };
}

/** A client bound to one registry URL. */
export function client(url: string) {
  return {
    get: (path: string, headers?: Record<string, string>) => http(url, 'GET', path, undefined, headers),
    post: (path: string, body: unknown, headers?: Record<string, string>) => http(url, 'POST', path, body, headers),
    put: (path: string, body: unknown) => http(url, 'PUT', path, body),
    delete: (path: string) => http(url, 'DELETE', path),
    register: (subject: string, schema: unknown, extra: Record<string, unknown> = {}) =>
      http(url, 'POST', `/subjects/${encodeURIComponent(subject)}/versions`, { schema: typeof schema === 'string' ? schema : JSON.stringify(schema), ...extra }),
  };
}

export function record(name: string, fields: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'record', name, fields, ...extra };
}

export async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
