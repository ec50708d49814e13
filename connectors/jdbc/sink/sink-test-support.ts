/**
 * Pieces of the JDBC sink's integration tests: records as JsonConverter envelopes produced with
 * kcat into the embedded broker, and a verification session to the test databases.
 */
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { run } from '../../../test/helpers/run.js';
import { openSession } from '../common/connect.js';
import type { DbSession, DbValue } from '../common/db.js';

/** JsonConverter's schema type names. */
export type FieldType = 'int8' | 'int16' | 'int32' | 'int64' | 'float' | 'double' | 'boolean' | 'string' | 'bytes';

export interface FieldSpec {
  field: string;
  type: FieldType;
  optional?: boolean;
  name?: string;
  parameters?: Record<string, string>;
  default?: unknown;
}

/** A JsonConverter (schemas.enable=true) value envelope for a struct. */
export function envelope(fields: FieldSpec[], payload: Record<string, unknown>, name = 'record'): string {
  return JSON.stringify({ schema: { type: 'struct', name, optional: false, fields: fields.map((f) => ({ optional: false, ...f })) }, payload });
}

/** Produces `key|value` lines (value '' = tombstone) to partition 0 of a topic. */
export async function produce(bootstrap: string, topic: string, records: Array<[key: string | null, value: string | null]>): Promise<void> {
  const input = records.map(([k, v]) => `${k ?? ''}\u0001${v ?? ''}`).join('\n') + '\n';
  const r = await run('kcat', ['-b', bootstrap, '-P', '-t', topic, '-p', '0', '-K', '\u0001', '-Z'], { input, timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`kcat failed: ${r.stderr}`);
}

/** A session for checking the database, from a test URL. */
export async function verifier(url: string): Promise<DbSession> {
  return openSession({ url, user: null, password: null, dialectName: '', attempts: 3, backoffMs: 1000 });
}

/** The rows of a query as plain JSON-able values (bigints and Buffers as strings), sorted. */
export async function rows(session: DbSession, sql: string): Promise<unknown[][]> {
  const result = await session.query(sql);
  return result.rows.map((r) => r.map(plain)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

function plain(v: DbValue): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Buffer.isBuffer(v)) return v.toString('hex');
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

export interface TcpProxy {
  port: number;
  /** Cuts the open connections and drops new ones at once, as a restarting server would. */
  down(): void;
  up(): void;
  /** Connections dropped while down. */
  readonly dropped: number;
  /** Stops accepting (new connections are refused) and cuts the open ones. */
  close(): Promise<void>;
}

/** A TCP proxy to 127.0.0.1:targetPort, to take a database away from the sink without stopping it. */
export async function startProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let isDown = false;
  let dropped = 0;
  const server = createServer((client) => {
    if (isDown) {
      dropped++;
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    down() {
      isDown = true;
      for (const s of sockets) s.destroy();
    },
    up() {
      isDown = false;
    },
    get dropped() {
      return dropped;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
