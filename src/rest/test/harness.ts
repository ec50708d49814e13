import { Writable } from 'node:stream';
import { pino } from 'pino';
import { ConnectMetrics } from '../../metrics/connect-metrics.js';
import { LogRegistry } from '../../util/log-registry.js';
import { createRestServer, type RestServerAddress, type RestServerOptions } from '../server.js';
import { InMemoryHerder } from './in-memory-herder.js';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body; undefined when empty or not JSON. */
  json: unknown;
}

export interface RunningRest {
  herder: InMemoryHerder;
  logRegistry: LogRegistry;
  metrics: ConnectMetrics;
  address: RestServerAddress;
  base: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  close(): Promise<void>;
}

/** Starts the REST server on a free port over an InMemoryHerder; `raw` bodies are sent as given. */
export async function startRest(options: Partial<RestServerOptions> = {}): Promise<RunningRest> {
  const herder = options.herder instanceof InMemoryHerder ? options.herder : new InMemoryHerder();
  const quiet = pino({ level: 'info' }, new Writable({ write: (_chunk, _enc, done) => done() }));
  const logRegistry = new LogRegistry(quiet);
  const metrics = new ConnectMetrics({ processMetrics: false });
  const server = createRestServer({
    herder,
    logRegistry,
    metrics,
    logger: pino({ level: 'silent' }),
    listeners: ['http://127.0.0.1:0'],
    ...options,
  });
  const address = await server.start();
  const base = `http://127.0.0.1:${address.port}`;
  return {
    herder,
    logRegistry: options.logRegistry ?? logRegistry,
    metrics: options.metrics ?? metrics,
    address,
    base,
    call: (method, path, body, headers) => call(`${base}${path}`, method, body, headers),
    close: () => server.close(),
  };
}

export class RawBody {
  constructor(readonly text: string) {}
}

export async function call(url: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = body instanceof RawBody ? body.text : JSON.stringify(body);
    init.headers = { 'content-type': 'application/json', ...headers };
  }
  const response = await fetch(url, init);
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('json') && text !== '';
  return { status: response.status, headers: response.headers, text, json: isJson ? (JSON.parse(text) as unknown) : undefined };
}

export const SOURCE_CONFIG = {
  'connector.class': 'FileStreamSource',
  'tasks.max': '1',
  file: 'in.txt',
  topic: 't',
};
