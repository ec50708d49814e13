/**
 * Transform preview (a Sluice feature): runs sample records through a connector-style transform
 * chain and converters without creating a connector, showing the record after every transform,
 * the final serialized key/value, or the error and which transform raised it.
 *
 * Samples are what a sink would consume: key/value as text (or base64 bytes) that the configured
 * converters read; the result is serialized back with the same converters, as a source would write it.
 */
import { configuredConverters } from '../converters/configured-converters.js';
import { ConnectHeaders, SinkRecord, Struct, type Schema } from '../data/index.js';
import { BadRequestError } from './errors.js';
import type { TransformationChain } from './transformation-chain.js';

export interface PreviewSample {
  topic: string;
  partition?: number;
  key?: string | null;
  keyBase64?: string;
  value?: string | null;
  valueBase64?: string;
  headers?: Record<string, string | null>;
  timestamp?: number;
}

export interface PreviewRecordView {
  topic: string;
  partition: number | null;
  key: unknown;
  key_schema: string | null;
  value: unknown;
  value_schema: string | null;
  headers: Record<string, unknown>;
}

export interface PreviewStep {
  transform: string;
  applied: boolean;
  record: PreviewRecordView | null;
}

export interface SerializedBytes {
  base64: string | null;
  text: string | null;
}

export interface PreviewResult {
  input: PreviewRecordView | null;
  steps: PreviewStep[];
  output: { topic: string; partition: number | null; key: SerializedBytes; value: SerializedBytes; headers: Record<string, SerializedBytes> } | null;
  dropped: boolean;
  error: { stage: string; transform: string | null; message: string } | null;
}

export interface PreviewRequest {
  config: Record<string, string>;
  records: PreviewSample[];
}

export type ChainFactory = (config: Record<string, string>) => TransformationChain;

export async function previewTransforms(request: PreviewRequest, workerConverters: Readonly<Record<string, string>>, chainFor: ChainFactory): Promise<PreviewResult[]> {
  if (!Array.isArray(request.records) || request.records.length === 0) throw new BadRequestError('records must be a non-empty array of sample records');
  const config = { ...request.config };
  const converterSource = { ...workerConverters, ...config };
  if (converterSource['key.converter'] === undefined) converterSource['key.converter'] = 'org.apache.kafka.connect.storage.StringConverter';
  if (converterSource['value.converter'] === undefined) converterSource['value.converter'] = 'org.apache.kafka.connect.json.JsonConverter';
  let converters;
  let chain: TransformationChain;
  try {
    converters = configuredConverters(converterSource, config);
    chain = chainFor(config);
  } catch (err) {
    throw new BadRequestError(`Invalid preview configuration: ${(err as Error).message}`);
  }
  try {
    const results: PreviewResult[] = [];
    for (const [i, sample] of request.records.entries()) results.push(await previewOne(sample, i, converters, chain));
    return results;
  } finally {
    chain.close();
  }
}

function bytesOf(text: string | null | undefined, base64: string | undefined): Buffer | null {
  if (base64 !== undefined) return Buffer.from(base64, 'base64');
  return text === undefined || text === null ? null : Buffer.from(text);
}

async function previewOne(sample: PreviewSample, index: number, converters: ReturnType<typeof configuredConverters>, chain: TransformationChain): Promise<PreviewResult> {
  const result: PreviewResult = { input: null, steps: [], output: null, dropped: false, error: null };
  if (typeof sample?.topic !== 'string' || sample.topic === '') {
    result.error = { stage: 'INPUT', transform: null, message: `records[${index}].topic must be a non-empty string` };
    return result;
  }
  let stage = 'HEADER_CONVERTER';
  let record: SinkRecord | null;
  try {
    const headers = new ConnectHeaders();
    for (const [k, v] of Object.entries(sample.headers ?? {})) {
      headers.addSchemaAndValue(k, converters.headerConverter.toConnectHeader(sample.topic, k, v === null ? null : Buffer.from(v)));
    }
    stage = 'KEY_CONVERTER';
    const key = await converters.keyConverter.toConnectData(sample.topic, headers, bytesOf(sample.key, sample.keyBase64));
    stage = 'VALUE_CONVERTER';
    const value = await converters.valueConverter.toConnectData(sample.topic, headers, bytesOf(sample.value, sample.valueBase64));
    record = new SinkRecord({
      topic: sample.topic,
      kafkaPartition: sample.partition ?? 0,
      kafkaOffset: BigInt(index),
      keySchema: key.schema,
      key: key.value,
      valueSchema: value.schema,
      value: value.value,
      timestamp: sample.timestamp ?? Date.now(),
      timestampType: 'CreateTime',
      headers,
    });
    result.input = view(record);
  } catch (err) {
    result.error = { stage, transform: null, message: (err as Error).message };
    return result;
  }
  for (const s of chain.stages) {
    if (record === null) break;
    const current: SinkRecord = record;
    try {
      const applies = s.predicate === undefined || s.predicate.test(current) !== s.negate;
      record = applies ? s.transformation.apply(current) : current;
      result.steps.push({ transform: s.alias, applied: applies, record: record === null ? null : view(record) });
    } catch (err) {
      result.error = { stage: 'TRANSFORMATION', transform: s.alias, message: (err as Error).message };
      return result;
    }
  }
  if (record === null) {
    result.dropped = true;
    return result;
  }
  const final: SinkRecord = record;
  try {
    stage = 'KEY_CONVERTER';
    const key = await converters.keyConverter.fromConnectData(final.topic(), final.headers(), final.keySchema(), final.key());
    stage = 'VALUE_CONVERTER';
    const value = await converters.valueConverter.fromConnectData(final.topic(), final.headers(), final.valueSchema(), final.value());
    stage = 'HEADER_CONVERTER';
    const headers: Record<string, SerializedBytes> = {};
    for (const h of final.headers()) headers[h.key()] = serialized(converters.headerConverter.fromConnectHeader(final.topic(), h.key(), h.schema(), h.value()));
    result.output = { topic: final.topic(), partition: final.kafkaPartition(), key: serialized(key), value: serialized(value), headers };
  } catch (err) {
    result.error = { stage, transform: null, message: (err as Error).message };
  }
  return result;
}

function serialized(bytes: Buffer | null): SerializedBytes {
  if (bytes === null) return { base64: null, text: null };
  const text = bytes.toString('utf8');
  return { base64: bytes.toString('base64'), text: Buffer.from(text, 'utf8').equals(bytes) ? text : null };
}

function view(record: SinkRecord): PreviewRecordView {
  const headers: Record<string, unknown> = {};
  for (const h of record.headers()) headers[h.key()] = plain(h.value());
  return {
    topic: record.topic(),
    partition: record.kafkaPartition(),
    key: plain(record.key()),
    key_schema: schemaText(record.keySchema()),
    value: plain(record.value()),
    value_schema: schemaText(record.valueSchema()),
    headers,
  };
}

function schemaText(schema: Schema | null): string | null {
  return schema === null ? null : schema.toString();
}

/** Connect values as JSON: structs as objects, 64-bit ints as numbers when exact (else strings), bytes base64. */
function plain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Struct) {
    const out: Record<string, unknown> = {};
    for (const f of value.schema().fields()) out[f.name()] = plain(value.get(f.name()));
    return out;
  }
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), plain(v)]));
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object') {
    const maybe = value as { toString?: () => string };
    if (Object.getPrototypeOf(value) !== Object.prototype && typeof maybe.toString === 'function') return maybe.toString();
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}
