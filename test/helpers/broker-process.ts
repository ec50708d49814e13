/** Runs the embedded broker as its own process (`sluice broker`), as users and CI do. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
export const SLUICE_BIN = join(REPO_ROOT, 'bin', 'sluice.js');

export interface BrokerProcess {
  port: number;
  bootstrap: string;
  dataDir: string;
  proc: ChildProcess;
  /** Everything the broker logged so far. */
  logs(): string;
  /** SIGKILL, as a crash. */
  kill(): Promise<void>;
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `sluice-${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export async function startBrokerProcess(opts: { dataDir?: string; port?: number; args?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<BrokerProcess> {
  const dataDir = opts.dataDir ?? tempDir('broker');
  const proc = spawn(
    process.execPath,
    [SLUICE_BIN, 'broker', '--port', String(opts.port ?? 0), '--data-dir', dataDir, ...(opts.args ?? [])],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SLUICE_LOG_LEVEL: 'info', ...opts.env } },
  );
  let output = '';
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`broker did not start in time:\n${output}`)), 20_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = /"port":(\d+)[^\n]*broker listening/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    };
    proc.stderr?.on('data', onData);
    proc.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`broker exited with ${code}:\n${output}`));
    });
  });
  const exited = once(proc, 'exit');
  return {
    port,
    bootstrap: `127.0.0.1:${port}`,
    dataDir,
    proc,
    logs: () => output,
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
}
