// A JSON reader that keeps numbers as their source text. Jackson hands Connect a number in a
// Map<String, String> as its literal text ("1.0" stays "1.0", 9223372036854775807 keeps every
// digit); JSON.parse on Node 20 cannot report the source text of a number.

/** A JSON number, as written. */
export class JsonNumber {
  constructor(readonly text: string) {}
}

export type JsonValue = string | boolean | null | JsonNumber | JsonValue[] | JsonObject;
/** Objects as Maps: ordered, and safe for any key. Duplicate keys: the last value wins. */
export type JsonObject = Map<string, JsonValue>;

export class JsonSyntaxError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(`${message} at line ${line} column ${column}`);
    this.name = 'JsonSyntaxError';
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function parseJsonText(text: string): JsonValue {
  const reader = new Reader(text.startsWith('\ufeff') ? text.slice(1) : text);
  const value = reader.value();
  reader.skipWhitespace();
  if (!reader.atEnd()) throw reader.error('Unexpected content after the JSON value');
  return value;
}

class Reader {
  private position = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.position >= this.text.length;
  }

  error(message: string): JsonSyntaxError {
    const before = this.text.slice(0, this.position);
    const line = before.split('\n').length;
    const column = this.position - before.lastIndexOf('\n');
    return new JsonSyntaxError(message, line, column);
  }

  skipWhitespace(): void {
    while (/[ \t\r\n]/.test(this.text[this.position] ?? '')) this.position++;
  }

  value(): JsonValue {
    this.skipWhitespace();
    const c = this.text[this.position];
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
        if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
        throw this.error(c === undefined ? 'Unexpected end of input' : `Unexpected character '${c}'`);
    }
  }

  private literal<T extends JsonValue>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.position)) throw this.error(`Unexpected character '${this.text[this.position]}'`);
    this.position += word.length;
    return value;
  }

  private number(): JsonNumber {
    NUMBER.lastIndex = this.position;
    const match = NUMBER.exec(this.text);
    if (match === null) throw this.error('Malformed number');
    this.position += match[0].length;
    return new JsonNumber(match[0]);
  }

  private string(): string {
    this.position++;
    let out = '';
    for (;;) {
      const c = this.text[this.position];
      if (c === undefined) throw this.error('Unterminated string');
      this.position++;
      if (c === '"') return out;
      if (c < ' ') {
        this.position--;
        throw this.error('Control character in string');
      }
      if (c !== '\\') {
        out += c;
        continue;
      }
      const escaped = this.text[this.position];
      this.position++;
      if (escaped === 'u') {
        const hex = this.text.slice(this.position, this.position + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw this.error('Malformed \\u escape');
        out += String.fromCharCode(parseInt(hex, 16));
        this.position += 4;
      } else {
        const simple = escaped === undefined ? undefined : SIMPLE_ESCAPES[escaped];
        if (simple === undefined) throw this.error(`Unknown escape '\\${escaped ?? ''}'`);
        out += simple;
      }
    }
  }

  private array(): JsonValue[] {
    this.position++;
    const items: JsonValue[] = [];
    this.skipWhitespace();
    if (this.text[this.position] === ']') {
      this.position++;
      return items;
    }
    for (;;) {
      items.push(this.value());
      this.skipWhitespace();
      const c = this.text[this.position++];
      if (c === ']') return items;
      if (c !== ',') {
        this.position--;
        throw this.error("Expected ',' or ']'");
      }
    }
  }

  private object(): JsonObject {
    this.position++;
    const entries: JsonObject = new Map();
    this.skipWhitespace();
    if (this.text[this.position] === '}') {
      this.position++;
      return entries;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.position] !== '"') throw this.error('Expected a property name');
      const key = this.string();
      this.skipWhitespace();
      if (this.text[this.position] !== ':') throw this.error("Expected ':'");
      this.position++;
      entries.set(key, this.value());
      this.skipWhitespace();
      const c = this.text[this.position++];
      if (c === '}') return entries;
      if (c !== ',') {
        this.position--;
        throw this.error("Expected ',' or '}'");
      }
    }
  }
}
