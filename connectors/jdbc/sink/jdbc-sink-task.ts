/**
 * io.confluent.connect.jdbc.sink.JdbcSinkTask: each put() written in one transaction; SQL errors
 * retried `max.retries` times (the batch is redelivered after `retry.backoff.ms` on a fresh
 * connection), then either the task fails or, with an errant record reporter, records are written
 * one at a time and the failing ones reported (connectors-spec.md 2.6). Records the sink cannot
 * take (no Struct value, no usable key) go to the reporter when there is one.
 */
import {
  ConnectError,
  RetriableError,
  type ErrantRecordReporter,
  type PartitionOffsets,
  type SinkTask,
  type SinkTaskContext,
} from '../../../src/connect/index.js';
import type { SinkRecord } from '../../../src/data/index.js';
import type { Logger } from '../../../src/util/logger.js';
import { SLUICE_VERSION } from '../../../src/runtime/version.js';
import { openDbSession, type JdbcPluginOptions } from '../common/connect.js';
import { DbError } from '../common/db.js';
import { jdbcLogger } from '../common/package-logger.js';
import { ConnectionFailure, JdbcWriter } from './jdbc-writer.js';
import { recordCheck, type RecordCheck } from './record-checks.js';
import { parseSinkConfig, type JdbcSinkSettings } from './sink-config.js';
import { TableAlterOrCreateError } from './table-structure.js';

export type JdbcSinkTaskOptions = JdbcPluginOptions;

export class JdbcSinkTask implements SinkTask {
  static readonly CLASS_NAME = 'io.confluent.connect.jdbc.sink.JdbcSinkTask';

  readonly #options: JdbcSinkTaskOptions;
  #context: SinkTaskContext | null = null;
  #settings: JdbcSinkSettings | null = null;
  #writer: JdbcWriter | null = null;
  #check: RecordCheck = () => undefined;
  #reporter: ErrantRecordReporter | null = null;
  #remainingRetries = 0;
  /** Records already sent to the reporter, so a redelivered batch does not report them twice. */
  #reported = new WeakSet<SinkRecord>();

  constructor(options: JdbcSinkTaskOptions = {}) {
    this.#options = options;
  }

  get #logger(): Logger {
    return this.#options.logger ?? jdbcLogger('sink');
  }

  version(): string {
    return SLUICE_VERSION;
  }

  initialize(context: SinkTaskContext): void {
    this.#context = context;
  }

  async start(config: Record<string, string>): Promise<void> {
    const settings = parseSinkConfig(config);
    this.#settings = settings;
    this.#check = recordCheck(settings);
    this.#remainingRetries = settings.maxRetries;
    this.#reporter = this.#context?.errantRecordReporter() ?? null;
    this.#writer = new JdbcWriter(settings, this.#options.openSession ?? openDbSession, this.#logger);
    // Connecting now puts a wrong URL or password into the task status at once.
    await this.#writer.session();
  }

  async put(records: SinkRecord[]): Promise<void> {
    if (records.length === 0) return;
    const settings = this.#started();
    const writer = this.#writer as JdbcWriter;
    const accepted = await this.#acceptable(records);
    if (accepted.length > 0) {
      try {
        await writer.write(accepted);
      } catch (err) {
        if (err instanceof TableAlterOrCreateError) {
          if (this.#reporter === null) throw err;
          await this.#writeOneByOne(accepted);
        } else if (err instanceof ConnectionFailure && err.transient && this.#remainingRetries > 0) {
          // Confluent fails the task here; a database that restarts for longer than
          // connection.attempts × connection.backoff.ms is worth the remaining retries too.
          this.#logger.warn({ error: err.message, remainingRetries: this.#remainingRetries }, 'Reconnecting failed; retrying the batch');
          this.#remainingRetries--;
          this.#context?.timeout(settings.retryBackoffMs);
          throw new RetriableError(err.message, { cause: err });
        } else if (err instanceof DbError) {
          const chain = exceptionChain(err, settings.trimSensitiveLog);
          this.#logger.warn({ error: chain, remainingRetries: this.#remainingRetries }, `Write of ${accepted.length} records failed`);
          if (this.#remainingRetries > 0) {
            await writer.close();
            this.#remainingRetries--;
            this.#context?.timeout(settings.retryBackoffMs);
            throw new RetriableError(chain, { cause: err });
          }
          if (this.#reporter === null) throw new ConnectError(chain, 500, { cause: err });
          await this.#writeOneByOne(accepted);
        } else {
          throw err;
        }
      }
    }
    this.#remainingRetries = settings.maxRetries;
  }

  /** Nothing is buffered between puts: each put committed its transaction. */
  flush(_offsets: PartitionOffsets): void {}

  async stop(): Promise<void> {
    const writer = this.#writer;
    this.#writer = null;
    await writer?.close();
  }

  /** The records the sink can write; the others are reported, or fail the task without a reporter. */
  async #acceptable(records: SinkRecord[]): Promise<SinkRecord[]> {
    let accepted: SinkRecord[] | null = null;
    for (let i = 0; i < records.length; i++) {
      const record = records[i] as SinkRecord;
      try {
        this.#check(record);
        accepted?.push(record);
      } catch (err) {
        if (this.#reporter === null) throw err;
        accepted ??= records.slice(0, i);
        if (!this.#reported.has(record)) {
          await this.#reporter.report(record, err as Error);
          this.#reported.add(record);
        }
      }
    }
    return accepted ?? records;
  }

  async #writeOneByOne(records: SinkRecord[]): Promise<void> {
    const writer = this.#writer as JdbcWriter;
    const reporter = this.#reporter as ErrantRecordReporter;
    await writer.close();
    this.#logger.warn(`Retrying write operation for ${records.length} records.`);
    const reports: Promise<void>[] = [];
    for (const record of records) {
      try {
        await writer.write([record]);
      } catch (err) {
        if (!(err instanceof TableAlterOrCreateError) && !(err instanceof DbError)) throw err;
        const reported = err instanceof DbError ? new ConnectError(exceptionChain(err, this.#started().trimSensitiveLog), 500, { cause: err }) : err;
        reports.push(reporter.report(record, reported));
        await writer.close();
      }
    }
    await Promise.all(reports);
  }

  #started(): JdbcSinkSettings {
    if (this.#settings === null || this.#writer === null) throw new ConnectError('JdbcSinkTask used before start() or after stop()');
    return this.#settings;
  }
}

/**
 * Confluent's "Exception chain:" message listing the SQL error and its causes; with
 * `trim.sensitive.log` only the SQLState of each, since driver messages may quote row values.
 */
export function exceptionChain(err: DbError, redact = false): string {
  const lines = ['Exception chain:'];
  let current: unknown = err;
  const seen = new Set<unknown>();
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    const sqlState = current instanceof DbError ? current.sqlState : null;
    const message = redact ? '<redacted>' : current.message;
    const state = sqlState !== null && !message.includes(sqlState) ? ` (SQLState ${sqlState})` : '';
    lines.push(`${current instanceof DbError ? 'java.sql.SQLException' : current.name}: ${message}${state}`);
    current = redact ? null : (current as { cause?: unknown }).cause;
  }
  return lines.join('\n');
}
