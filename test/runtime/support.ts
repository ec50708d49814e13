/**
 * Shared pieces of the runtime end-to-end tests: a REST client that keeps status, headers and raw
 * text, kcat topic reads, temp dirs, and the worker run as a `sluice standalone` child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBroker, type RunningBroker } from '../../src/broker/broker.js';
import { startStandalone, type StandaloneWorker } from '../../src/runtime/standalone.js';
import { silentLogger } from '../../src/util/logger.js';
import { REPO_ROOT, SLUICE_BIN } from '../helpers/broker-process.js';
import { run, waitFor } from '../helpers/run.js';

export { REPO_ROOT, SLUICE_BIN };

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  /** The body as sent. */
  text: string;
  /** The body parsed as JSON, or undefined when empty / not JSON. */
  body: T;
}

/** A tiny client for the worker's REST API; bodies are sent as JSON (strings as given). */
export class RestClient {
  constructor(readonly baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  async call<T = any>(method: string, path: string, body?: unknown): Promise<Reply<T>> {
    const init: RequestInit = { method, headers: {} };
    if (body !== undefined) {
      init.headers = { 'content-type': 'application/json' };
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await fetch(this.baseUrl + path, init);
    const text = await res.text();
    let parsed: any;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, text, body: parsed as T };
  }

  get<T = any>(path: string): Promise<Reply<T>> {
    return this.call<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown): Promise<Reply<T>> {
    return this.call<T>('POST', path, body);
  }
  put<T = any>(path: string, body?: unknown): Promise<Reply<T>> {
    return this.call<T>('PUT', path, body);
  }
  patch<T = any>(path: string, body?: unknown): Promise<Reply<T>> {
    return this.call<T>('PATCH', path, body);
  }
  delete<T = any>(path: string): Promise<Reply<T>> {
    return this.call<T>('DELETE', path);
  }

  /** Waits until GET /connectors/{name}/status matches `ok`, returning that status. */
  async awaitStatus(name: string, ok: (s: any) => boolean, what = `status of ${name}`, timeoutMs = 20_000): Promise<any> {
    let last: unknown;
    try {
      return await waitFor(async () => {
        const r = await this.get(`/connectors/${name}/status`);
        last = r.body;
        return r.status === 200 && ok(r.body) ? r.body : undefined;
      }, timeoutMs, what);
    } catch (err) {
      throw new Error(`${(err as Error).message}; last status: ${JSON.stringify(last)}`);
    }
  }

  /** Connector and every task RUNNING, with `tasks` tasks. */
  awaitRunning(name: string, tasks = 1): Promise<any> {
    return this.awaitStatus(
      name,
      (s) => s.connector?.state === 'RUNNING' && s.tasks.length === tasks && s.tasks.every((t: any) => t.state === 'RUNNING'),
      `${name} RUNNING with ${tasks} task(s)`,
    );
  }
}

/** Every value of a topic from the beginning, one string per record (kcat -f '%s\n'). */
export async function readTopic(bootstrap: string, topic: string): Promise<string[]> {
  const r = await run('kcat', ['-b', bootstrap, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%s\n'], { timeoutMs: 20_000 });
  if (r.code !== 0) throw new Error(`kcat failed (${r.code}): ${r.stderr}`);
  const text = r.stdout.toString('utf8');
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

/** Raw kcat output with a custom format (for keys, exact bytes...). */
export async function kcat(bootstrap: string, topic: string, format: string): Promise<Buffer> {
  const r = await run('kcat', ['-b', bootstrap, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', format], { timeoutMs: 20_000 });
  if (r.code !== 0) throw new Error(`kcat failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

/** Waits until a topic holds at least `count` records and returns them. */
export async function awaitTopic(bootstrap: string, topic: string, count: number, timeoutMs = 20_000): Promise<string[]> {
  let last: string[] = [];
  try {
    return await waitFor(async () => {
      try {
        last = await readTopic(bootstrap, topic);
      } catch {
        return undefined; // topic not created yet
      }
      return last.length >= count ? last : undefined;
    }, timeoutMs, `${count} records in ${topic}`);
  } catch (err) {
    throw new Error(`${(err as Error).message}; have ${last.length}: ${JSON.stringify(last.slice(-5))}`);
  }
}

/** The lines of a text file (no trailing empty line); [] if it does not exist. */
export function fileLines(path: string): string[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

/** Waits until a file holds at least `count` lines and returns them. */
export async function awaitLines(path: string, count: number, timeoutMs = 20_000): Promise<string[]> {
  let last: string[] = [];
  try {
    return await waitFor(() => {
      last = fileLines(path);
      return last.length >= count ? last : undefined;
    }, timeoutMs, `${count} lines in ${path}`);
  } catch (err) {
    throw new Error(`${(err as Error).message}; have ${last.length}: ${JSON.stringify(last.slice(-5))}`);
  }
}

export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `sluice-rt-${prefix}-`));
}

export function removeTempDir(dir: string | undefined): void {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
}

/** Java .properties text from a map (values here never need escaping). */
export function propertiesText(props: Record<string, string>): string {
  return Object.entries(props)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n') + '\n';
}

export interface WorkerProcess {
  proc: ChildProcess;
  /** The advertised REST URL the worker logged at start-up. */
  restUrl: string;
  rest: RestClient;
  logs(): string;
  /** SIGKILL: a crash, no shutdown hooks. */
  kill(): Promise<void>;
  /** SIGTERM, then wait for the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Runs `node bin/sluice.js standalone <args>` in `cwd` and waits for its "REST API at <url>" log line
 * (pino JSON on stderr).
 */
export async function startWorkerProcess(args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): Promise<WorkerProcess> {
  const proc = spawn(process.execPath, [SLUICE_BIN, 'standalone', ...args], {
    cwd: opts.cwd ?? REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SLUICE_LOG_LEVEL: 'info' },
  });
  let output = '';
  proc.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = once(proc, 'exit');
  const restUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start in time:\n${output}`)), opts.timeoutMs ?? 30_000);
    proc.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /"rest":"([^"]+)"[^\n]*REST API at/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    });
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`worker exited (${code ?? signal}) before it started:\n${output}`));
    });
  });
  const alive = (): boolean => proc.exitCode === null && proc.signalCode === null;
  return {
    proc,
    restUrl,
    rest: new RestClient(restUrl),
    logs: () => output,
    async kill() {
      if (alive()) proc.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (alive()) proc.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}

/** An embedded broker and an in-process standalone worker on free ports, for one test file. */
export interface InProcessStack {
  broker: RunningBroker;
  worker: StandaloneWorker;
  dir: string;
  /** POST /connectors with a JSON body. */
  createConnector(name: string, config: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export async function startInProcessStack(prefix: string, workerProps: Record<string, string> = {}, before?: (dir: string) => void): Promise<InProcessStack> {
  const dir = makeTempDir(prefix);
  before?.(dir);
  const broker = await startBroker({ port: 0, dataDir: join(dir, 'broker') });
  const worker = await startStandalone({
    workerProps: {
      'bootstrap.servers': broker.bootstrapServers,
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'offset.storage.file.filename': join(dir, 'offsets'),
      listeners: 'http://127.0.0.1:0',
      ...workerProps,
    },
    logger: silentLogger(),
  });
  return {
    broker,
    worker,
    dir,
    createConnector: (name, config) =>
      fetch(new URL('/connectors', worker.restUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, config }) }),
    async close() {
      await worker.close();
      await broker.close();
      removeTempDir(dir);
    },
  };
}
