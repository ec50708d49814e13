import { describe, expect, it } from 'vitest';
import { DataException } from '../../data/index.js';
import { ConnectMetrics } from '../../metrics/connect-metrics.js';
import { RetriableError } from '../errors.js';
import { errorHandlingConfig } from './error-handling-config.js';
import type { ProcessingFailure, RawRecord } from './processing-context.js';
import { DeadLetterQueueReporter, type ErrorReporter } from './reporters.js';
import { RetryWithToleranceOperator, SKIPPED } from './retry-with-tolerance.js';

const id = { connector: 'c', task: 0 };
const record: RawRecord = { topic: 't', partition: 2, offset: 41n, key: Buffer.from('k'), value: Buffer.from('{bad'), headers: [['h', Buffer.from('v')]], timestamp: 1700000000000 };
const failure = (error: unknown): ProcessingFailure => ({ stage: 'VALUE_CONVERTER', executingClass: 'org.apache.kafka.connect.json.JsonConverter', error, record });

function collecting(): ErrorReporter & { failures: ProcessingFailure[] } {
  const failures: ProcessingFailure[] = [];
  return { failures, report: async (f) => void failures.push(f) };
}

describe('RetryWithToleranceOperator', () => {
  it('fails the task with tolerance none, after reporting', async () => {
    const reporter = collecting();
    const op = new RetryWithToleranceOperator(id, errorHandlingConfig({}), [reporter], new ConnectMetrics({ processMetrics: false }));
    await expect(op.handle(failure(new DataException('bad json')), () => 'never')).rejects.toThrow('Tolerance exceeded in error handler');
    expect(reporter.failures).toHaveLength(1);
  });

  it('skips with tolerance all', async () => {
    const op = new RetryWithToleranceOperator(id, errorHandlingConfig({ 'errors.tolerance': 'all' }), [], new ConnectMetrics({ processMetrics: false }));
    expect(await op.handle(failure(new DataException('bad json')), () => 'never')).toBe(SKIPPED);
  });

  it('retries retriable failures with doubling backoff until the timeout', async () => {
    const waits: number[] = [];
    let calls = 0;
    const op = new RetryWithToleranceOperator(
      id,
      errorHandlingConfig({ 'errors.retry.timeout': '60000', 'errors.retry.delay.max.ms': '60000' }),
      [],
      new ConnectMetrics({ processMetrics: false }),
      async (ms) => void waits.push(ms),
    );
    const result = await op.handle(failure(new RetriableError('flaky')), () => {
      calls++;
      if (calls < 3) throw new RetriableError('flaky');
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(waits).toEqual([300, 600, 1200]);
  });

  it('does not retry non-retriable failures', async () => {
    let calls = 0;
    const op = new RetryWithToleranceOperator(id, errorHandlingConfig({ 'errors.retry.timeout': '-1', 'errors.tolerance': 'all' }), [], new ConnectMetrics({ processMetrics: false }));
    expect(await op.handle(failure(new DataException('x')), () => ++calls)).toBe(SKIPPED);
    expect(calls).toBe(0);
  });
});

describe('DeadLetterQueueReporter', () => {
  it('writes the original record with Kafka Connect context headers', async () => {
    const sent: { topic: string; record: RawRecord }[] = [];
    const reporter = new DeadLetterQueueReporter('dlq', 'c', 0, true, async (topic, r) => void sent.push({ topic, record: r }));
    await reporter.report(failure(new DataException('Converting byte[] to Kafka Connect data failed due to serialization error of topic t: bad json')));
    expect(sent[0].topic).toBe('dlq');
    const headers = new Map(sent[0].record.headers.map(([k, v]) => [k, v?.toString()]));
    expect(sent[0].record.value?.toString()).toBe('{bad');
    expect(headers.get('h')).toBe('v');
    expect(headers.get('__connect.errors.topic')).toBe('t');
    expect(headers.get('__connect.errors.partition')).toBe('2');
    expect(headers.get('__connect.errors.offset')).toBe('41');
    expect(headers.get('__connect.errors.connector.name')).toBe('c');
    expect(headers.get('__connect.errors.task.id')).toBe('0');
    expect(headers.get('__connect.errors.stage')).toBe('VALUE_CONVERTER');
    expect(headers.get('__connect.errors.class.name')).toBe('org.apache.kafka.connect.json.JsonConverter');
    expect(headers.get('__connect.errors.exception.class.name')).toBe('org.apache.kafka.connect.errors.DataException');
    expect(headers.get('__connect.errors.exception.message')).toContain('bad json');
    expect(headers.get('__connect.errors.exception.stacktrace')).toMatch(/^org\.apache\.kafka\.connect\.errors\.DataException: .*bad json\n\tat /);
  });
});
