import { formatJavaDouble, formatJavaFloat } from '../../data/index.js';

/**
 * A JSON value as Avro schemas carry it (props, field defaults): objects keep their key order and
 * numbers keep their Jackson node kind, because Avro Java writes an IntNode, a FloatNode and a
 * DoubleNode differently (`1`, `1.5`, `1.0E10`) and the registered schema text must match.
 */
export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;
export type JsonObject = Map<string, JsonValue>;

export type JsonNumberKind = 'integer' | 'float' | 'double';

export class JsonNumber {
  private constructor(
    readonly kind: JsonNumberKind,
    readonly value: bigint | number,
  ) {}

  static integer(value: number | bigint): JsonNumber {
    return new JsonNumber('integer', BigInt(value));
  }

  static float(value: number): JsonNumber {
    return new JsonNumber('float', Math.fround(value));
  }

  static double(value: number): JsonNumber {
    return new JsonNumber('double', value);
  }

  isIntegral(): boolean {
    return this.kind === 'integer';
  }

  /** Jackson's longValue(): integers exactly (wrapped to 64 bits), others truncated. */
  toBigInt(): bigint {
    if (typeof this.value === 'bigint') return BigInt.asIntN(64, this.value);
    return Number.isFinite(this.value) ? BigInt.asIntN(64, BigInt(Math.trunc(this.value))) : 0n;
  }

  /** Jackson's intValue(). */
  toInt(): number {
    return Number(BigInt.asIntN(32, this.toBigInt()));
  }

  toNumber(): number {
    return Number(this.value);
  }

  /** The text Jackson writes for this node. */
  toString(): string {
    if (typeof this.value === 'bigint') return this.value.toString();
    return this.kind === 'float' ? formatJavaFloat(this.value) : formatJavaDouble(this.value);
  }
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return value instanceof Map;
}

export function isJsonNumber(value: JsonValue | undefined): value is JsonNumber {
  return value instanceof JsonNumber;
}

/** Compact JSON text, as Jackson's generator writes into a String (Avro's Schema.toString()). */
export function writeJson(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return quoteJson(value);
  if (value instanceof JsonNumber) {
    // Jackson writes non-finite doubles as strings (WRITE_NAN_AS_STRINGS).
    return typeof value.value === 'number' && !Number.isFinite(value.value) ? quoteJson(value.toString()) : value.toString();
  }
  if (Array.isArray(value)) return `[${value.map(writeJson).join(',')}]`;
  const parts: string[] = [];
  for (const [key, item] of value) parts.push(`${quoteJson(key)}:${writeJson(item)}`);
  return `{${parts.join(',')}}`;
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };
const NEEDS_ESCAPE = /[\u0000-\u001f"\\]/;

/** A JSON string as Jackson's character generator writes it: only `"`, `\` and control characters escaped. */
export function quoteJson(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return `"${text}"`;
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const short = SHORT_ESCAPES[code];
    if (short !== undefined) out += short;
    else if (code < 0x20) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += text[i];
  }
  return `${out}"`;
}

export class JsonParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonParseError';
  }
}

/**
 * Parses JSON text keeping object key order (even for integer-like keys, which JSON.parse
 * reorders) and integers exact; other numbers become double nodes, as Jackson reads them.
 */
export function parseJson(text: string): JsonValue {
  const parser = new Parser(text);
  parser.skipWhitespace();
  const value = parser.value();
  parser.skipWhitespace();
  if (!parser.atEnd()) parser.fail('Unexpected trailing content');
  return value;
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

class Parser {
  #pos = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.#pos >= this.text.length;
  }

  fail(message: string): never {
    throw new JsonParseError(`${message} at position ${this.#pos}`);
  }

  skipWhitespace(): void {
    while (this.#pos < this.text.length) {
      const c = this.text.charCodeAt(this.#pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      this.#pos++;
    }
  }

  value(): JsonValue {
    const c = this.text[this.#pos];
    switch (c) {
      case '{':
        return this.object();
      case '[':
        return this.array();
      case '"':
        return this.string();
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'n':
        return this.literal('null', null);
      default:
        return this.number();
    }
  }

  literal<T extends JsonValue>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.#pos)) this.fail('Unexpected token');
    this.#pos += word.length;
    return value;
  }

  number(): JsonNumber {
    NUMBER.lastIndex = this.#pos;
    const match = NUMBER.exec(this.text);
    if (match === null) this.fail('Unexpected token');
    this.#pos += match[0].length;
    if (match[1] === undefined && match[2] === undefined) return JsonNumber.integer(BigInt(match[0]));
    return JsonNumber.double(Number(match[0]));
  }

  string(): string {
    this.#pos++;
    let out = '';
    let start = this.#pos;
    for (;;) {
      if (this.#pos >= this.text.length) this.fail('Unterminated string');
      const c = this.text.charCodeAt(this.#pos);
      if (c === 0x22) {
        out += this.text.slice(start, this.#pos);
        this.#pos++;
        return out;
      }
      if (c === 0x5c) {
        out += this.text.slice(start, this.#pos);
        out += this.escape();
        start = this.#pos;
        continue;
      }
      if (c < 0x20) this.fail('Unescaped control character in string');
      this.#pos++;
    }
  }

  escape(): string {
    const c = this.text[this.#pos + 1];
    this.#pos += 2;
    switch (c) {
      case '"':
      case '\\':
      case '/':
        return c;
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u': {
        const hex = this.text.slice(this.#pos, this.#pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid unicode escape');
        this.#pos += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      default:
        return this.fail('Invalid escape');
    }
  }

  array(): JsonValue[] {
    this.#pos++;
    const items: JsonValue[] = [];
    this.skipWhitespace();
    if (this.text[this.#pos] === ']') {
      this.#pos++;
      return items;
    }
    for (;;) {
      this.skipWhitespace();
      items.push(this.value());
      this.skipWhitespace();
      const c = this.text[this.#pos++];
      if (c === ']') return items;
      if (c !== ',') this.fail("Expected ',' or ']'");
    }
  }

  object(): JsonObject {
    this.#pos++;
    const fields: JsonObject = new Map();
    this.skipWhitespace();
    if (this.text[this.#pos] === '}') {
      this.#pos++;
      return fields;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.#pos] !== '"') this.fail('Expected a field name');
      const key = this.string();
      this.skipWhitespace();
      if (this.text[this.#pos++] !== ':') this.fail("Expected ':'");
      this.skipWhitespace();
      fields.set(key, this.value());
      this.skipWhitespace();
      const c = this.text[this.#pos++];
      if (c === '}') return fields;
      if (c !== ',') this.fail("Expected ',' or '}'");
    }
  }
}
