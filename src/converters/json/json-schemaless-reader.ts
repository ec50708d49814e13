import { detachedCopy, javaHashMapOrder, javaHashMapTableSize, markSchemalessDouble, type SchemaAndValue } from '../../data/index.js';
import { decodeUtf8 } from './json-envelope-reader.js';
import {
  BIG,
  codesOf,
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
  startsWithCodes,
} from './json-payload-reader.js';

// Deeper documents take the lossless path, which applies Jackson's depth limit (1000).
const MAX_DEPTH = 500;
// Objects up to this size find repeated keys by a scan; larger ones through a Map.
const SCAN_LIMIT = 32;

/**
 * The keys of an object read before (distinct, in order), as they appear in the text, and their
 * Java HashMap order: the records of a topic mostly share their objects' keys.
 */
interface Shape {
  readonly keys: readonly string[];
  /** The char codes of each key in quotes: keys with escapes or control characters make no shape. */
  readonly quoted: ReadonlyArray<readonly number[]>;
  readonly order: readonly number[];
}

class SchemalessCursor extends Cursor {
  /** Whether the value just read was a JSON decimal (a Java Double). */
  decimal = false;
  /** The last object shape seen at each depth. */
  readonly shapes: Array<Shape | undefined> = [];
  /** Members of the objects being read, innermost last, below `top`. */
  readonly values: unknown[] = [];
  readonly decimals: boolean[] = [];
  top = 0;

  push(value: unknown, decimal: boolean): void {
    this.values[this.top] = value;
    this.decimals[this.top] = decimal;
    this.top++;
  }

  /** Drops the members from `base` on (not kept alive). */
  popTo(base: number): void {
    for (let i = base; i < this.top; i++) this.values[i] = undefined;
    this.top = base;
  }
}

/**
 * The fast path of JsonConverter.toConnectData with schemas.enable=false, for records that are a
 * JSON object, array or string (the first byte `{`, `[` or `"`): the text read straight into what JsonToConnect
 * makes of the JsonNode tree, without the tree. Objects become Maps in Java HashMap order (a
 * repeated key keeps its first position and takes the last value), integers bigint (Java's Long,
 * wrapped to 64 bits), other numbers doubles, marked per container when integral (`20.0`).
 * An object with the keys of the last object read at its depth reuses their strings and order.
 *
 * As the schema-driven reader, it declines (undefined) anything it is not sure of: syntax errors,
 * deep nesting, anything thrown; the caller then reads the record on the lossless path, which
 * gives the exact result or error. Like the lossless reader it ignores what follows the value.
 */
export class SchemalessReader {
  readonly #cursor = new SchemalessCursor();

  read(bytes: Uint8Array): SchemaAndValue | undefined {
    const first = bytes[0];
    if (first !== 0x7b && first !== 0x5b && first !== 0x22) return undefined;
    const c = this.#cursor;
    try {
      c.reset(decodeUtf8(bytes, 0), 0);
      return { schema: null, value: readValue(c, 1) };
    } catch {
      return undefined;
    } finally {
      // Do not keep the record's text or values alive.
      c.reset('', 0);
      c.popTo(0);
    }
  }
}

function readValue(c: SchemalessCursor, depth: number): unknown {
  c.decimal = false;
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
      c.decimal = true;
      return value;
    }
  }
}

function readObject(c: SchemalessCursor, depth: number): Map<unknown, unknown> {
  if (depth > MAX_DEPTH) throw NOT_FAST;
  c.pos++;
  skipWhitespace(c);
  const shape = c.shapes[depth];
  // This object's members are values[base + i], decimals[base + i] for its i-th distinct key.
  const base = c.top;
  // While the keys are the shape's, in its order, they are not collected.
  let keys: string[] | null = null;
  let count = 0;
  let positions: Map<string, number> | null = null;
  if (c.text.charCodeAt(c.pos) === 0x7d) {
    c.pos++;
  } else {
    for (;;) {
      if (keys === null && shape !== undefined && count < shape.keys.length && startsWithCodes(c.text, c.pos, shape.quoted[count])) {
        c.pos += shape.quoted[count].length;
        readColon(c);
        const value = readValue(c, depth + 1);
        c.push(value, c.decimal);
        count++;
      } else {
        if (c.text.charCodeAt(c.pos) !== 0x22) throw NOT_FAST;
        keys ??= shape === undefined ? [] : shape.keys.slice(0, count);
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
          c.push(value, c.decimal);
        } else {
          c.values[base + at] = value;
          c.decimals[base + at] = c.decimal;
        }
      }
      if (readMemberEnd(c)) break;
    }
  }
  let known: Shape;
  if (keys === null && shape !== undefined && count === shape.keys.length) {
    known = shape;
  } else {
    keys ??= shape === undefined ? [] : shape.keys.slice(0, count);
    known = { keys, quoted: [], order: javaHashMapOrder(keys, javaHashMapTableSize(keys.length)) };
    const remembered = shapeOf(keys, known.order);
    if (remembered !== undefined) c.shapes[depth] = remembered;
  }
  const result = new Map<unknown, unknown>();
  const { keys: names, order } = known;
  for (let j = 0; j < order.length; j++) {
    const i = order[j];
    const value = c.values[base + i];
    result.set(names[i], value);
    if (c.decimals[base + i]) markSchemalessDouble(result, names[i], value as number);
  }
  c.popTo(base);
  c.decimal = false;
  return result;
}

/** A shape to remember for these keys, or undefined when one is written with escapes or control characters. */
function shapeOf(keys: readonly string[], order: readonly number[]): Shape | undefined {
  for (const key of keys) {
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      if (code < 0x20 || code === 0x22 || code === 0x5c) return undefined;
    }
  }
  const own = keys.map(detachedCopy);
  return { keys: own, quoted: own.map((key) => codesOf(`"${key}"`)), order };
}

function readArray(c: SchemalessCursor, depth: number): unknown[] {
  if (depth > MAX_DEPTH) throw NOT_FAST;
  c.pos++;
  skipWhitespace(c);
  const result: unknown[] = [];
  if (c.text.charCodeAt(c.pos) === 0x5d) {
    c.pos++;
  } else {
    for (;;) {
      const value = readValue(c, depth + 1);
      if (c.decimal) markSchemalessDouble(result, result.length, value as number);
      result.push(value);
      skipWhitespace(c);
      const next = c.text.charCodeAt(c.pos++);
      if (next === 0x5d) break;
      if (next !== 0x2c) throw NOT_FAST;
      skipWhitespace(c);
    }
  }
  c.decimal = false;
  return result;
}
