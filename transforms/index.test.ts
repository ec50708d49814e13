import { describe, expect, it } from 'vitest';
import type { Predicate, Transformation } from '../src/connect/index.js';
import { SinkRecord } from '../src/data/index.js';
import { Plugins } from '../src/runtime/plugins.js';
import { SLUICE_VERSION } from '../src/runtime/version.js';
import { BUILTIN_PREDICATES, BUILTIN_TRANSFORMS } from './index.js';

const PACKAGE = 'org.apache.kafka.connect.transforms';

// Kafka's connect/transforms META-INF/services listings: 16 transforms (10 with $Key/$Value) and 3 predicates.
const KAFKA_TRANSFORMS = [
  'Cast$Key',
  'Cast$Value',
  'DropHeaders',
  'ExtractField$Key',
  'ExtractField$Value',
  'Filter',
  'Flatten$Key',
  'Flatten$Value',
  'HeaderFrom$Key',
  'HeaderFrom$Value',
  'HoistField$Key',
  'HoistField$Value',
  'InsertField$Key',
  'InsertField$Value',
  'InsertHeader',
  'MaskField$Key',
  'MaskField$Value',
  'RegexRouter',
  'ReplaceField$Key',
  'ReplaceField$Value',
  'SetSchemaMetadata$Key',
  'SetSchemaMetadata$Value',
  'TimestampConverter$Key',
  'TimestampConverter$Value',
  'TimestampRouter',
  'ValueToKey',
].map((name) => `${PACKAGE}.${name}`);

const KAFKA_PREDICATES = ['HasHeaderKey', 'RecordIsTombstone', 'TopicNameMatches'].map((name) => `${PACKAGE}.predicates.${name}`);

describe('built-in transforms and predicates', () => {
  it("cover every transform in Kafka's listing, and nothing else", () => {
    expect(BUILTIN_TRANSFORMS.map((d) => d.className).sort()).toEqual([...KAFKA_TRANSFORMS].sort());
    expect(new Set(BUILTIN_TRANSFORMS.map((d) => d.className)).size).toBe(KAFKA_TRANSFORMS.length);
  });

  it("cover every predicate in Kafka's listing", () => {
    expect(BUILTIN_PREDICATES.map((d) => d.className).sort()).toEqual(KAFKA_PREDICATES);
  });

  it('are of the right kind and report the Sluice version', () => {
    for (const d of BUILTIN_TRANSFORMS) expect([d.kind, d.version]).toEqual(['transformation', SLUICE_VERSION]);
    for (const d of BUILTIN_PREDICATES) expect([d.kind, d.version]).toEqual(['predicate', SLUICE_VERSION]);
  });

  it('create a fresh instance each time, with a config definition', () => {
    for (const d of [...BUILTIN_TRANSFORMS, ...BUILTIN_PREDICATES]) {
      const first = d.create() as Transformation | Predicate;
      expect(d.create()).not.toBe(first);
      expect(typeof first.config().names).toBe('function');
    }
  });
});

describe('resolving built-ins through Plugins', () => {
  const plugins = new Plugins().register(...BUILTIN_TRANSFORMS, ...BUILTIN_PREDICATES);

  it('finds every transform by its full class name', () => {
    for (const className of KAFKA_TRANSFORMS) expect(plugins.find(className, ['transformation'])?.className).toBe(className);
  });

  it('finds nested forms by their simple name, as Kafka aliases them', () => {
    expect(plugins.find('InsertField$Value', ['transformation'])?.className).toBe(`${PACKAGE}.InsertField$Value`);
    expect(plugins.find('TimestampConverter$Key', ['transformation'])?.className).toBe(`${PACKAGE}.TimestampConverter$Key`);
    expect(plugins.find('RegexRouter', ['transformation'])?.className).toBe(`${PACKAGE}.RegexRouter`);
    expect(plugins.find('InsertField', ['transformation'])).toBeUndefined();
  });

  it('finds predicates by full and simple name, only as predicates', () => {
    expect(plugins.find(`${PACKAGE}.predicates.TopicNameMatches`, ['predicate'])?.className).toBe(`${PACKAGE}.predicates.TopicNameMatches`);
    expect(plugins.find('RecordIsTombstone', ['predicate'])?.className).toBe(`${PACKAGE}.predicates.RecordIsTombstone`);
    expect(plugins.find('RecordIsTombstone', ['transformation'])).toBeUndefined();
  });

  it('runs a resolved chain: drop tombstones, then route', () => {
    const isTombstone = plugins.resolve('org.apache.kafka.connect.transforms.predicates.RecordIsTombstone', ['predicate']).create() as Predicate;
    const filter = plugins.resolve('org.apache.kafka.connect.transforms.Filter', ['transformation']).create() as Transformation;
    const route = plugins.resolve('RegexRouter', ['transformation']).create() as Transformation;
    isTombstone.configure({});
    filter.configure({});
    route.configure({ regex: '(.*)-raw', replacement: '$1-clean' });
    const run = (record: SinkRecord): SinkRecord | null => {
      const kept = isTombstone.test(record) ? filter.apply(record) : record;
      return kept === null ? null : route.apply(kept);
    };
    expect(run(new SinkRecord({ topic: 'orders-raw', kafkaPartition: 0, kafkaOffset: 0n, value: null }))).toBeNull();
    expect(run(new SinkRecord({ topic: 'orders-raw', kafkaPartition: 0, kafkaOffset: 1n, value: 'x' }))?.topic()).toBe('orders-clean');
  });
});
