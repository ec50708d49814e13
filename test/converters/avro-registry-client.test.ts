/** The AvroConverter's registry traffic against a scripted fake registry: headers, retries, errors, id framings. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AvroConverter, SchemaRegistryClient, SchemaRegistryError } from '../../src/converters/avro/index.js';
import { ConnectHeaders, Schema, SchemaBuilder, Struct, type Schema as ConnectSchema } from '../../src/data/index.js';

interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

type Reply = { status: number; body: string };

let server: Server;
let url: string;
const seen: Seen[] = [];
let script: (request: Seen) => Reply;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = { method: request.method ?? 'GET', path: request.url ?? '/', headers: request.headers, body: Buffer.concat(chunks).toString() };
      seen.push(entry);
      const reply = script(entry);
      response.writeHead(reply.status, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
      response.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen.length = 0;
  script = () => ({ status: 404, body: JSON.stringify({ error_code: 404, message: 'HTTP 404 Not Found' }) });
});

const STRING_SCHEMA = '"string"';
const ok = (body: unknown): Reply => ({ status: 200, body: JSON.stringify(body) });

function converter(configs: Record<string, string> = {}): AvroConverter {
  const avro = new AvroConverter();
  avro.configure({ 'schema.registry.url': url, 'max.retries': '0', ...configs }, false);
  return avro;
}

/** A registry that knows one string schema as id 7, version 3. */
function stringRegistry(request: Seen): Reply {
  if (request.path.startsWith('/subjects/') && request.path.includes('/versions')) return ok({ id: 7 });
  if (request.path.startsWith('/schemas/')) return ok({ schema: STRING_SCHEMA });
  if (request.path.startsWith('/subjects/')) return ok({ subject: 't-value', version: 3, id: 7, schema: STRING_SCHEMA });
  return ok({});
}

describe('requests', () => {
  it('sends request.header.* settings and a bearer token', async () => {
    script = stringRegistry;
    await converter({ 'request.header.X-Tenant': 'blue', 'bearer.auth.token': 'tok3n' }).fromConnectData('t', null, Schema.STRING_SCHEMA, 'x');
    expect(seen[0].headers['x-tenant']).toBe('blue');
    expect(seen[0].headers.authorization).toBe('Bearer tok3n');
    expect(seen[0].headers.accept).toContain('application/vnd.schemaregistry.v1+json');
  });

  it('asks the registry to normalize with normalize.schemas=true', async () => {
    script = stringRegistry;
    await converter({ 'normalize.schemas': 'true' }).fromConnectData('t', null, Schema.STRING_SCHEMA, 'x');
    expect(seen.map((request) => request.path)).toEqual(['/subjects/t-value/versions?normalize=true']);
    expect(JSON.parse(seen[0].body)).toEqual({ schema: STRING_SCHEMA });
  });

  it('writes with use.schema.id after checking that schema can read the data', async () => {
    script = (request) => (request.path.startsWith('/schemas/ids/42') ? ok({ schema: '["null","string"]' }) : stringRegistry(request));
    const bytes = (await converter({ 'auto.register.schemas': 'false', 'use.schema.id': '42' }).fromConnectData('t', null, Schema.STRING_SCHEMA, 'x')) as Buffer;
    expect(seen.map((request) => request.path)).toEqual(['/schemas/ids/42?fetchMaxId=false&subject=t-value']);
    expect(bytes.readInt32BE(1)).toBe(42);
    // Branch 1 of ["null","string"], then "x".
    expect([...bytes.subarray(5)]).toEqual([0x02, 0x02, 0x78]);

    script = () => ok({ schema: '"long"' });
    await expect(converter({ 'auto.register.schemas': 'false', 'use.schema.id': '43' }).fromConnectData('t', null, Schema.STRING_SCHEMA, 'x')).rejects.toThrow(
      /Set id.compatibility.strict=false to disable this check/,
    );
  });

  it('retries a busy registry (max.retries), then reports it as retriable', async () => {
    let calls = 0;
    script = (request) => (++calls === 1 ? { status: 503, body: '{"error_code":50302,"message":"busy"}' } : stringRegistry(request));
    const bytes = await converter({ 'max.retries': '1', 'retries.wait.ms': '1' }).fromConnectData('t', null, Schema.STRING_SCHEMA, 'x');
    expect(Buffer.isBuffer(bytes)).toBe(true);
    expect(calls).toBe(2);

    script = () => ({ status: 503, body: '{"error_code":50302,"message":"busy"}' });
    await expect(converter().fromConnectData('t', null, Schema.STRING_SCHEMA, 'x')).rejects.toMatchObject({
      name: 'RetriableException',
      message: "Failed to serialize Avro data from topic t : Error registering Avro schema for subject 't-value': busy; error code: 50302",
    });
  });

  it('keeps Confluent\'s texts for error bodies that are not JSON', async () => {
    script = () => ({ status: 422, body: 'oops' });
    const client = new SchemaRegistryClient({ urls: [url], maxRetries: 0 });
    const failure = client.registerSchema('s', STRING_SCHEMA, false);
    await expect(failure).rejects.toBeInstanceOf(SchemaRegistryError);
    await expect(failure).rejects.toThrow("Unable to parse error message from schema registry: '(oops)'; error code: 50005");
  });
});

describe('schema id framings', () => {
  it('reads a schema GUID after magic byte 1', async () => {
    script = (request) => (request.path.startsWith('/schemas/guids/') ? ok({ schema: STRING_SCHEMA }) : stringRegistry(request));
    const guid = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
    const payload = Buffer.concat([Buffer.from([1]), guid, Buffer.from([0x04, 0x68, 0x69])]);
    const data = await converter().toConnectData('t', null, payload);
    expect(data.value).toBe('hi');
    expect(seen[0].path).toBe('/schemas/guids/01234567-89ab-cdef-0123-456789abcdef');
  });

  it('takes the schema id from the __value_schema_id header when present', async () => {
    script = stringRegistry;
    const headers = new ConnectHeaders().addBytes('__value_schema_id', Buffer.from([0, 0, 0, 0, 7]));
    const data = await converter().toConnectData('t', headers, Buffer.from([0x04, 0x68, 0x69]));
    expect(data.value).toBe('hi');
    expect(data.schema?.version()).toBe(3);
    expect(seen.map((request) => request.path)).toEqual(['/schemas/ids/7?fetchMaxId=false&subject=t-value', '/subjects/t-value?normalize=false&deleted=true']);
  });

  it('ignores bytes after the datum unless avro.fail.on.trailing.data=true', async () => {
    script = stringRegistry;
    const payload = Buffer.from([0, 0, 0, 0, 7, 0x02, 0x61, 0xff]);
    expect((await converter().toConnectData('t', null, payload)).value).toBe('a');
    await expect(converter({ 'avro.fail.on.trailing.data': 'true' }).toConnectData('t', null, payload)).rejects.toThrow(
      'Failed to deserialize data for topic t to Avro: Error deserializing Avro message for id 7: Trailing data found after deserializing Avro  message for id 7',
    );
  });

  it('fails on a subject that does not hold the schema (version lookup 40401)', async () => {
    script = (request) =>
      request.path.startsWith('/schemas/ids/')
        ? ok({ schema: STRING_SCHEMA })
        : { status: 404, body: JSON.stringify({ error_code: 40401, message: "Subject 't-value' not found." }) };
    await expect(converter().toConnectData('t', null, Buffer.from([0, 0, 0, 0, 9, 0x02, 0x61]))).rejects.toThrow(
      "Failed to deserialize data for topic t to Avro: Error retrieving Avro value schema version for id 9 for subject 't-value': Subject 't-value' not found.; error code: 40401",
    );
  });
});

describe('struct payloads from other producers', () => {
  it('gives Avro record defaults to fields the writer did not have when reading into the latest schema', async () => {
    const writer = '{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}';
    const latest = '{"type":"record","name":"R","fields":[{"name":"a","type":"long"},{"name":"b","type":"string","default":"dflt"}]}';
    script = (request) => {
      if (request.path.startsWith('/schemas/ids/')) return ok({ schema: writer });
      if (request.path.endsWith('/versions/latest')) return ok({ subject: 't-value', version: 2, id: 8, schema: latest });
      return ok({ subject: 't-value', version: 1, id: 5, schema: writer });
    };
    const data = await converter({ 'use.latest.version': 'true' }).toConnectData('t', null, Buffer.from([0, 0, 0, 0, 5, 0x54]));
    const struct = data.value as Struct;
    expect(struct.get('a')).toBe(42n);
    expect(struct.get('b')).toBe('dflt');
    expect(data.schema?.version()).toBe(1);
    const b = data.schema?.field('b')?.schema() as ConnectSchema;
    expect(b.defaultValue()).toBe('dflt');
    expect(data.schema?.equals(SchemaBuilder.struct().name('R').version(1).field('a', Schema.INT64_SCHEMA).field('b', b).build())).toBe(true);
  });
});
