import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { LogRegistry, parseLogLevel } from './log-registry.js';

function capture(): { lines: Array<Record<string, unknown>>; registry: LogRegistry; tick: (ms: number) => void } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  let now = 1_700_000_000_000;
  const registry = new LogRegistry(pino({ level: 'info' }, sink), () => now);
  return { lines, registry, tick: (ms) => (now += ms) };
}

describe('parseLogLevel', () => {
  it('accepts Kafka level names in any case', () => {
    expect(parseLogLevel('debug')).toBe('DEBUG');
    expect(parseLogLevel('All')).toBe('ALL');
    expect(parseLogLevel('OFF')).toBe('OFF');
    expect(parseLogLevel('verbose')).toBeUndefined();
    expect(parseLogLevel('silent')).toBeUndefined();
  });
});

describe('LogRegistry', () => {
  it('always knows root, with the root logger level and no modification time', () => {
    const { registry } = capture();
    expect(registry.levels()).toEqual({ root: { level: 'INFO', last_modified: null } });
    expect(registry.level('root')).toEqual({ level: 'INFO', last_modified: null });
    expect(registry.level('sluice.nothing')).toBeUndefined();
  });

  it('gives loggers a name binding and the effective level of their namespace', () => {
    const { registry, lines } = capture();
    const worker = registry.logger('sluice.runtime.worker');
    expect(registry.logger('sluice.runtime.worker')).toBe(worker);
    worker.info('started');
    worker.debug('hidden');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ name: 'sluice.runtime.worker', msg: 'started' });
    expect(registry.level('sluice.runtime.worker')).toEqual({ level: 'INFO', last_modified: null });
    // A logger without its own level is not listed: only explicitly set ones and root are.
    expect(Object.keys(registry.levels())).toEqual(['root']);
  });

  it('sets a namespace and all its existing descendants, and only those', () => {
    const { registry, lines } = capture();
    const worker = registry.logger('sluice.runtime.worker');
    const herder = registry.logger('sluice.runtime.herder');
    const other = registry.logger('sluice.runtimex');
    const rest = registry.logger('sluice.rest');

    expect(registry.setLevel('sluice.runtime', 'debug')).toEqual([
      'sluice.runtime',
      'sluice.runtime.herder',
      'sluice.runtime.worker',
    ]);
    worker.debug('w');
    herder.debug('h');
    other.debug('x');
    rest.debug('r');
    expect(lines.map((l) => l.msg)).toEqual(['w', 'h']);
    expect(registry.levels()).toEqual({
      root: { level: 'INFO', last_modified: null },
      'sluice.runtime': { level: 'DEBUG', last_modified: 1_700_000_000_000 },
      'sluice.runtime.herder': { level: 'DEBUG', last_modified: 1_700_000_000_000 },
      'sluice.runtime.worker': { level: 'DEBUG', last_modified: 1_700_000_000_000 },
    });
  });

  it('gives loggers created later the level set on their namespace', () => {
    const { registry, lines } = capture();
    registry.setLevel('sluice.connectors', 'WARN');
    const jdbc = registry.logger('sluice.connectors.jdbc.sink');
    jdbc.info('quiet');
    jdbc.warn('loud');
    expect(lines.map((l) => l.msg)).toEqual(['loud']);
    expect(registry.level('sluice.connectors.jdbc.sink')).toEqual({ level: 'WARN', last_modified: null });
  });

  it('maps OFF and ALL to silent and trace, and reports them by their Kafka names', () => {
    const { registry, lines } = capture();
    const a = registry.logger('a');
    registry.setLevel('a', 'OFF');
    a.fatal('nothing');
    expect(lines).toHaveLength(0);
    registry.setLevel('a', 'all');
    a.trace('everything');
    expect(lines.map((l) => l.msg)).toEqual(['everything']);
    expect(registry.level('a')?.level).toBe('ALL');
  });

  it('root applies to every logger, in any case', () => {
    const { registry, tick } = capture();
    registry.logger('b.c');
    registry.setLevel('a', 'ERROR');
    tick(5);
    expect(registry.setLevel('ROOT', 'TRACE')).toEqual(['a', 'b.c', 'root']);
    expect(registry.level('root')).toEqual({ level: 'TRACE', last_modified: 1_700_000_000_005 });
    expect(registry.logger('b.c').level).toBe('trace');
    expect(registry.logger('root').level).toBe('trace');
  });

  it('rejects unknown levels', () => {
    const { registry } = capture();
    expect(() => registry.setLevel('a', 'LOUD')).toThrow("invalid log level 'LOUD'.");
    expect(registry.level('a')).toBeUndefined();
  });
});
