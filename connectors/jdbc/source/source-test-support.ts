/**
 * Pieces of the JDBC source's integration tests: an embedded broker with a standalone worker that
 * can be restarted on the same offsets file, a setup session per database, and per-dialect DDL.
 */
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { startBroker, type RunningBroker } from '../../../src/broker/broker.js';
import { startStandalone, type StandaloneWorker } from '../../../src/runtime/standalone.js';
import { silentLogger } from '../../../src/util/logger.js';
import { run, waitFor } from '../../../test/helpers/run.js';
import { makeTempDir, readTopic, removeTempDir, RestClient } from '../../../test/runtime/support.js';
import { openSession } from '../common/connect.js';
import type { DbSession } from '../common/db.js';

export interface TestDatabase {
  name: 'postgresql' | 'mariadb';
  url: string;
}

/** Column types per database for the tests' tables. */
export function ddl(db: TestDatabase): { serial: string; timestamp: string; text: string } {
  return db.name === 'postgresql'
    ? { serial: 'SERIAL PRIMARY KEY', timestamp: 'TIMESTAMP(6)', text: 'VARCHAR(100)' }
    : { serial: 'INT AUTO_INCREMENT PRIMARY KEY', timestamp: 'DATETIME(6)', text: 'VARCHAR(100)' };
}

export function setupSession(db: TestDatabase): Promise<DbSession> {
  return openSession({ url: db.url, user: null, password: null, dialectName: '', attempts: 3, backoffMs: 500 });
}

/** A broker and a worker whose offsets survive worker restarts (same file). */
export class Stack {
  readonly dir = makeTempDir('jdbc-source');
  broker!: RunningBroker;
  worker: StandaloneWorker | null = null;
  rest!: RestClient;

  async start(workerProps: Record<string, string> = {}): Promise<void> {
    this.broker = await startBroker({ port: 0, dataDir: join(this.dir, 'broker') });
    await this.startWorker(workerProps);
  }

  async startWorker(workerProps: Record<string, string> = {}): Promise<void> {
    this.worker = await startStandalone({
      workerProps: {
        'bootstrap.servers': this.broker.bootstrapServers,
        'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
        'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
        'offset.storage.file.filename': join(this.dir, 'offsets'),
        'offset.flush.interval.ms': '200',
        listeners: 'http://127.0.0.1:0',
        ...workerProps,
      },
      logger: silentLogger(),
    });
    this.rest = new RestClient(this.worker.restUrl);
  }

  async stopWorker(): Promise<void> {
    await this.worker?.close();
    this.worker = null;
  }

  async close(): Promise<void> {
    await this.stopWorker();
    await this.broker?.close();
    removeTempDir(this.dir);
  }

  async createConnector(name: string, config: Record<string, string>, initialState?: 'STOPPED'): Promise<void> {
    const reply = await this.rest.post('/connectors', initialState === undefined ? { name, config } : { name, config, initial_state: initialState });
    if (reply.status !== 201) throw new Error(`creating ${name}: ${reply.status} ${reply.text}`);
  }

  async deleteConnector(name: string): Promise<void> {
    await this.rest.delete(`/connectors/${name}`);
  }

  /** Records of a topic (kcat), [] while it does not exist. */
  async records(topic: string): Promise<string[]> {
    try {
      return await readTopic(this.broker.bootstrapServers, topic);
    } catch {
      return [];
    }
  }

  /** Waits until `check` accepts the topic's records; returns them. */
  async awaitRecords(topic: string, check: (records: string[]) => boolean, what: string, timeoutMs = 30_000): Promise<string[]> {
    let last: string[] = [];
    try {
      return await waitFor(async () => {
        last = await this.records(topic);
        return check(last) ? last : undefined;
      }, timeoutMs, what);
    } catch (err) {
      throw new Error(`${(err as Error).message}; have ${last.length}: ${JSON.stringify(last.slice(-3))}`);
    }
  }

  /**
   * Waits until a topic has `count` records, without waiting for its end (kcat's end-of-topic
   * wait does not return while the topic keeps growing).
   */
  async awaitFirst(topic: string, count: number, timeoutMs = 30_000): Promise<void> {
    await waitFor(async () => {
      const r = await run('kcat', ['-b', this.broker.bootstrapServers, '-C', '-t', topic, '-o', 'beginning', '-c', String(count), '-q', '-f', '%o\n'], { timeoutMs: 5_000 }).catch(() => null);
      return r !== null && r.code === 0 && r.stdout.toString().trim().split('\n').length >= count ? true : undefined;
    }, timeoutMs, `${count} records in ${topic}`);
  }

  /** Waits for a FAILED connector or task and returns its trace. */
  async awaitFailure(name: string, timeoutMs = 30_000): Promise<string> {
    const status = await this.rest.awaitStatus(
      name,
      (s) => s.connector?.state === 'FAILED' || (s.tasks ?? []).some((t: { state: string }) => t.state === 'FAILED'),
      `${name} FAILED`,
      timeoutMs,
    );
    if (status.connector.state === 'FAILED') return String(status.connector.trace);
    return String(status.tasks.find((t: { state: string }) => t.state === 'FAILED').trace);
  }
}

/** The `id=N` values of Struct texts, in order. */
export function ids(records: readonly string[]): number[] {
  return records.map((r) => Number(/\bid=(\d+)/.exec(r)?.[1] ?? NaN));
}

export interface TcpProxy {
  port: number;
  /** Cuts the open connections; new ones are still accepted. */
  cut(): void;
  /** Stops accepting (new connections are refused) and cuts the open ones. */
  close(): Promise<void>;
}

/**
 * A TCP proxy to a database port, to take the database away from a running connector; with
 * `bytesPerSecond`, what the database sends is passed on at that rate (a slow network).
 */
export async function startProxy(targetPort: number, bytesPerSecond = 0): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream);
    if (bytesPerSecond > 0) {
      let pending = Buffer.alloc(0);
      const perTick = Math.max(1, Math.floor(bytesPerSecond / 100));
      const timer = setInterval(() => {
        if (pending.length === 0) return;
        client.write(pending.subarray(0, perTick));
        pending = pending.subarray(perTick);
        if (pending.length < perTick * 10) upstream.resume();
      }, 10);
      upstream.on('data', (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        if (pending.length >= perTick * 10) upstream.pause();
      });
      upstream.on('close', () => clearInterval(timer));
    } else {
      upstream.pipe(client);
    }
    client.on('close', () => upstream.destroy());
    if (bytesPerSecond === 0) upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const cut = (): void => {
    for (const s of sockets) s.destroy();
  };
  return {
    port: (server.address() as AddressInfo).port,
    cut,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        cut();
      }),
  };
}

/** The URL with its host:port replaced (to go through a proxy or to a closed port). */
export function withPort(url: string, port: number): string {
  return url.replace(/\/\/[^/]+\//, `//127.0.0.1:${port}/`);
}
