import { DataException, NULL_SCHEMA_AND_VALUE, type ConnectHeaders, type Schema, type SchemaAndValue } from '../../data/index.js';
import { RetriableError } from '../../runtime/errors.js';
import type { Converter, ConverterConfigs } from '../converter.js';
import { LruCache } from '../lru-cache.js';
import { AvroReader, AvroWriter, binaryCodec, type AvroBinaryCodec } from './avro-binary.js';
import { backwardIncompatibilities } from './avro-compatibility.js';
import { parseAvroConverterConfig, type AvroConverterConfig } from './avro-converter-config.js';
import { AvroData } from './avro-data.js';
import { resolveDatum } from './avro-resolution.js';
import { parseAvroSchema } from './avro-schema-parser.js';
import { avroSchemaText } from './avro-schema-text.js';
import type { AvroSchema } from './avro-schema.js';
import { CachedSchemaRegistry } from './cached-schema-registry.js';
import { SchemaRegistryClient, SchemaRegistryError, SchemaRegistryUnreachableError, type SchemaString } from './registry-client.js';
import type { SubjectNameStrategy } from './subject-name-strategy.js';
import { KEY_SCHEMA_ID_HEADER, MAGIC_BYTE, readFrame, VALUE_SCHEMA_ID_HEADER, type SchemaIdentity } from './wire-format.js';

/** How values of one Avro schema are written under one subject. */
interface WriteTarget {
  readonly id: number;
  readonly codec: AvroBinaryCodec;
  /** A plain `bytes` schema is written without the Avro length prefix (Confluent's special case). */
  readonly raw: boolean;
}

/** How payloads of one schema id are read. */
interface ReadPlan {
  readonly idText: string;
  readonly writer: AvroSchema;
  readonly codec: AvroBinaryCodec;
  /** The subject's latest schema with use.latest.version, else null (read as written). */
  readonly reader: AvroSchema | null;
  readonly schema: Schema | null;
}

/** A registry call that failed, with what was being done and for which subject. */
class RegistryCallError extends Error {
  constructor(
    readonly action: string,
    readonly subject: string | null,
    readonly failure: unknown,
  ) {
    super(`${action}${subject === null ? '' : ` for subject '${subject}'`}: ${messageOf(failure)}`, { cause: failure });
  }
}

/**
 * io.confluent.connect.avro.AvroConverter: Connect data as Avro in Confluent's wire format
 * (magic byte 0, 4-byte schema id, Avro binary), with schemas registered in and fetched from a
 * Schema Registry and mapped to and from Connect schemas exactly as AvroData does.
 *
 * Registry calls are asynchronous, so conversions return a Promise when they need one (a new
 * schema to register, an unknown id to fetch) and the bytes or data directly once the schema
 * and id are cached. Each new schema costs one registry call per subject on write; each new id
 * costs one schema fetch and one version lookup on read.
 */
export class AvroConverter implements Converter {
  #isKey = false;
  #config: AvroConverterConfig | null = null;
  #avroData = new AvroData();
  #registry: CachedSchemaRegistry | null = null;
  readonly #writer = new AvroWriter();
  readonly #reader = new AvroReader();
  #writeTargets = new WeakMap<AvroSchema, Map<string, WriteTarget>>();
  #readPlans = new LruCache<string, ReadPlan>(1000);
  readonly #schemaTexts = new WeakMap<AvroSchema, string>();
  // Consecutive records nearly always share a schema: remember the last one ahead of the caches.
  #lastWrite: { schema: Schema | null; topic: string; avroSchema: AvroSchema; subject: string } | null = null;
  #lastRead: { topic: string; id: number | string; plan: ReadPlan } | null = null;
  #parsedSchemas = new LruCache<string, AvroSchema>(1000);

  /** Settings without the `key.converter.` / `value.converter.` prefix. */
  configure(configs: ConverterConfigs, isKey: boolean): void {
    const config = parseAvroConverterConfig(configs);
    this.#isKey = isKey;
    this.#config = config;
    this.#avroData = new AvroData(config.avroData);
    const client = new SchemaRegistryClient({
      urls: config.schemaRegistryUrls,
      credentials: config.credentials,
      headers: config.requestHeaders,
      timeoutMs: config.httpReadTimeoutMs,
      maxRetries: config.maxRetries,
      retryWaitMs: config.retriesWaitMs,
      retryMaxWaitMs: config.retriesMaxWaitMs,
    });
    this.#registry = new CachedSchemaRegistry(client, { capacity: config.maxSchemasPerSubject, latestTtlMs: config.latestCacheTtlMs });
    this.#writeTargets = new WeakMap();
    this.#readPlans = new LruCache(Math.max(1, config.maxSchemasPerSubject));
    this.#parsedSchemas = new LruCache(Math.max(1, config.maxSchemasPerSubject));
    this.#lastWrite = null;
    this.#lastRead = null;
  }

  config(): AvroConverterConfig {
    return this.#configured();
  }

  /** The AvroData mapping this converter applies (for tools that need the Avro schema of a Connect schema). */
  avroData(): AvroData {
    return this.#avroData;
  }

  fromConnectData(topic: string, _headers: ConnectHeaders | null, schema: Schema | null, value: unknown): Buffer | null | Promise<Buffer | null> {
    this.#configured();
    let avroSchema: AvroSchema;
    let datum: unknown;
    let subject: string;
    try {
      const last = this.#lastWrite;
      if (last !== null && last.schema === schema && last.topic === topic) {
        avroSchema = last.avroSchema;
        subject = last.subject;
      } else {
        avroSchema = this.#avroData.fromConnectSchema(schema);
        subject = this.#subjectForWrite(topic, avroSchema);
        this.#lastWrite = { schema, topic, avroSchema, subject };
      }
      datum = this.#avroData.fromConnectData(schema, avroSchema, value);
      // Null is a tombstone, never an Avro-encoded null.
      if (datum === null || datum === undefined) return null;
    } catch (error) {
      throw serializationError(topic, error);
    }
    const target = this.#writeTargets.get(avroSchema)?.get(subject);
    if (target !== undefined) return this.#encode(topic, target, datum);
    const pending = this.#resolveWriteTarget(subject, avroSchema).then(
      (resolved) => this.#encode(topic, resolved, datum),
      (error: unknown) => {
        throw serializationError(topic, error);
      },
    );
    // Awaiting callers still see a rejection; one that drops the Promise must not crash the process.
    pending.catch(() => undefined);
    return pending;
  }

  toConnectData(topic: string, headers: ConnectHeaders | null, bytes: Uint8Array | null): SchemaAndValue | Promise<SchemaAndValue> {
    this.#configured();
    if (bytes === null || bytes === undefined) return NULL_SCHEMA_AND_VALUE;
    let schemaId: SchemaIdentity;
    let offset: number;
    try {
      ({ schemaId, offset } = readFrame(bytes, this.#headerSchemaId(headers)));
    } catch (error) {
      throw deserializationError(topic, new Error(`Error deserializing schema ID: ${messageOf(error)}`, { cause: error }));
    }
    const idKey = schemaId.kind === 'id' ? schemaId.id : schemaId.guid;
    const last = this.#lastRead;
    if (last !== null && last.id === idKey && last.topic === topic) return this.#decode(topic, last.plan, bytes, offset);
    const strategy = this.#strategy();
    const subject = strategy.usesSchema ? null : strategy.subjectName(topic, this.#isKey, null);
    const key = `${subject ?? ''}\u0000${idKey}`;
    const plan = this.#readPlans.get(key);
    if (plan !== undefined) {
      this.#lastRead = { topic, id: idKey, plan };
      return this.#decode(topic, plan, bytes, offset);
    }
    const pending = this.#loadReadPlan(topic, subject, schemaId).then(
      (loaded) => {
        this.#readPlans.set(key, loaded);
        return this.#decode(topic, loaded, bytes, offset);
      },
      (error: unknown) => {
        throw deserializationError(topic, error);
      },
    );
    return guardedFromSyncCallers(pending, topic);
  }

  close(): void {
    this.#readPlans = new LruCache(1);
    this.#writeTargets = new WeakMap();
    this.#lastWrite = null;
    this.#lastRead = null;
  }

  #configured(): AvroConverterConfig {
    if (this.#config === null) throw new DataException('AvroConverter used before configure()');
    return this.#config;
  }

  #strategy(): SubjectNameStrategy {
    const config = this.#configured();
    return this.#isKey ? config.keySubjectNameStrategy : config.valueSubjectNameStrategy;
  }

  #subjectForWrite(topic: string, avroSchema: AvroSchema): string {
    const subject = this.#strategy().subjectName(topic, this.#isKey, avroSchema);
    if (subject === null) throw new DataException(`No subject name for topic ${topic}`);
    return subject;
  }

  #encode(topic: string, target: WriteTarget, datum: unknown): Buffer {
    const writer = this.#writer;
    writer.reset();
    writer.ensure(5);
    writer.buffer[0] = MAGIC_BYTE;
    writer.buffer.writeInt32BE(target.id, 1);
    writer.pos = 5;
    try {
      if (target.raw) writer.writeRaw(datum as Uint8Array);
      else target.codec.write(writer, datum);
    } catch (error) {
      throw serializationError(topic, new Error(`Error serializing Avro message: ${messageOf(error)}`, { cause: error }));
    }
    return writer.toBuffer();
  }

  /** Registers the schema, or finds the id to write with, as AbstractKafkaAvroSerializer does. */
  async #resolveWriteTarget(subject: string, avroSchema: AvroSchema): Promise<WriteTarget> {
    const config = this.#configured();
    const registry = this.#registry as CachedSchemaRegistry;
    const text = this.#textOf(avroSchema);
    let id: number;
    let writeSchema = avroSchema;
    if (config.autoRegisterSchemas) {
      id = await call('Error registering Avro schema', subject, () => registry.register(subject, text, config.normalizeSchemas));
    } else if (config.useSchemaId >= 0) {
      const found = await call('Error retrieving schema ID', subject, () => registry.schemaById(config.useSchemaId, subject));
      writeSchema = this.#parse(found, String(config.useSchemaId));
      if (config.idCompatibilityStrict) requireCompatible(writeSchema, avroSchema, 'id.compatibility.strict', subject);
      id = config.useSchemaId;
    } else if (config.useLatestVersion) {
      const latest = await call('Error retrieving latest version of Avro schema', subject, () => registry.latest(subject));
      writeSchema = this.#parse(latest, String(latest.id));
      if (config.latestCompatibilityStrict) requireCompatible(writeSchema, avroSchema, 'latest.compatibility.strict', subject);
      id = latest.id;
    } else {
      id = await call('Error retrieving Avro schema', subject, () => registry.lookUpId(subject, text, config.normalizeSchemas));
    }
    const target: WriteTarget = { id, codec: binaryCodec(writeSchema), raw: writeSchema.type === 'bytes' };
    let bySubject = this.#writeTargets.get(avroSchema);
    if (bySubject === undefined) {
      bySubject = new Map();
      this.#writeTargets.set(avroSchema, bySubject);
    }
    bySubject.set(subject, target);
    return target;
  }

  /** Fetches the writer's schema and its version, as AbstractKafkaAvroDeserializer does. */
  async #loadReadPlan(topic: string, topicSubject: string | null, schemaId: SchemaIdentity): Promise<ReadPlan> {
    const config = this.#configured();
    const registry = this.#registry as CachedSchemaRegistry;
    const idText = schemaId.kind === 'id' ? String(schemaId.id) : schemaId.guid;
    const which = this.#isKey ? 'key' : 'value';
    const found = await call(`Error retrieving Avro ${which} schema for id ${idText}`, topicSubject, () =>
      schemaId.kind === 'id' ? registry.schemaById(schemaId.id, topicSubject) : registry.schemaByGuid(schemaId.guid),
    );
    const writer = this.#parse(found, idText);
    const subject = topicSubject ?? this.#strategy().subjectName(topic, this.#isKey, writer) ?? '';
    const version = await call(`Error retrieving Avro ${which} schema version for id ${idText}`, subject, () => registry.version(subject, found.schema));
    let reader: AvroSchema | null = null;
    if (config.useLatestVersion) {
      const latest = await call('Error retrieving latest version of Avro schema', subject, () => registry.latest(subject));
      reader = this.#parse(latest, String(latest.id));
      if (reader === writer) reader = null;
    }
    return { idText, writer, codec: binaryCodec(writer), reader, schema: this.#avroData.toConnectSchema(reader ?? writer, version) };
  }

  #decode(topic: string, plan: ReadPlan, bytes: Uint8Array, offset: number): SchemaAndValue {
    let datum: unknown;
    try {
      if (plan.writer.type === 'bytes') {
        datum = Buffer.from(bytes.subarray(offset));
      } else {
        const reader = this.#reader.reset(bytes, offset);
        datum = plan.codec.read(reader);
        if (reader.remaining() > 0 && this.#configured().failOnTrailingData) throw new Error(`Trailing data found after deserializing Avro  message for id ${plan.idText}`);
      }
      if (plan.reader !== null) datum = resolveDatum(datum, plan.writer, plan.reader);
    } catch (error) {
      throw deserializationError(topic, new Error(`Error deserializing Avro message for id ${plan.idText}: ${messageOf(error)}`, { cause: error }));
    }
    try {
      return { schema: plan.schema, value: this.#avroData.toConnectValue(plan.schema, datum) };
    } catch (error) {
      throw deserializationError(topic, error);
    }
  }

  #headerSchemaId(headers: ConnectHeaders | null): Uint8Array | null {
    const value = headers?.lastWithName(this.#isKey ? KEY_SCHEMA_ID_HEADER : VALUE_SCHEMA_ID_HEADER)?.value();
    return value instanceof Uint8Array ? value : null;
  }

  #textOf(avroSchema: AvroSchema): string {
    let text = this.#schemaTexts.get(avroSchema);
    if (text === undefined) {
      text = avroSchemaText(avroSchema);
      this.#schemaTexts.set(avroSchema, text);
    }
    return text;
  }

  /** The registry's schema text as an Avro schema; the same text always gives the same object. */
  #parse(found: SchemaString, idText: string): AvroSchema {
    if (found.schemaType !== undefined && found.schemaType !== 'AVRO') {
      throw new DataException(`Schema ${idText} is of type ${found.schemaType}, not AVRO`);
    }
    if (found.references !== undefined && found.references.length > 0) {
      throw new DataException(`Schema ${idText} has references, which Sluice's AvroConverter does not resolve`);
    }
    let schema = this.#parsedSchemas.get(found.schema);
    if (schema === undefined) {
      schema = parseAvroSchema(found.schema);
      this.#parsedSchemas.set(found.schema, schema);
    }
    return schema;
  }
}

/**
 * A caller that treats the result as a SchemaAndValue without awaiting it (code written for the
 * synchronous Converter contract) gets a clear error instead of an undefined schema and value;
 * the registry call still completes and fills the caches, so a retry succeeds.
 */
function guardedFromSyncCallers(pending: Promise<SchemaAndValue>, topic: string): Promise<SchemaAndValue> {
  const notAwaited = (): never => {
    throw new DataException(
      `AvroConverter.toConnectData for topic ${topic} is waiting for the Schema Registry and returned a Promise; the worker must await converter results`,
      { topic },
    );
  };
  Object.defineProperty(pending, 'schema', { get: notAwaited });
  Object.defineProperty(pending, 'value', { get: notAwaited });
  pending.catch(() => undefined);
  return pending;
}

async function call<T>(action: string, subject: string | null, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw new RegistryCallError(action, subject, error);
  }
}

function requireCompatible(reader: AvroSchema, writer: AvroSchema, setting: string, subject: string): void {
  const problems = backwardIncompatibilities(reader, writer);
  if (problems.length > 0) {
    throw new DataException(
      `Incompatible schema of type 'AVRO' for subject '${subject}'. Set ${setting}=false to disable this check. Error messages: ${problems.join(',')}`,
    );
  }
}

/** AvroConverter's wrapping: unreachable or overloaded registries are retriable, the rest DataException. */
function serializationError(topic: string, error: unknown): Error {
  const failure = error instanceof RegistryCallError ? error.failure : error;
  if (failure instanceof SchemaRegistryUnreachableError) {
    return new RetriableError(`Network connection error while serializing Avro data for topic ${topic}: ${messageOf(error)}`, { cause: error });
  }
  if (failure instanceof SchemaRegistryError && failure.isRetriable()) {
    return new RetriableError(`Failed to serialize Avro data from topic ${topic} : ${messageOf(error)}`, { cause: error });
  }
  return new DataException(`Failed to serialize Avro data from topic ${topic}: ${messageOf(error)}`, { topic, cause: error });
}

function deserializationError(topic: string, error: unknown): Error {
  const failure = error instanceof RegistryCallError ? error.failure : error;
  if (failure instanceof SchemaRegistryUnreachableError) {
    return new RetriableError(`Network connection error while deserializing data for topic ${topic}: ${messageOf(error)}`, { cause: error });
  }
  if (failure instanceof SchemaRegistryError && failure.isRetriable()) {
    return new RetriableError(`Failed to deserialize data for topic ${topic} to Avro: ${messageOf(error)}`, { cause: error });
  }
  return new DataException(`Failed to deserialize data for topic ${topic} to Avro: ${messageOf(error)}`, { topic, cause: error });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
