/** AvroConverter against the embedded Schema Registry (behind a recording proxy). */
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AvroConverter } from '../../src/converters/avro/index.js';
import {
  BigDecimal,
  ConnectDate,
  ConnectTimestamp,
  DataException,
  Decimal,
  NULL_SCHEMA_AND_VALUE,
  Schema,
  SchemaBuilder,
  Struct,
  type Schema as ConnectSchema,
  type SchemaAndValue,
} from '../../src/data/index.js';
import { RetriableError } from '../../src/runtime/errors.js';
import { closedPort, startRecordingProxy, startRegistryEnv, type RecordingProxy, type RegistryEnv } from './avro-registry-env.js';

let env: RegistryEnv;
let proxy: RecordingProxy;

beforeAll(async () => {
  env = await startRegistryEnv();
  proxy = await startRecordingProxy(env.url);
});

afterAll(async () => {
  await proxy?.close();
  await env?.close();
});

let topicCount = 0;
function newTopic(name: string): string {
  return `${name}-${++topicCount}`;
}

function converter(configs: Record<string, string> = {}, isKey = false): AvroConverter {
  const avro = new AvroConverter();
  avro.configure({ 'schema.registry.url': proxy.url, 'max.retries': '0', ...configs }, isKey);
  return avro;
}

async function toBytes(avro: AvroConverter, topic: string, schema: ConnectSchema | null, value: unknown): Promise<Buffer> {
  const bytes = await avro.fromConnectData(topic, null, schema, value);
  if (bytes === null) throw new Error('expected bytes');
  return bytes;
}

async function toData(avro: AvroConverter, topic: string, bytes: Uint8Array | null): Promise<SchemaAndValue> {
  return avro.toConnectData(topic, null, bytes);
}

async function registryGet(path: string): Promise<any> {
  const response = await fetch(env.url + path);
  return response.json();
}

/** Requests the proxy saw while `action` ran. */
async function requestsDuring(action: () => Promise<unknown>): Promise<Array<{ method: string; path: string }>> {
  const before = proxy.requests.length;
  await action();
  return proxy.requests.slice(before).map(({ method, path }) => ({ method, path }));
}

const ORDER = SchemaBuilder.struct()
  .name('com.acme.Order')
  .field('id', Schema.INT64_SCHEMA)
  .field('customer', Schema.OPTIONAL_STRING_SCHEMA)
  .field('amount', Decimal.schema(2))
  .field('placed', ConnectTimestamp.SCHEMA)
  .field('day', ConnectDate.SCHEMA)
  .field('small', Schema.INT8_SCHEMA)
  .field('ratio', Schema.FLOAT32_SCHEMA)
  .field('tags', SchemaBuilder.array(Schema.STRING_SCHEMA).build())
  .field('attributes', SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).build())
  .field('lines', SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.INT64_SCHEMA).build())
  .field('shipping', SchemaBuilder.struct().name('com.acme.Address').field('city', Schema.STRING_SCHEMA).optional().build())
  .build();

function order(id: bigint): Struct {
  return new Struct(ORDER)
    .put('id', id)
    .put('customer', id % 2n === 0n ? null : `customer-${id}`)
    .put('amount', new BigDecimal(1999n + id, 2))
    .put('placed', new Date(1_700_000_000_000 + Number(id)))
    .put('day', new Date(Date.UTC(2024, 0, 31)))
    .put('small', -7)
    .put('ratio', Math.fround(0.25))
    .put('tags', ['a', 'b'])
    .put('attributes', new Map([['color', 'red'], ['size', null]]))
    .put('lines', new Map([[1, 10n], [2, 20n]]))
    .put('shipping', new Struct(ORDER.field('shipping')?.schema() as ConnectSchema).put('city', 'Lyon'));
}

/** The same field values under another (equal but for version) schema. */
function withSchema(struct: Struct, schema: ConnectSchema): Struct {
  const copy = new Struct(schema);
  for (const field of schema.fields()) copy.put(field.name(), struct.getWithoutDefault(field.name()));
  return copy;
}

describe('AvroConverter', () => {
  it('round-trips a struct through the registry in Confluent wire format; async on a new schema, sync once cached', async () => {
    const topic = newTopic('orders');
    const writer = converter();
    const first = writer.fromConnectData(topic, null, ORDER, order(1n));
    expect(first).toBeInstanceOf(Promise);
    const bytes = (await first) as Buffer;
    const second = writer.fromConnectData(topic, null, ORDER, order(2n));
    expect(Buffer.isBuffer(second)).toBe(true);

    const latest = await registryGet(`/subjects/${topic}-value/versions/latest`);
    expect(bytes[0]).toBe(0);
    expect(bytes.readInt32BE(1)).toBe(latest.id);

    const reader = converter();
    const firstRead = reader.toConnectData(topic, null, bytes);
    expect(firstRead).toBeInstanceOf(Promise);
    const data = await firstRead;
    expect(data.schema?.name()).toBe('com.acme.Order');
    expect(data.schema?.version()).toBe(latest.version);
    // The registry's version is the only difference from the schema written.
    expect((data.value as Struct).equals(withSchema(order(1n), data.schema as ConnectSchema))).toBe(true);
    const sync = reader.toConnectData(topic, null, second as Buffer);
    expect(sync).not.toBeInstanceOf(Promise);
    expect(((sync as SchemaAndValue).value as Struct).equals(withSchema(order(2n), data.schema as ConnectSchema))).toBe(true);
  });

  it('writes the exact Confluent bytes: magic 0, 4-byte big-endian id, Avro body', async () => {
    const topic = newTopic('golden');
    const schema = SchemaBuilder.struct().name('Small').field('id', Schema.INT64_SCHEMA).field('name', Schema.OPTIONAL_STRING_SCHEMA).build();
    const bytes = await toBytes(converter(), topic, schema, new Struct(schema).put('id', 1n).put('name', 'a'));
    const { id } = await registryGet(`/subjects/${topic}-value/versions/latest`);
    const prefix = Buffer.alloc(5);
    prefix.writeInt32BE(id, 1);
    expect(bytes).toEqual(Buffer.concat([prefix, Buffer.from([0x02, 0x02, 0x02, 0x61])]));
    expect((await registryGet(`/subjects/${topic}-value/versions/latest`)).schema).toBe(
      '{"type":"record","name":"Small","fields":[{"name":"id","type":"long"},{"name":"name","type":["null","string"],"default":null}],"connect.name":"Small"}',
    );
  });

  it('calls the registry once per new schema on write and twice per new id on read, never per record', async () => {
    const topic = newTopic('counted');
    const writer = converter();
    const written: Buffer[] = [];
    const writes = await requestsDuring(async () => {
      for (let i = 0n; i < 200n; i++) written.push(await toBytes(writer, topic, ORDER, order(i)));
    });
    expect(writes).toEqual([{ method: 'POST', path: `/subjects/${topic}-value/versions?normalize=false` }]);
    const registration = proxy.requests.find((request) => request.path === `/subjects/${topic}-value/versions?normalize=false`);
    expect(registration?.headers['content-type']).toBe('application/vnd.schemaregistry.v1+json');
    expect(Object.keys(JSON.parse(registration?.body ?? '{}'))).toEqual(['schema']);

    const id = written[0].readInt32BE(1);
    const reader = converter();
    const reads = await requestsDuring(async () => {
      for (const bytes of written) await toData(reader, topic, bytes);
    });
    expect(reads).toEqual([
      { method: 'GET', path: `/schemas/ids/${id}?fetchMaxId=false&subject=${topic}-value` },
      { method: 'POST', path: `/subjects/${topic}-value?normalize=false&deleted=true` },
    ]);

    // The same schema met again as a new (equal) Connect schema object costs nothing either.
    const rebuilt = SchemaBuilder.struct().name('com.acme.Order');
    for (const field of ORDER.fields()) rebuilt.field(field.name(), field.schema());
    let rewritten: Buffer | undefined;
    const again = await requestsDuring(async () => {
      rewritten = await toBytes(writer, topic, rebuilt.build(), order(1n));
    });
    expect(again).toEqual([]);
    expect(rewritten).toEqual(written[1]);
  });

  it('shares one registration between concurrent conversions of a new schema', async () => {
    const topic = newTopic('concurrent');
    const writer = converter();
    const requests = await requestsDuring(() => Promise.all(Array.from({ length: 20 }, (_, i) => writer.fromConnectData(topic, null, ORDER, order(BigInt(i))))));
    expect(requests).toHaveLength(1);
  });

  it('fails loudly for a caller that reads a pending result without awaiting it; the retry is synchronous', async () => {
    const topic = newTopic('not-awaited');
    const bytes = await toBytes(converter(), topic, Schema.STRING_SCHEMA, 'x');
    const reader = converter();
    const pending = reader.toConnectData(topic, null, bytes) as SchemaAndValue;
    expect(() => pending.value).toThrow(`AvroConverter.toConnectData for topic ${topic} is waiting for the Schema Registry and returned a Promise`);
    await pending;
    expect((reader.toConnectData(topic, null, bytes) as SchemaAndValue).value).toBe('x');
  });

  it('passes tombstones through', async () => {
    const avro = converter();
    expect(avro.fromConnectData('t', null, null, null)).toBeNull();
    expect(avro.fromConnectData('t', null, Schema.OPTIONAL_STRING_SCHEMA, null)).toBeNull();
    expect(avro.toConnectData('t', null, null)).toBe(NULL_SCHEMA_AND_VALUE);
  });

  it('round-trips schemaless data as the Anything record', async () => {
    const topic = newTopic('schemaless');
    const value = new Map<unknown, unknown>([['n', 1], ['list', ['x', 2.5, 10n, null]]]);
    const bytes = await toBytes(converter(), topic, null, value);
    const data = await toData(converter(), topic, bytes);
    expect(data.schema).toBeNull();
    expect(data.value).toEqual(value);
    expect((await registryGet(`/subjects/${topic}-value/versions/latest`)).schema).toContain('"name":"Anything"');
  });

  it('writes plain bytes schemas without a length prefix', async () => {
    const topic = newTopic('raw');
    const bytes = await toBytes(converter(), topic, Schema.BYTES_SCHEMA, Buffer.from('raw!'));
    expect(bytes.subarray(5).toString()).toBe('raw!');
    expect((await toData(converter(), topic, bytes)).value).toEqual(Buffer.from('raw!'));
  });

  it('registers Avro enums only with enhanced.avro.schema.support', async () => {
    const suit = SchemaBuilder.string()
      .parameter('io.confluent.connect.avro.Enum', 'cards.Suit')
      .parameter('io.confluent.connect.avro.Enum.SPADES', 'SPADES')
      .parameter('io.confluent.connect.avro.Enum.HEARTS', 'HEARTS')
      .build();
    const schema = SchemaBuilder.struct().name('cards.Card').field('suit', suit).build();
    const value = new Struct(schema).put('suit', 'HEARTS');
    for (const enhanced of ['true', 'false']) {
      const topic = newTopic(`cards-${enhanced}`);
      const avro = converter({ 'enhanced.avro.schema.support': enhanced });
      const bytes = await toBytes(avro, topic, schema, value);
      const registered = (await registryGet(`/subjects/${topic}-value/versions/latest`)).schema as string;
      expect(registered.includes('"type":"enum"')).toBe(enhanced === 'true');
      expect(((await toData(converter({ 'enhanced.avro.schema.support': enhanced }), topic, bytes)).value as Struct).get('suit')).toBe('HEARTS');
    }
  });

  it('uses the -key subject as a key converter', async () => {
    const topic = newTopic('keys');
    const bytes = await toBytes(converter({}, true), topic, Schema.STRING_SCHEMA, 'k1');
    expect((await registryGet(`/subjects/${topic}-key/versions/latest`)).id).toBe(bytes.readInt32BE(1));
    expect((await toData(converter({}, true), topic, bytes)).value).toBe('k1');
  });
});

describe('subject name strategies', () => {
  const schema = SchemaBuilder.struct().name('com.acme.Event').field('n', Schema.INT32_SCHEMA).build();

  it.each([
    ['io.confluent.kafka.serializers.subject.TopicNameStrategy', (topic: string) => `${topic}-value`],
    ['TopicNameStrategy', (topic: string) => `${topic}-value`],
    ['io.confluent.kafka.serializers.subject.RecordNameStrategy', () => 'com.acme.Event'],
    ['io.confluent.kafka.serializers.subject.TopicRecordNameStrategy', (topic: string) => `${topic}-com.acme.Event`],
    ['TopicRecordNameStrategy', (topic: string) => `${topic}-com.acme.Event`],
  ])('%s', async (strategy, subjectOf) => {
    const topic = newTopic('events');
    const configs = { 'value.subject.name.strategy': strategy };
    const bytes = await toBytes(converter(configs), topic, schema, new Struct(schema).put('n', 5));
    const subject = subjectOf(topic);
    expect((await registryGet(`/subjects/${encodeURIComponent(subject)}/versions/latest`)).id).toBe(bytes.readInt32BE(1));
    const reads = await requestsDuring(async () => expect(((await toData(converter(configs), topic, bytes)).value as Struct).get('n')).toBe(5));
    expect(reads.at(-1)).toEqual({ method: 'POST', path: `/subjects/${encodeURIComponent(subject)}?normalize=false&deleted=true` });
  });

  it('refuses a non-record value with RecordNameStrategy, and an unknown strategy class', async () => {
    const avro = converter({ 'value.subject.name.strategy': 'RecordNameStrategy' });
    expect(() => avro.fromConnectData('t', null, Schema.STRING_SCHEMA, 'x')).toThrow(
      'In configuration value.subject.name.strategy = io.confluent.kafka.serializers.subject.RecordNameStrategy, the message value must only be a record schema',
    );
    expect(() => converter({ 'value.subject.name.strategy': 'com.example.Nope' })).toThrow(/Class com.example.Nope could not be found/);
  });
});

describe('auto.register.schemas=false', () => {
  const ours = SchemaBuilder.struct().name('com.acme.Reading').field('sensor', Schema.STRING_SCHEMA).field('value', Schema.FLOAT64_SCHEMA).build();
  const reading = new Struct(ours).put('sensor', 's-1').put('value', 21.5);

  async function register(subject: string, schema: unknown): Promise<number> {
    const response = await fetch(`${env.url}/subjects/${subject}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: JSON.stringify(schema) }),
    });
    return ((await response.json()) as { id: number }).id;
  }

  it('writes with the latest version under use.latest.version=true', async () => {
    const topic = newTopic('readings');
    const latestId = await register(`${topic}-value`, {
      type: 'record',
      name: 'Reading',
      namespace: 'com.acme',
      fields: [
        { name: 'sensor', type: 'string' },
        { name: 'value', type: 'double' },
        { name: 'unit', type: 'string', default: 'C' },
      ],
    });
    const avro = converter({ 'auto.register.schemas': 'false', 'use.latest.version': 'true' });
    const requests = await requestsDuring(async () => {
      const bytes = await toBytes(avro, topic, ours, reading);
      expect(bytes.readInt32BE(1)).toBe(latestId);
      // Read back (into the latest schema), the field we did not have takes its default.
      const back = (await toData(avro, topic, bytes)).value as Struct;
      expect(back.get('sensor')).toBe('s-1');
      expect(back.get('unit')).toBe('C');
    });
    expect(requests.filter((request) => request.method === 'POST' && request.path.includes('/versions?'))).toEqual([]);
    expect(requests[0]).toEqual({ method: 'GET', path: `/subjects/${topic}-value/versions/latest` });
  });

  it('checks that the latest version can read the data unless latest.compatibility.strict=false', async () => {
    const topic = newTopic('strict');
    const latestId = await register(`${topic}-value`, {
      type: 'record',
      name: 'Reading',
      namespace: 'com.acme',
      fields: [
        { name: 'sensor', type: 'string' },
        { name: 'value', type: 'double' },
        { name: 'site', type: 'string' },
      ],
    });
    const strict = converter({ 'auto.register.schemas': 'false', 'use.latest.version': 'true' });
    await expect(toBytes(strict, topic, ours, reading)).rejects.toThrow(
      new RegExp(`Failed to serialize Avro data from topic ${topic}: Incompatible schema of type 'AVRO' for subject '${topic}-value'. Set latest.compatibility.strict=false`),
    );
    const lenient = converter({ 'auto.register.schemas': 'false', 'use.latest.version': 'true', 'latest.compatibility.strict': 'false' });
    const lenientOurs = SchemaBuilder.struct()
      .name('com.acme.Reading')
      .field('sensor', Schema.STRING_SCHEMA)
      .field('value', Schema.FLOAT64_SCHEMA)
      .field('site', Schema.OPTIONAL_STRING_SCHEMA)
      .build();
    const bytes = await toBytes(lenient, topic, lenientOurs, new Struct(lenientOurs).put('sensor', 'x').put('value', 1).put('site', 'Paris'));
    expect(bytes.readInt32BE(1)).toBe(latestId);
  });

  it('looks the schema up without registering it, and says so when it is missing', async () => {
    const topic = newTopic('lookup');
    const avro = converter({ 'auto.register.schemas': 'false' });
    await expect(toBytes(avro, topic, ours, reading)).rejects.toThrow(
      `Failed to serialize Avro data from topic ${topic}: Error retrieving Avro schema for subject '${topic}-value': Subject '${topic}-value' not found.; error code: 40401`,
    );
    const id = await toBytes(converter(), topic, ours, reading).then((bytes) => bytes.readInt32BE(1));
    const requests = await requestsDuring(async () => expect((await toBytes(avro, topic, ours, reading)).readInt32BE(1)).toBe(id));
    expect(requests).toEqual([{ method: 'POST', path: `/subjects/${topic}-value?normalize=false&deleted=false` }]);
  });
});

describe('interoperability with @kafkajs/confluent-schema-registry', () => {
  it('decodes what the JS client encodes', async () => {
    const topic = newTopic('interop-in');
    const client = new SchemaRegistry({ host: env.url });
    const schema = {
      type: 'record',
      name: 'Payment',
      namespace: 'com.acme',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'amount', type: 'double' },
        { name: 'note', type: ['null', 'string'], default: null },
        { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID'] } },
        { name: 'items', type: { type: 'array', items: 'int' } },
      ],
    };
    const { id } = await client.register({ type: SchemaType.AVRO, schema: JSON.stringify(schema) }, { subject: `${topic}-value` });
    const encoded = await client.encode(id, { id: 42, amount: 9.5, note: 'gift', status: 'PAID', items: [1, 2] });
    const data = await toData(converter(), topic, encoded);
    expect(data.schema?.name()).toBe('com.acme.Payment');
    expect(data.schema?.version()).toBe(1);
    const struct = data.value as Struct;
    expect(struct.get('id')).toBe(42n);
    expect(struct.get('amount')).toBe(9.5);
    expect(struct.get('note')).toBe('gift');
    expect(struct.get('status')).toBe('PAID');
    expect(struct.get('items')).toEqual([1, 2]);
  });

  it('writes what the JS client decodes', async () => {
    const topic = newTopic('interop-out');
    const bytes = await toBytes(converter(), topic, ORDER, order(3n));
    const decoded = await new SchemaRegistry({ host: env.url }).decode(bytes);
    expect(decoded).toMatchObject({
      id: 3,
      customer: 'customer-3',
      placed: 1_700_000_000_003,
      day: 19753,
      small: -7,
      ratio: 0.25,
      tags: ['a', 'b'],
      attributes: { color: 'red', size: null },
      lines: [
        { key: 1, value: 10 },
        { key: 2, value: 20 },
      ],
      shipping: { city: 'Lyon' },
    });
    expect(Buffer.from(decoded.amount)).toEqual(new BigDecimal(2002n, 2).toBytes());
  });
});

describe('registry access', () => {
  it('sends basic auth from basic.auth.user.info (USER_INFO)', async () => {
    const topic = newTopic('auth-user-info');
    const avro = converter({ 'basic.auth.credentials.source': 'USER_INFO', 'basic.auth.user.info': 'alice:s3cret' });
    const before = proxy.requests.length;
    await toBytes(avro, topic, Schema.STRING_SCHEMA, 'x');
    expect(proxy.requests.slice(before).map((request) => request.headers.authorization)).toEqual([`Basic ${Buffer.from('alice:s3cret').toString('base64')}`]);
  });

  it('sends basic auth from the URL user info (URL, the default), not in the URL itself', async () => {
    const topic = newTopic('auth-url');
    const avro = converter({ 'schema.registry.url': proxy.url.replace('http://', 'http://bob:pw@') });
    const before = proxy.requests.length;
    await toBytes(avro, topic, Schema.STRING_SCHEMA, 'x');
    const [request] = proxy.requests.slice(before);
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('bob:pw').toString('base64')}`);
    expect(request.headers.host).toBe(new URL(proxy.url).host);
  });

  it('sends no credentials by default, and refuses USER_INFO without user info', async () => {
    const topic = newTopic('no-auth');
    const before = proxy.requests.length;
    await toBytes(converter(), topic, Schema.STRING_SCHEMA, 'x');
    expect(proxy.requests.slice(before)[0].headers.authorization).toBeUndefined();
    expect(() => converter({ 'basic.auth.credentials.source': 'USER_INFO' })).toThrow(
      'UserInfo must be provided when basic.auth.credentials.source is set to USER_INFO',
    );
  });

  it('fails over to the next URL when one cannot be reached', async () => {
    const topic = newTopic('failover');
    const dead = `http://127.0.0.1:${await closedPort()}`;
    const avro = converter({ 'schema.registry.url': `${dead}, ${proxy.url}` });
    const bytes = await toBytes(avro, topic, Schema.STRING_SCHEMA, 'x');
    expect((await toData(avro, topic, bytes)).value).toBe('x');
  });

  it('reports an unreachable registry as retriable', async () => {
    const avro = converter({ 'schema.registry.url': `http://127.0.0.1:${await closedPort()}` });
    const failure = toBytes(avro, newTopic('down'), Schema.STRING_SCHEMA, 'x');
    await expect(failure).rejects.toBeInstanceOf(RetriableError);
    await expect(failure).rejects.toThrow(/Network connection error while serializing Avro data for topic down-\d+/);
  });

  it('requires schema.registry.url', () => {
    expect(() => new AvroConverter().configure({}, false)).toThrow('Missing required configuration "schema.registry.url" which has no default value.');
  });
});

describe('errors', () => {
  it('rejects a payload without the magic byte', () => {
    const avro = converter();
    expect(() => avro.toConnectData('bad-topic', null, Buffer.from([1 + 6, 0, 0, 0, 1, 2]))).toThrow(
      'Failed to deserialize data for topic bad-topic to Avro: Error deserializing schema ID: Unknown magic byte!',
    );
    expect(() => avro.toConnectData('bad-topic', null, Buffer.from('{"json":true}'))).toThrow(DataException);
  });

  it('names the topic and subject of an unknown schema id (40403)', async () => {
    const bytes = Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 0x02]);
    await expect(toData(converter(), 'ghost', bytes)).rejects.toThrow(
      "Failed to deserialize data for topic ghost to Avro: Error retrieving Avro value schema for id 2147483632 for subject 'ghost-value': Schema 2147483632 not found; error code: 40403",
    );
  });

  it('names the topic when a value does not fit its schema', () => {
    const schema = SchemaBuilder.struct().field('n', Schema.INT32_SCHEMA).build();
    const avro = converter();
    expect(() => avro.fromConnectData('mismatch', null, schema, 'not a struct')).toThrow(
      'Failed to serialize Avro data from topic mismatch: Invalid type for STRUCT: string',
    );
    expect(() => avro.fromConnectData('mismatch', null, Schema.INT64_SCHEMA, 5)).toThrow(
      'Failed to serialize Avro data from topic mismatch: Invalid type for INT64: number 5',
    );
    expect(() => avro.fromConnectData('mismatch', null, Schema.STRING_SCHEMA, null)).toThrow(
      'Failed to serialize Avro data from topic mismatch: Found null value for non-optional schema',
    );
  });

  it('reports truncated Avro data with the schema id', async () => {
    const topic = newTopic('truncated');
    const bytes = await toBytes(converter(), topic, ORDER, order(1n));
    await expect(toData(converter(), topic, bytes.subarray(0, 12))).rejects.toThrow(
      new RegExp(`Failed to deserialize data for topic ${topic} to Avro: Error deserializing Avro message for id ${bytes.readInt32BE(1)}`),
    );
  });
});

describe('registration', () => {
  it('is a built-in converter under its class name and aliases', async () => {
    const { converterRegistry } = await import('../../src/converters/index.js');
    expect(converterRegistry.resolve('io.confluent.connect.avro.AvroConverter')).toBe('io.confluent.connect.avro.AvroConverter');
    expect(converterRegistry.resolve('Avro')).toBe('io.confluent.connect.avro.AvroConverter');
    expect(converterRegistry.newConverter('AvroConverter')).toBeInstanceOf(AvroConverter);
  });
});
