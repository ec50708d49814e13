import { describe, expect, it } from 'vitest';
import type { Predicate, Transformation } from '../connect/index.js';
import { ConnectHeaders, Schema, SinkRecord, SourceRecord, type ConnectRecord } from '../data/index.js';
import { JsonConverter } from '../converters/index.js';
import { BUILTIN_PREDICATES, BUILTIN_TRANSFORMS } from '../../transforms/index.js';
import { Plugins } from './plugins.js';
import { buildTransformationChain, TransformationChain, TransformationError, type TransformationStage } from './transformation-chain.js';

const plugins = new Plugins().register(...BUILTIN_TRANSFORMS, ...BUILTIN_PREDICATES);

// The pipeline benchmark's chain, with a header inserted in the middle.
const CONFIG: Record<string, string> = {
  transforms: 'hoist,insert,header,cast,rename,route',
  'transforms.hoist.type': 'org.apache.kafka.connect.transforms.HoistField$Value',
  'transforms.hoist.field': 'line',
  'transforms.insert.type': 'org.apache.kafka.connect.transforms.InsertField$Value',
  'transforms.insert.static.field': 'schema_version',
  'transforms.insert.static.value': '1',
  'transforms.header.type': 'org.apache.kafka.connect.transforms.InsertHeader',
  'transforms.header.header': 'h2',
  'transforms.header.value.literal': 'v2',
  'transforms.cast.type': 'org.apache.kafka.connect.transforms.Cast$Value',
  'transforms.cast.spec': 'schema_version:int32',
  'transforms.rename.type': 'org.apache.kafka.connect.transforms.ReplaceField$Value',
  'transforms.rename.renames': 'line:message',
  'transforms.route.type': 'org.apache.kafka.connect.transforms.RegexRouter',
  'transforms.route.regex': 'tx-(.*)',
  'transforms.route.replacement': 'routed-$1',
};

const source = (): SourceRecord =>
  new SourceRecord({
    sourcePartition: { filename: 'a' },
    sourceOffset: { position: 7 },
    topic: 'tx-a',
    valueSchema: Schema.STRING_SCHEMA,
    value: 'hello',
    timestamp: 5,
    headers: new ConnectHeaders().addString('h1', 'v1'),
  });

/** The chain's stages applied one by one, as the transform preview does: every record kept. */
function stageByStage<R extends ConnectRecord<R>>(chain: TransformationChain, record: R): R[] {
  const seen = [record];
  for (const stage of chain.stages) seen.push(stage.transformation.apply(seen[seen.length - 1]) as R);
  return seen;
}

describe('TransformationChain', () => {
  it('gives what applying its stages one by one gives, and leaves its input as it was', () => {
    const chain = buildTransformationChain(plugins, CONFIG);
    const input = source();
    const before = input.toString();
    const out = chain.apply(input) as SourceRecord;
    expect(input.toString()).toBe(before);
    const expected = stageByStage(buildTransformationChain(plugins, CONFIG), source()).pop() as SourceRecord;
    expect(out.toString()).toBe(expected.toString());
    expect(out.equals(expected)).toBe(true);
    expect(out.sourceOffset()).toEqual({ position: 7 });
    expect([...out.headers()].map((h) => h.key())).toEqual(['h1', 'h2']);
    // The output is the caller's: a newRecord on it is a new record.
    expect(out.newRecord(out.topic(), null, null, null, out.valueSchema(), out.value(), 6)).not.toBe(out);
  });

  it('sink records too: original coordinates kept, the input untouched', () => {
    const chain = buildTransformationChain(plugins, CONFIG);
    const input = new SinkRecord({ topic: 'tx-b', kafkaPartition: 2, kafkaOffset: 9n, valueSchema: Schema.STRING_SCHEMA, value: 'x' });
    const out = chain.apply(input) as SinkRecord;
    expect(input.topic()).toBe('tx-b');
    expect(input.value()).toBe('x');
    expect([out.topic(), out.kafkaPartition(), out.originalTopic(), out.kafkaOffset()]).toEqual(['routed-b', 2, 'tx-b', 9n]);
    expect(out.equals(stageByStage(buildTransformationChain(plugins, CONFIG), input).pop())).toBe(true);
  });

  it('never changes a record that a transform or predicate of its own may have kept', () => {
    const built = buildTransformationChain(plugins, CONFIG);
    const kept: Array<ConnectRecord<SourceRecord>> = [];
    const keeping: Transformation = {
      config: () => built.stages[0].transformation.config(),
      configure: () => {},
      apply: <R extends ConnectRecord<R>>(record: R): R => {
        kept.push(record as unknown as ConnectRecord<SourceRecord>);
        return record;
      },
      close: () => {},
    };
    const keepingPredicate: Predicate = {
      config: () => built.stages[0].transformation.config(),
      configure: () => {},
      test: <R extends ConnectRecord<R>>(record: R): boolean => {
        kept.push(record as unknown as ConnectRecord<SourceRecord>);
        return true;
      },
      close: () => {},
    };
    const stages: TransformationStage[] = [
      built.stages[0],
      { alias: 'keep', className: 'Keep', transformation: keeping, negate: false },
      built.stages[1],
      { ...built.stages[3], predicate: keepingPredicate },
      ...built.stages.slice(4),
    ];
    const chain = new TransformationChain(stages);
    chain.apply(source());
    // Later stages made copies rather than change what was kept.
    expect(kept[0].toString()).toContain("topic='tx-a'");
    expect(kept[0].toString()).toContain('value=Struct{line=hello}');
    expect(kept[1].toString()).toContain('value=Struct{line=hello,schema_version=1}');
    expect(kept[1].toString()).toContain("topic='tx-a'");
  });

  it('reports the failing stage, and a failure leaves nothing behind', () => {
    const chain = buildTransformationChain(plugins, { ...CONFIG, 'transforms.cast.spec': 'line:int32' });
    expect(() => chain.apply(source())).toThrow(TransformationError);
    const record = source();
    expect(record.newRecord('t', null, null, null, null, null, null)).not.toBe(record);
  });
});

/** The chain, with each stage's output value collected. */
function spied(config: Record<string, string>): { chain: TransformationChain; values: unknown[] } {
  const built = buildTransformationChain(plugins, config);
  const values: unknown[] = [];
  for (const stage of built.stages) {
    const t = stage.transformation;
    const apply = t.apply.bind(t);
    t.apply = <R extends ConnectRecord<R>>(record: R): R | null => {
      const out = apply(record);
      values.push(out?.value());
      return out;
    };
  }
  return { chain: built, values };
}

describe('TransformationChain: Structs made within the chain', () => {
  const { transforms: _all, ...withoutHeader } = CONFIG;
  const NO_HEADER = { ...withoutHeader, transforms: 'hoist,insert,cast,rename,route' };

  it('are changed in place by the next stage when only the chain holds them', () => {
    const { chain, values } = spied(NO_HEADER);
    const out = chain.apply(source()) as SourceRecord;
    expect(new Set(values).size).toBe(1);
    expect(out.value()).toBe(values[0]);
    expect(out.toString()).toBe((stageByStage(buildTransformationChain(plugins, NO_HEADER), source()).pop() as SourceRecord).toString());
    expect(String(out.value())).toBe('Struct{message=hello,schema_version=1}');
  });

  // Chains through which one Struct goes, changed in place by each stage.
  const IN_PLACE: Array<[string, Record<string, string>, string]> = [
    [
      'masked by MaskField',
      { ...NO_HEADER, transforms: 'hoist,insert,mask,rename,route', 'transforms.mask.type': 'org.apache.kafka.connect.transforms.MaskField$Value', 'transforms.mask.fields': 'line' },
      'Struct{message=,schema_version=1}',
    ],
    ['narrowed by ReplaceField dropping fields', { ...NO_HEADER, transforms: 'hoist,insert,rename', 'transforms.rename.exclude': 'line', 'transforms.rename.renames': 'schema_version:v' }, 'Struct{v=1}'],
    [
      'converted by TimestampConverter',
      {
        ...NO_HEADER,
        transforms: 'hoist,insert,ts',
        'transforms.insert.timestamp.field': 'at',
        'transforms.ts.type': 'org.apache.kafka.connect.transforms.TimestampConverter$Value',
        'transforms.ts.field': 'at',
        'transforms.ts.target.type': 'unix',
      },
      'Struct{line=hello,at=5,schema_version=1}',
    ],
  ];
  it.each(IN_PLACE)('are %s in place too', (_what, config, expected) => {
    const { chain, values } = spied(config);
    const out = chain.apply(source()) as SourceRecord;
    expect(new Set(values).size).toBe(1);
    expect(String(out.value())).toBe(expected);
    expect(out.toString()).toBe((stageByStage(buildTransformationChain(plugins, config), source()).pop() as SourceRecord).toString());
  });

  it('are copied after a stage that makes no Struct of its own, or under a predicate', () => {
    const { chain, values } = spied(CONFIG);
    chain.apply(source());
    // hoist → insert (same Struct), header (same value), cast (a new one) → rename, route.
    expect(values.map((v) => values.indexOf(v))).toEqual([0, 0, 0, 3, 3, 3]);
    const guarded = spied({
      ...NO_HEADER,
      'transforms.cast.predicate': 'always',
      'predicates': 'always',
      'predicates.always.type': 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches',
      'predicates.always.pattern': '.*',
    });
    guarded.chain.apply(source());
    expect(guarded.values.map((v) => guarded.values.indexOf(v))).toEqual([0, 0, 2, 2, 2]);
  });

  it('a stage failing after it changed one leaves the input and the next records alone', () => {
    const chain = buildTransformationChain(plugins, { ...NO_HEADER, 'transforms.cast.spec': 'schema_version:int32,line:int32' });
    const input = source();
    expect(() => chain.apply(input)).toThrow(TransformationError);
    expect(input.value()).toBe('hello');
    const ok = buildTransformationChain(plugins, NO_HEADER);
    expect(String((ok.apply(source()) as SourceRecord).value())).toBe('Struct{message=hello,schema_version=1}');
  });
});

describe('TransformationChain.applyConsuming', () => {
  it('gives what apply gives, changing the input instead of copying it', () => {
    const chain = buildTransformationChain(plugins, CONFIG);
    const expected = chain.apply(source()) as SourceRecord;
    const input = source();
    const out = chain.applyConsuming(input) as SourceRecord;
    expect(out).toBe(input);
    expect(out.toString()).toBe(expected.toString());
    expect(out.sourceOffset()).toEqual({ position: 7 });
  });

  it('puts the input back as it was when a stage fails', () => {
    const chain = buildTransformationChain(plugins, { ...CONFIG, 'transforms.cast.spec': 'line:int32' });
    const input = source();
    const before = input.toString();
    const headers = input.headers();
    expect(() => chain.applyConsuming(input)).toThrow(TransformationError);
    expect(input.toString()).toBe(before);
    expect(input.headers()).toBe(headers);
    expect(input.valueSchema()).toBe(Schema.STRING_SCHEMA);
  });

  it('copies the input when a predicate or a transform of its own may keep it', () => {
    const guarded = buildTransformationChain(plugins, {
      ...CONFIG,
      'transforms.hoist.predicate': 'always',
      predicates: 'always',
      'predicates.always.type': 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches',
      'predicates.always.pattern': '.*',
    });
    const input = source();
    const before = input.toString();
    expect(guarded.applyConsuming(input)).not.toBe(input);
    expect(input.toString()).toBe(before);
    expect(TransformationChain.empty().applyConsuming(input)).toBe(input);
  });
});

describe('TransformationChain: schemaless Maps made within the chain', () => {
  const json = new JsonConverter();
  json.configure({ 'schemas.enable': 'false' }, false);
  const headers = new ConnectHeaders();
  const T = 'org.apache.kafka.connect.transforms.';
  // ReplaceField builds its map as `new HashMap<>(size)`: for 10 keys a 16-bucket table, as a
  // copy's; for 12 keys also 16 buckets, where a copy's has 32 and iterates them in another order.
  const TEN = '{"id":7,"amount":20.0,"qty":"3","email":"a@b.c","ts":1700000000000,"a":1,"b":2,"c":3,"d":4,"e":5}';
  const TWELVE = '{"id":7,"amount":20.0,"qty":"3","email":"a@b.c","ts":1700000000000,"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7}';
  const sink = (text: string): SinkRecord => {
    const value = json.toConnectData('orders', headers, Buffer.from(text)).value;
    return new SinkRecord({ topic: 'orders', kafkaPartition: 0, kafkaOffset: 1n, valueSchema: null, value });
  };
  const CHAIN: Record<string, string> = {
    transforms: 'rename,cast,mask,ts',
    'transforms.rename.type': `${T}ReplaceField$Value`,
    'transforms.rename.renames': 'a:aa',
    'transforms.cast.type': `${T}Cast$Value`,
    'transforms.cast.spec': 'amount:int32,qty:int64',
    'transforms.mask.type': `${T}MaskField$Value`,
    'transforms.mask.fields': 'email',
    'transforms.ts.type': `${T}TimestampConverter$Value`,
    'transforms.ts.field': 'ts',
    'transforms.ts.target.type': 'string',
    'transforms.ts.format': 'yyyy-MM-dd',
  };
  const written = (record: ConnectRecord<SinkRecord> | null): string => Buffer.from(json.fromConnectData('orders', headers, null, record?.value()) as Buffer).toString();

  it('are changed in place by transforms that only change values, with what copies would give', () => {
    for (const text of [TEN, TWELVE]) {
      const { chain, values } = spied(CHAIN);
      const out = chain.apply(sink(text));
      const copies = stageByStage(buildTransformationChain(plugins, CHAIN), sink(text)).pop() as SinkRecord;
      expect(written(out)).toBe(written(copies));
      expect(written(out)).toContain('"amount":20,');
      expect(written(out)).toContain('"email":""');
      // Ten keys: the Map ReplaceField made goes through the other three. Twelve: Cast copies it
      // (its copy's order differs), and that copy goes through the last two.
      expect(new Set(values).size).toBe(text === TEN ? 1 : 2);
    }
  });

  it('are copied when a field would be added, or a predicate has seen the record', () => {
    const adding = buildTransformationChain(plugins, { ...CHAIN, 'transforms.mask.fields': 'email,missing' });
    const out = adding.apply(sink(TEN));
    expect((out?.value() as Map<string, unknown>).get('missing')).toBeNull();
    expect(written(out)).toBe(written(stageByStage(buildTransformationChain(plugins, { ...CHAIN, 'transforms.mask.fields': 'email,missing' }), sink(TEN)).pop() as SinkRecord));
    const input = sink(TEN);
    const before = written(input);
    buildTransformationChain(plugins, CHAIN).apply(input);
    expect(written(input)).toBe(before);
  });
});
