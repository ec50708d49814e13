import type { Schema, SchemaAndValue } from '../../data/index.js';
import { Cursor, objectEnd, readPayloadTail, type PayloadReader, type PayloadReaders } from './json-payload-reader.js';
import type { JsonToConnect } from './json-to-connect.js';

// `{"schema":` as Java's JsonConverter writes it; the schema object starts right after.
const PREFIX = Buffer.from('{"schema":', 'latin1');
const SCHEMA_START = PREFIX.length;
// Strict UTF-8 as the lossless reader decodes. Here U+FEFF is an ordinary character (that the
// reader then rejects): the records read here start with `{`, not with a BOM.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
// Buffer's own decoder is about twice as fast, but replaces invalid sequences with U+FFFD.
const utf8Slice = (Buffer.prototype as unknown as { utf8Slice?: (this: Uint8Array, start: number, end: number) => string }).utf8Slice;
// Schema texts recently seen, compared as bytes before decoding anything.
const RECENT_SCHEMAS = 4;

interface KnownSchema {
  /** The UTF-8 text of a schema object that JsonToConnect converted. */
  readonly bytes: Buffer;
  readonly schema: Schema;
  readonly reader: PayloadReader;
}

/**
 * The fast path of JsonConverter.toConnectData with schemas enabled, for envelopes written as Java
 * writes them: `{"schema":<schema object>,"payload":<payload>}`.
 *
 * The schema is not parsed: JsonToConnect caches converted schemas by the exact text of the schema
 * object, so the object's text span (found by a bracket and string aware scan) is looked up there,
 * and only the payload is read, by a schema-driven PayloadReader. The last few schema texts are
 * also kept as bytes and compared to the record's bytes directly, so that for a topic of a few
 * schemas not even the schema's bytes are decoded.
 *
 * Why a match is exact: a cached text is a complete, valid JSON object, and a parser that starts
 * on text beginning with a complete object stops at its end; so when the record's bytes at the
 * schema position begin with a known schema text, readJson would read that same object, and
 * JsonToConnect would return the schema cached for it.
 *
 * read() returns undefined when it cannot tell (a new schema, another layout, a null schema,
 * anything the PayloadReader declines, any error): the caller then takes the lossless path, which
 * gives the exact result or error (and caches the schema for the next record).
 */
export class EnvelopeReader {
  readonly #toConnect: JsonToConnect;
  readonly #readers: PayloadReaders;
  readonly #cursor = new Cursor();
  #recent: KnownSchema[] = [];

  constructor(toConnect: JsonToConnect, readers: PayloadReaders) {
    this.#toConnect = toConnect;
    this.#readers = readers;
  }

  read(bytes: Uint8Array): SchemaAndValue | undefined {
    try {
      return this.#read(bytes);
    } catch {
      return undefined;
    } finally {
      // Do not keep the record's text alive.
      this.#cursor.reset('', 0);
    }
  }

  #read(bytes: Uint8Array): SchemaAndValue | undefined {
    if (!hasPrefix(bytes)) return undefined;
    const cursor = this.#cursor;
    const recent = this.#recent;
    for (let i = 0; i < recent.length; i++) {
      const known = recent[i];
      const end = SCHEMA_START + known.bytes.length;
      if (bytes.length > end && known.bytes.compare(bytes, SCHEMA_START, end) === 0) {
        cursor.reset(decodeUtf8(bytes, end), 0);
        return { schema: known.schema, value: readPayloadTail(cursor, known.reader) };
      }
    }
    const text = decodeUtf8(bytes, 0);
    const end = objectEnd(text, SCHEMA_START);
    if (end < 0) return undefined;
    const schemaText = text.slice(SCHEMA_START, end);
    const schema = this.#toConnect.cachedSchema(schemaText);
    if (schema === undefined || schema === null) return undefined;
    const reader = this.#readers.readerFor(schema);
    if (reader === null) return undefined;
    cursor.reset(text, end);
    const value = readPayloadTail(cursor, reader);
    const byteLength = text.length === bytes.length ? schemaText.length : Buffer.byteLength(schemaText, 'utf8');
    // A copy: the record's buffer may be reused by its owner.
    const known = { bytes: Buffer.from(bytes.subarray(SCHEMA_START, SCHEMA_START + byteLength)), schema, reader };
    this.#recent = [known, ...this.#recent.slice(0, RECENT_SCHEMAS - 1)];
    return { schema, value };
  }
}

/**
 * bytes[start..] as strict UTF-8 (TextDecoder fatal, BOM kept). Buffer's decoder turns every
 * invalid sequence into U+FFFD, so a text without U+FFFD is the exact decoding; with one (invalid
 * input, or a real U+FFFD) the strict decoder decides.
 */
export function decodeUtf8(bytes: Uint8Array, start: number): string {
  if (utf8Slice !== undefined) {
    const text = utf8Slice.call(bytes, start, bytes.length);
    if (text.indexOf('\uFFFD') === -1) return text;
  }
  return UTF8.decode(bytes.subarray(start));
}

function hasPrefix(bytes: Uint8Array): boolean {
  if (bytes.length <= SCHEMA_START) return false;
  for (let i = 0; i < SCHEMA_START; i++) if (bytes[i] !== PREFIX[i]) return false;
  return true;
}
