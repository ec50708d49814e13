import { describe, expect, it } from 'vitest';
import { ConfigException, type ConfigValue } from '../../src/config/index.js';
import { Plugins } from '../../src/runtime/plugins.js';
import { SLUICE_VERSION } from '../../src/runtime/version.js';
import { silentLogger } from '../../src/util/logger.js';
import { BUILTIN_CONNECTORS } from '../index.js';
import { FileStreamSinkConnector, FileStreamSinkTask, FileStreamSourceConnector, FileStreamSourceTask } from './index.js';

const source = (): FileStreamSourceConnector => new FileStreamSourceConnector(silentLogger());
const sink = (): FileStreamSinkConnector => new FileStreamSinkConnector(silentLogger());
const errorsOf = (values: ConfigValue[]): Record<string, string[]> => Object.fromEntries(values.map((v) => [v.name, v.errorMessages]));

describe('FileStreamSourceConnector config', () => {
  it("defines Kafka's keys with their types, defaults, importance and documentation", () => {
    const keys = [...source().config().configKeys().values()].map((k) => ({
      name: k.name,
      type: k.type,
      default: k.defaultValue,
      importance: k.importance,
      documentation: k.documentation,
      validator: k.validator?.toString() ?? null,
    }));
    expect(keys).toEqual([
      { name: 'file', type: 'STRING', default: null, importance: 'HIGH', documentation: 'Source filename. If not specified, the standard input will be used', validator: null },
      {
        name: 'topic',
        type: 'STRING',
        default: expect.any(Symbol),
        importance: 'HIGH',
        documentation: 'The topic to publish data to',
        validator: 'non-empty string',
      },
      {
        name: 'batch.size',
        type: 'INT',
        default: 2000,
        importance: 'LOW',
        documentation: 'The maximum number of records the source task can read from the file each time it is polled',
        validator: null,
      },
    ]);
    expect(source().config().configKey('topic')?.hasDefault()).toBe(false);
  });

  it('reports a missing or empty topic and a bad batch.size', () => {
    expect(errorsOf(source().config().validate({ file: 'in.txt' }))).toEqual({
      file: [],
      topic: ['Missing required configuration "topic" which has no default value.'],
      'batch.size': [],
    });
    expect(errorsOf(source().config().validate({ topic: '', 'batch.size': 'many' }))).toEqual({
      file: [],
      topic: ['Invalid value  for configuration topic: String must be non-empty'],
      'batch.size': ['Invalid value many for configuration batch.size: Not a number of type INT'],
    });
    expect(() => source().start({ file: 'in.txt' })).toThrow(ConfigException);
    expect(() => new FileStreamSourceTask().start({ file: 'in.txt' })).toThrow('Missing required configuration "topic"');
  });

  it('always asks for exactly one task, whose config is the connector config', () => {
    const connector = source();
    const config = { name: 'local-file-source', 'connector.class': 'FileStreamSource', 'tasks.max': '4', file: 'in.txt', topic: 't' };
    connector.start(config);
    expect(connector.taskConfigs(4)).toEqual([config]);
    expect(connector.taskConfigs(1)).toEqual([config]);
    const taskClass = connector.taskClass();
    expect(taskClass.className).toBe('org.apache.kafka.connect.file.FileStreamSourceTask');
    expect(taskClass.create()).toBeInstanceOf(FileStreamSourceTask);
  });

  it('supports exactly-once only for a file', () => {
    expect(source().exactlyOnceSupport({ file: 'in.txt', topic: 't' })).toBe('SUPPORTED');
    expect(source().exactlyOnceSupport({ file: '', topic: 't' })).toBe('UNSUPPORTED');
    expect(source().exactlyOnceSupport({ topic: 't' })).toBe('UNSUPPORTED');
  });
});

describe('FileStreamSourceConnector.alterOffsets', () => {
  const config = { file: 'in.txt', topic: 't' };
  const alter = (entries: Array<[Record<string, unknown>, Record<string, unknown> | null]>, cfg: Record<string, string> = config): boolean =>
    source().alterOffsets(cfg, new Map(entries));

  it('accepts positions, tombstones for any partition, and partitions of earlier files', () => {
    expect(
      alter([
        [{ filename: 'in.txt' }, { position: 42 }],
        [{ filename: 'old.txt' }, { position: 0 }],
        [{ garbage: true }, null],
      ]),
    ).toBe(true);
    expect(alter([[{ filename: 'in.txt' }, { position: 9007199254740993n }]])).toBe(true);
  });

  it("refuses what Kafka's connector refuses, with its messages", () => {
    expect(() => alter([[{ filename: 'in.txt' }, { position: 1 }]], { topic: 't' })).toThrow(
      "Offsets cannot be modified if the 'file' configuration is unspecified. This is because stdin is used for input and offsets are not tracked.",
    );
    expect(() => alter([[{ filename: 'in.txt' }, {}]])).toThrow("Offset objects should either be null or contain the key 'position'");
    expect(() => alter([[{ filename: 'in.txt' }, { position: '10' }]])).toThrow(
      "The value for the 'position' key in the offset is expected to be a Long value",
    );
    expect(() => alter([[{ filename: 'in.txt' }, { position: 1.5 }]])).toThrow('expected to be a Long value');
    expect(() => alter([[{ filename: 'in.txt' }, { position: null }]])).toThrow('expected to be a Long value');
    expect(() => alter([[{ filename: 'in.txt' }, { position: -1 }]])).toThrow(
      "The value for the 'position' key in the offset should be a non-negative value",
    );
    expect(() => alter([[{ file: 'in.txt' }, { position: 1 }]])).toThrow("Partition objects should contain the key 'filename'");
  });
});

describe('FileStreamSinkConnector', () => {
  it("defines Kafka's file key", () => {
    const keys = [...sink().config().configKeys().values()];
    expect(keys.map((k) => [k.name, k.type, k.defaultValue, k.importance, k.documentation])).toEqual([
      ['file', 'STRING', null, 'HIGH', 'Destination filename. If not specified, the standard output will be used'],
    ]);
  });

  it('gives tasks.max identical task configs', () => {
    const connector = sink();
    const config = { name: 'local-file-sink', 'connector.class': 'FileStreamSink', file: 'out.txt', topics: 'connect-test' };
    connector.start(config);
    const configs = connector.taskConfigs(3);
    expect(configs).toEqual([config, config, config]);
    expect(new Set(configs).size).toBe(3);
    expect(connector.taskClass().className).toBe('org.apache.kafka.connect.file.FileStreamSinkTask');
    expect(connector.taskClass().create()).toBeInstanceOf(FileStreamSinkTask);
  });

  it('lets any offsets be altered', () => {
    expect(sink().alterOffsets({}, new Map([[{ kafka_topic: 't', kafka_partition: 0 }, { kafka_offset: 5 }]]))).toBe(true);
    expect(sink().alterOffsets({}, new Map([[{ anything: 1 }, null]]))).toBe(true);
  });
});

describe('BUILTIN_CONNECTORS', () => {
  it('registers both file connectors under their class names and aliases', () => {
    const plugins = new Plugins().register(...BUILTIN_CONNECTORS);
    const version = SLUICE_VERSION;
    for (const alias of ['org.apache.kafka.connect.file.FileStreamSourceConnector', 'FileStreamSourceConnector', 'FileStreamSource']) {
      const descriptor = plugins.resolve(alias, ['source', 'sink']);
      expect(descriptor.kind).toBe('source');
      expect(descriptor.version).toBe(version);
      expect(descriptor.create()).toBeInstanceOf(FileStreamSourceConnector);
    }
    const sinkDescriptor = plugins.resolve('FileStreamSink', ['source', 'sink']);
    expect(sinkDescriptor.className).toBe('org.apache.kafka.connect.file.FileStreamSinkConnector');
    expect(sinkDescriptor.kind).toBe('sink');
    expect(sinkDescriptor.create()).toBeInstanceOf(FileStreamSinkConnector);
    expect(new FileStreamSourceTask().version()).toBe(version);
  });
});
