import { javaHashMapOrder, javaHashMapTableSize, markSchemalessDouble, type SchemaAndValue } from '../../data/index.js';
import { decodeUtf8 } from './json-envelope-reader.js';
import {
  BIG,
  Cursor,
  FALSE,
  NOT_FAST,
  NULL,
  SMALL,
  TRUE,
  float64Of,
  int64Of,
  readColon,
  readLiteral,
  readMemberEnd,
  readString,
  scanNumber,
  skipWhitespace,
} from './json-payload-reader.js';

// Deeper documents take the lossless path, which applies Jackson's depth limit (1000).
const MAX_DEPTH = 500;
// Objects up to this size find repeated keys by a scan; larger ones through a Map.
const SCAN_LIMIT = 32;

/**
 * The fast path of JsonConverter.toConnectData with schemas.enable=false, for records that are a
 * JSON object or array (the first byte `{` or `[`): the text read straight into what JsonToConnect
 * makes of the JsonNode tree, without the tree. Objects become Maps in Java HashMap order (a
 * repeated key keeps its first position and takes the last value), integers bigint (Java's Long,
 * wrapped to 64 bits), other numbers doubles, marked per container when integral (`20.0`).
 *
 * As the schema-driven reader, it declines (undefined) anything it is not sure of: syntax errors,
 * deep nesting, anything thrown; the caller then reads the record on the lossless path, which
 * gives the exact result or error. Like the lossless reader it ignores what follows the value.
 */
export class SchemalessReader {
  readonly #cursor = new Cursor();

  read(bytes: Uint8Array): SchemaAndValue | undefined {
    const first = bytes[0];
    if (first !== 0x7b && first !== 0x5b) return undefined;
    const c = this.#cursor;
    try {
      c.text = decodeUtf8(bytes, 0);
      c.pos = 0;
      return { schema: null, value: readValue(c, 1) };
    } catch {
      return undefined;
    } finally {
      // Do not keep the record's text alive.
      c.text = '';
    }
  }
}

/** Set by readValue: whether the value just read was a JSON decimal (a Java Double). */
let readDecimal = false;

function readValue(c: Cursor, depth: number): unknown {
  readDecimal = false;
  switch (c.text.charCodeAt(c.pos)) {
    case 0x7b:
      return readObject(c, depth);
    case 0x5b:
      return readArray(c, depth);
    case 0x22:
      return readString(c);
    case 0x74:
      readLiteral(c, TRUE);
      return true;
    case 0x66:
      readLiteral(c, FALSE);
      return false;
    case 0x6e:
      readLiteral(c, NULL);
      return null;
    default: {
      const kind = scanNumber(c);
      if (kind === SMALL || kind === BIG) return int64Of(c, kind);
      const value = float64Of(c, kind);
      readDecimal = true;
      return value;
    }
  }
}

function readObject(c: Cursor, depth: number): Map<unknown, unknown> {
  if (depth > MAX_DEPTH) throw NOT_FAST;
  c.pos++;
  skipWhitespace(c);
  const keys: string[] = [];
  const values: unknown[] = [];
  const decimals: boolean[] = [];
  let positions: Map<string, number> | null = null;
  if (c.text.charCodeAt(c.pos) === 0x7d) {
    c.pos++;
  } else {
    for (;;) {
      if (c.text.charCodeAt(c.pos) !== 0x22) throw NOT_FAST;
      const key = readString(c);
      readColon(c);
      const value = readValue(c, depth + 1);
      let at: number | undefined;
      if (positions !== null) {
        at = positions.get(key);
      } else {
        const found = keys.indexOf(key);
        at = found < 0 ? undefined : found;
        if (keys.length === SCAN_LIMIT) positions = new Map(keys.map((k, i) => [k, i]));
      }
      if (at === undefined) {
        positions?.set(key, keys.length);
        keys.push(key);
        values.push(value);
        decimals.push(readDecimal);
      } else {
        values[at] = value;
        decimals[at] = readDecimal;
      }
      if (readMemberEnd(c)) break;
    }
  }
  const result = new Map<unknown, unknown>();
  for (const i of javaHashMapOrder(keys, javaHashMapTableSize(keys.length))) {
    result.set(keys[i], values[i]);
    if (decimals[i]) markSchemalessDouble(result, keys[i], values[i] as number);
  }
  readDecimal = false;
  return result;
}

function readArray(c: Cursor, depth: number): unknown[] {
  if (depth > MAX_DEPTH) throw NOT_FAST;
  c.pos++;
  skipWhitespace(c);
  const result: unknown[] = [];
  if (c.text.charCodeAt(c.pos) === 0x5d) {
    c.pos++;
  } else {
    for (;;) {
      const value = readValue(c, depth + 1);
      if (readDecimal) markSchemalessDouble(result, result.length, value as number);
      result.push(value);
      skipWhitespace(c);
      const next = c.text.charCodeAt(c.pos++);
      if (next === 0x5d) break;
      if (next !== 0x2c) throw NOT_FAST;
      skipWhitespace(c);
    }
  }
  readDecimal = false;
  return result;
}
