import { BigDecimal } from '../../data/index.js';
import type { JsonNode } from './json-node.js';

// Jackson's StreamReadConstraints defaults.
const MAX_DEPTH = 1000;
const MAX_NUMBER_LENGTH = 1000;
const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;
const IDENTIFIER_PART = /[\p{L}\p{Nd}_$]/u;
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** A JSON syntax error, with the character offset where reading stopped. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
    this.name = 'JsonSyntaxError';
  }
}

/**
 * Reads JSON bytes as Kafka's JsonDeserializer (Jackson readTree) does: UTF-8 (a BOM is skipped),
 * integers exact, other numbers as BigDecimal, leading zeros allowed, duplicate keys keep the
 * first position and the last value, and anything after the first complete value is ignored
 * (Jackson does not look for trailing tokens). Empty input gives `undefined` (MissingNode).
 */
export function readJson(bytes: Uint8Array): JsonNode | undefined {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch (error) {
    throw new JsonSyntaxError(`Invalid UTF-8 input (${(error as Error).message})`, 0);
  }
  return new JsonReader(text).readRoot();
}

class JsonReader {
  readonly #text: string;
  #pos = 0;

  constructor(text: string) {
    this.#text = text;
  }

  readRoot(): JsonNode | undefined {
    this.#skipWhitespace();
    if (this.#pos >= this.#text.length) return undefined;
    const root = this.#readValue(0);
    // Jackson insists that a root-level number is followed by white space or the end.
    if (root.kind === 'integer' || root.kind === 'decimal') {
      const next = this.#text[this.#pos];
      if (next !== undefined && next !== ' ' && next !== '\t' && next !== '\n' && next !== '\r') {
        this.#fail(`Unexpected character (${describe(next)}): Expected space separating root-level values`);
      }
    }
    return root;
  }

  #fail(message: string): never {
    throw new JsonSyntaxError(message, this.#pos);
  }

  #skipWhitespace(): void {
    for (;;) {
      const code = this.#text.charCodeAt(this.#pos);
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) this.#pos++;
      else return;
    }
  }

  #readValue(depth: number): JsonNode {
    const c = this.#text[this.#pos];
    switch (c) {
      case '{':
        return this.#readObject(depth + 1);
      case '[':
        return this.#readArray(depth + 1);
      case '"':
        return { kind: 'string', value: this.#readString() };
      case 't':
        this.#readLiteral('true');
        return { kind: 'boolean', value: true };
      case 'f':
        this.#readLiteral('false');
        return { kind: 'boolean', value: false };
      case 'n':
        this.#readLiteral('null');
        return { kind: 'null' };
      case undefined:
        return this.#fail('Unexpected end-of-input: expected a value');
      default:
        if (c === '-' || (c >= '0' && c <= '9')) return this.#readNumber();
        return this.#fail(`Unexpected character (${describe(c)}): expected a valid value`);
    }
  }

  #readLiteral(literal: string): void {
    const end = this.#pos + literal.length;
    const next = this.#text[end];
    if (this.#text.slice(this.#pos, end) !== literal || (next !== undefined && IDENTIFIER_PART.test(next))) {
      const token = /^[\p{L}\p{Nd}_$]*/u.exec(this.#text.slice(this.#pos))?.[0] ?? '';
      this.#fail(`Unrecognized token '${token}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`);
    }
    this.#pos = end;
  }

  #readNumber(): JsonNode {
    NUMBER.lastIndex = this.#pos;
    const match = NUMBER.exec(this.#text);
    if (match === null) this.#fail('Unexpected character after \'-\': expected digit (0-9) to follow minus sign, for valid numeric value');
    const text = match[0];
    const after = this.#text[this.#pos + text.length];
    if (after === '.' || after === 'e' || after === 'E') {
      this.#pos += text.length;
      this.#fail('Invalid numeric value: malformed number');
    }
    if (text.length > MAX_NUMBER_LENGTH) this.#fail(`Number value length (${text.length}) exceeds the maximum allowed (${MAX_NUMBER_LENGTH})`);
    this.#pos += text.length;
    if (match[1] === undefined && match[2] === undefined) return { kind: 'integer', value: BigInt(text) };
    return { kind: 'decimal', value: BigDecimal.fromString(text) };
  }

  #readString(): string {
    this.#pos++;
    const text = this.#text;
    let out = '';
    let start = this.#pos;
    for (;;) {
      const code = text.charCodeAt(this.#pos);
      if (code === 0x22) {
        out += text.slice(start, this.#pos);
        this.#pos++;
        return out;
      }
      if (code === 0x5c) {
        out += text.slice(start, this.#pos);
        out += this.#readEscape();
        start = this.#pos;
        continue;
      }
      if (code < 0x20 || Number.isNaN(code)) {
        if (Number.isNaN(code)) this.#fail('Unexpected end-of-input in a String value');
        this.#fail(`Illegal unquoted character (${describe(text[this.#pos])}): has to be escaped using backslash to be included in string value`);
      }
      this.#pos++;
    }
  }

  #readEscape(): string {
    const c = this.#text[this.#pos + 1];
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
        const hex = this.#text.slice(this.#pos, this.#pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.#fail('Unexpected character in a \\u escape: expected a hex-digit for character escape sequence');
        this.#pos += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      default:
        this.#pos--;
        return this.#fail(`Unrecognized character escape ${c === undefined ? 'at end-of-input' : describe(c)}`);
    }
  }

  #checkDepth(depth: number): void {
    if (depth > MAX_DEPTH) this.#fail(`Document nesting depth (${depth}) exceeds the maximum allowed (${MAX_DEPTH})`);
  }

  #readArray(depth: number): JsonNode {
    this.#checkDepth(depth);
    this.#pos++;
    const items: JsonNode[] = [];
    this.#skipWhitespace();
    if (this.#text[this.#pos] === ']') {
      this.#pos++;
      return { kind: 'array', items };
    }
    for (;;) {
      this.#skipWhitespace();
      items.push(this.#readValue(depth));
      this.#skipWhitespace();
      const c = this.#text[this.#pos];
      this.#pos++;
      if (c === ']') return { kind: 'array', items };
      if (c !== ',') {
        this.#pos--;
        this.#fail(`Unexpected character (${describe(c)}): was expecting comma to separate Array entries`);
      }
    }
  }

  #readObject(depth: number): JsonNode {
    this.#checkDepth(depth);
    const start = this.#pos;
    this.#pos++;
    const fields = new Map<string, JsonNode>();
    this.#skipWhitespace();
    if (this.#text[this.#pos] === '}') {
      this.#pos++;
      return { kind: 'object', fields, source: this.#text.slice(start, this.#pos) };
    }
    for (;;) {
      this.#skipWhitespace();
      if (this.#text[this.#pos] !== '"') {
        this.#fail(`Unexpected character (${describe(this.#text[this.#pos])}): was expecting double-quote to start field name`);
      }
      const key = this.#readString();
      this.#skipWhitespace();
      if (this.#text[this.#pos] !== ':') {
        this.#fail(`Unexpected character (${describe(this.#text[this.#pos])}): was expecting a colon to separate field name and value`);
      }
      this.#pos++;
      this.#skipWhitespace();
      fields.set(key, this.#readValue(depth));
      this.#skipWhitespace();
      const c = this.#text[this.#pos];
      this.#pos++;
      if (c === '}') return { kind: 'object', fields, source: this.#text.slice(start, this.#pos) };
      if (c !== ',') {
        this.#pos--;
        this.#fail(`Unexpected character (${describe(c)}): was expecting comma to separate Object entries`);
      }
    }
  }
}

function describe(c: string | undefined): string {
  if (c === undefined) return 'end-of-input';
  const code = c.charCodeAt(0);
  return code < 0x20 ? `CTRL-CHAR, code ${code}` : `'${c}' (code ${code})`;
}
