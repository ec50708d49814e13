/** Where tolerated (and fatal) record failures go: the log and the dead letter queue (KIP-298). */
import type { Logger } from 'pino';
import { traceOf } from '../errors.js';
import { javaErrorClass, type ProcessingFailure, type RawRecord } from './processing-context.js';

export interface ErrorReporter {
  report(failure: ProcessingFailure): Promise<void>;
}

export class LogReporter implements ErrorReporter {
  constructor(
    private readonly taskId: string,
    private readonly includeMessages: boolean,
    private readonly log: Logger,
  ) {}

  async report(f: ProcessingFailure): Promise<void> {
    const where = `Error encountered in task ${this.taskId}. Executing stage '${f.stage}' with class '${f.executingClass}'`;
    const r = f.record;
    const detail = this.includeMessages
      ? `, where consumed record is {topic='${r.topic}', partition=${r.partition ?? 'null'}, offset=${r.offset ?? 'null'}, timestamp=${r.timestamp ?? 'null'}}${f.describeRecord ? `: ${f.describeRecord()}` : ''}`
      : r.offset !== null
        ? `, where consumed record is {topic='${r.topic}', partition=${r.partition}, offset=${r.offset}, timestamp=${r.timestamp ?? 'null'}}`
        : '';
    this.log.error({ err: f.error }, `${where}${detail}.`);
  }
}

/** Sends records somewhere (the DLQ producer); resolves once Kafka acknowledged them. */
export type RawRecordSender = (topic: string, record: RawRecord) => Promise<void>;

export const ERROR_HEADER_PREFIX = '__connect.errors.';

export class DeadLetterQueueReporter implements ErrorReporter {
  constructor(
    private readonly dlqTopic: string,
    private readonly connector: string,
    private readonly task: number,
    private readonly contextHeaders: boolean,
    private readonly send: RawRecordSender,
  ) {}

  async report(f: ProcessingFailure): Promise<void> {
    const headers: [string, Buffer | null][] = [...f.record.headers];
    if (this.contextHeaders) {
      const err = f.error instanceof Error ? f.error : new Error(String(f.error));
      const add = (name: string, value: string | null): void => {
        headers.push([`${ERROR_HEADER_PREFIX}${name}`, value === null ? null : Buffer.from(value)]);
      };
      add('topic', f.record.topic);
      add('partition', f.record.partition === null ? null : String(f.record.partition));
      add('offset', f.record.offset === null ? null : String(f.record.offset));
      add('connector.name', this.connector);
      add('task.id', String(this.task));
      add('stage', f.stage);
      add('class.name', f.executingClass);
      add('exception.class.name', javaErrorClass(err));
      add('exception.message', err.message);
      add('exception.stacktrace', traceOf(err));
    }
    await this.send(this.dlqTopic, { ...f.record, partition: null, headers });
  }
}
