/**
 * Confluent's framing of a serialized value: magic byte 0 and the schema's 4-byte big-endian
 * global id before the Avro body (written), or magic byte 1 and a 16-byte schema GUID (read
 * only, from newer serializers). The id may also come from a `__key_schema_id` /
 * `__value_schema_id` header, in which case the payload is all body.
 */
export const MAGIC_BYTE = 0x0;
export const MAGIC_BYTE_GUID = 0x1;
export const ID_SIZE = 4;
export const PREFIX_SIZE = 1 + ID_SIZE;
export const KEY_SCHEMA_ID_HEADER = '__key_schema_id';
export const VALUE_SCHEMA_ID_HEADER = '__value_schema_id';

export type SchemaIdentity = { readonly kind: 'id'; readonly id: number } | { readonly kind: 'guid'; readonly guid: string };

export interface FramedPayload {
  readonly schemaId: SchemaIdentity;
  /** Where the Avro body starts. */
  readonly offset: number;
}

/** The framing could not be read (Confluent's "Unknown magic byte!"). */
export class WireFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SerializationException';
  }
}

/** Reads the schema id ahead of the body, or from the header value when one was sent. */
export function readFrame(payload: Uint8Array, headerValue: Uint8Array | null = null): FramedPayload {
  if (headerValue !== null) return { schemaId: readIdentity(headerValue).schemaId, offset: 0 };
  return readIdentity(payload);
}

function readIdentity(bytes: Uint8Array): FramedPayload {
  const magic = bytes[0];
  if (magic === MAGIC_BYTE) {
    if (bytes.length < PREFIX_SIZE) throw new WireFormatError('Error deserializing schema ID: buffer underflow');
    const id = (bytes[1] << 24) | (bytes[2] << 16) | (bytes[3] << 8) | bytes[4];
    return { schemaId: { kind: 'id', id }, offset: PREFIX_SIZE };
  }
  if (magic === MAGIC_BYTE_GUID) {
    if (bytes.length < 17) throw new WireFormatError('Error deserializing schema ID: buffer underflow');
    return { schemaId: { kind: 'guid', guid: formatUuid(bytes.subarray(1, 17)) }, offset: 17 };
  }
  throw new WireFormatError('Unknown magic byte!');
}

/** The 5-byte prefix for a schema id. */
export function idPrefix(id: number): Buffer {
  const prefix = Buffer.alloc(PREFIX_SIZE);
  prefix[0] = MAGIC_BYTE;
  prefix.writeInt32BE(id, 1);
  return prefix;
}

function formatUuid(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
