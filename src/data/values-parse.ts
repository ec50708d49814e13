import { BigDecimal } from './big-decimal.js';
import { ConnectDate } from './date.js';
import { Decimal } from './decimal.js';
import { DataException } from './errors.js';
import { parseLenientIso, type IsoPattern } from './java-date-format.js';
import { type Schema, Schema as Schemas } from './schema.js';
import type { SchemaAndValue } from './schema-and-value.js';
import { SchemaBuilder } from './schema-builder.js';
import { ConnectTime } from './time.js';
import { ConnectTimestamp } from './timestamp.js';
import { convertTo } from './values-convert.js';

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const DELIMITERS = new Set([':', ',', '{', '}', '[', ']', '"']);

/**
 * Infers a typed Connect value from text, as Values.parseString does for header strings:
 * `true`/`false` → BOOLEAN, integers → the smallest of INT8..INT64 that holds them (larger ones a
 * Decimal), other numbers FLOAT32 when finite as a float (else FLOAT64, else Decimal), the ISO
 * forms `HH:mm:ss.SSSZ`, `yyyy-MM-dd`, `yyyy-MM-ddTHH:mm:ss.SSSZ` → Time, Date, Timestamp,
 * `[..]` → ARRAY and `{..}` → MAP with a common element schema where one exists; anything else is
 * the original STRING. The literal `null` gives null. Returns null for null input or `null`.
 */
export function parseString(text: string | null): SchemaAndValue | null {
  if (text === null) return { schema: null, value: null };
  if (text === '') return { schema: Schemas.STRING_SCHEMA, value: text };
  return new ValueParser(new Tokenizer(text)).parse(false);
}

/** Java's String.trim: strips code units up to U+0020. */
function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

function isBlank(text: string | null): boolean {
  return text === null || javaTrim(text) === '';
}

/** Values.Parser: splits on unescaped `: , { } [ ] "`, each delimiter a token of its own. */
class Tokenizer {
  readonly original: string;
  #index = 0;
  #nextToken: string | null = null;
  #previousToken: string | null = null;

  constructor(original: string) {
    this.original = original;
  }

  position(): number {
    return this.#index;
  }

  mark(): number {
    return this.#index - (this.#nextToken !== null ? this.#nextToken.length : 0);
  }

  rewindTo(position: number): void {
    this.#index = position;
    this.#nextToken = null;
    this.#previousToken = null;
  }

  hasNext(): boolean {
    return this.#nextToken !== null || this.#index < this.original.length;
  }

  next(): string {
    if (this.#nextToken !== null) {
      this.#previousToken = this.#nextToken;
      this.#nextToken = null;
    } else {
      this.#previousToken = this.#consumeNextToken();
    }
    return this.#previousToken;
  }

  /** The text of the next n tokens, or null (and no move) when fewer remain. */
  nextTokens(count: number): string | null {
    const start = this.mark();
    for (let i = 0; i < count; i++) {
      if (!this.hasNext()) {
        this.rewindTo(start);
        return null;
      }
      this.next();
    }
    return this.original.slice(start, this.position());
  }

  previous(): string | null {
    return this.#previousToken;
  }

  /** Consumes the next token if, trimmed, it is `expected` (blank tokens are skipped). */
  canConsume(expected: string): boolean {
    if (this.#nextToken === null) {
      if (!this.hasNext()) return false;
      this.#nextToken = this.#consumeNextToken();
    }
    while (isBlank(this.#nextToken) && this.#index < this.original.length) this.#nextToken = this.#consumeNextToken();
    if (javaTrim(this.#nextToken ?? '') === expected) {
      this.#nextToken = null;
      return true;
    }
    return false;
  }

  #consumeNextToken(): string {
    let escaped = false;
    const start = this.#index;
    while (this.#index < this.original.length) {
      const c = this.original[this.#index];
      if (c === '\\') {
        escaped = !escaped;
      } else if (DELIMITERS.has(c) && !escaped) {
        if (start < this.#index) return this.original.slice(start, this.#index);
        this.#index++;
        return this.original.slice(start, start + 1);
      } else {
        escaped = false;
      }
      this.#index++;
    }
    return this.original.slice(start, this.#index);
  }
}

class SchemaMerger {
  #common: Schema | null = null;
  #compatible = true;

  merge(latest: SchemaAndValue | null): void {
    if (latest === null || latest.schema === null || !this.#compatible) return;
    if (this.#common === null) {
      this.#common = latest.schema;
    } else {
      this.#common = mergeSchemas(this.#common, latest.schema);
      this.#compatible = this.#common !== null;
    }
  }

  schema(): Schema | null {
    return this.#common;
  }
}

const WIDENING: Partial<Record<string, { narrower: string[]; wider: string[] }>> = {
  INT8: { narrower: [], wider: ['INT16', 'INT32', 'INT64', 'FLOAT32', 'FLOAT64'] },
  INT16: { narrower: ['INT8'], wider: ['INT32', 'INT64', 'FLOAT32', 'FLOAT64'] },
  INT32: { narrower: ['INT8', 'INT16'], wider: ['INT64', 'FLOAT32', 'FLOAT64'] },
  INT64: { narrower: ['INT8', 'INT16', 'INT32'], wider: ['FLOAT32', 'FLOAT64'] },
  FLOAT32: { narrower: ['INT8', 'INT16', 'INT32', 'INT64'], wider: ['FLOAT64'] },
  FLOAT64: { narrower: ['INT8', 'INT16', 'INT32', 'INT64', 'FLOAT32'], wider: [] },
};

function mergeSchemas(previous: Schema, latest: Schema): Schema | null {
  if (previous.type() !== latest.type()) {
    const rule = WIDENING[previous.type()];
    if (rule === undefined) return null;
    if (rule.narrower.includes(latest.type())) return previous;
    if (rule.wider.includes(latest.type())) return latest;
    return null;
  }
  if (previous.isOptional() === latest.isOptional()) return previous.isOptional() ? previous : latest;
  return previous.equals(latest) ? previous : null;
}

const TEMPORAL_BY_LENGTH: ReadonlyMap<number, IsoPattern> = new Map([
  [13, 'time'],
  [24, 'timestamp'],
  [10, 'date'],
]);

function temporalSchema(pattern: IsoPattern): Schema {
  switch (pattern) {
    case 'time':
      return ConnectTime.SCHEMA;
    case 'timestamp':
      return ConnectTimestamp.SCHEMA;
    case 'date':
      return ConnectDate.SCHEMA;
  }
}

function parseAsTemporal(token: string): SchemaAndValue | null {
  // Escaped colons are unescaped first.
  const text = token.replaceAll('\\:', ':');
  const pattern = TEMPORAL_BY_LENGTH.get(text.length);
  if (pattern === undefined) return null;
  const date = parseLenientIso(text, pattern);
  return date === null ? null : { schema: temporalSchema(pattern), value: date };
}

function parseAsNumber(token: string): SchemaAndValue {
  const decimal = BigDecimal.fromString(token);
  const exact = parseAsExactInteger(decimal);
  if (exact !== null) return exact;
  const asDouble = decimal.toNumber();
  const asFloat = Math.fround(asDouble);
  if (Number.isFinite(asFloat) && decimal.scale() !== 0) return { schema: Schemas.FLOAT32_SCHEMA, value: asFloat };
  if (Number.isFinite(asDouble) && decimal.scale() !== 0) return { schema: Schemas.FLOAT64_SCHEMA, value: asDouble };
  return { schema: Decimal.schema(decimal.scale()), value: decimal };
}

function parseAsExactInteger(decimal: BigDecimal): SchemaAndValue | null {
  if (!decimal.isIntegral()) return null;
  const integer = decimal.toBigInt();
  if (integer < LONG_MIN || integer > LONG_MAX) return null;
  const long = BigInt.asIntN(64, integer);
  if (long === BigInt.asIntN(8, long)) return { schema: Schemas.INT8_SCHEMA, value: Number(long) };
  if (long === BigInt.asIntN(16, long)) return { schema: Schemas.INT16_SCHEMA, value: Number(long) };
  if (long === BigInt.asIntN(32, long)) return { schema: Schemas.INT32_SCHEMA, value: Number(long) };
  return { schema: Schemas.INT64_SCHEMA, value: long };
}

class ValueParser {
  readonly #tokens: Tokenizer;

  constructor(tokens: Tokenizer) {
    this.#tokens = tokens;
  }

  parse(embedded: boolean): SchemaAndValue | null {
    const tokens = this.#tokens;
    if (!tokens.hasNext()) return null;
    if (embedded && tokens.canConsume('"')) return this.#parseQuotedString();
    if (this.#canParseSingleTokenLiteral(embedded, 'null')) return null;
    if (this.#canParseSingleTokenLiteral(embedded, 'true')) return { schema: Schemas.BOOLEAN_SCHEMA, value: true };
    if (this.#canParseSingleTokenLiteral(embedded, 'false')) return { schema: Schemas.BOOLEAN_SCHEMA, value: false };

    const start = tokens.mark();
    try {
      if (tokens.canConsume('[')) return this.#parseArray();
      if (tokens.canConsume('{')) return this.#parseMap();
    } catch (error) {
      if (!(error instanceof DataException)) throw error;
      // Not a well-formed array or map: read it as text instead.
      tokens.rewindTo(start);
    }

    const token = tokens.next();
    if (isBlank(token)) return { schema: Schemas.STRING_SCHEMA, value: token };
    return this.#parseNextToken(embedded, javaTrim(token));
  }

  #canParseSingleTokenLiteral(embedded: boolean, literal: string): boolean {
    const start = this.#tokens.mark();
    // At the top level the literal must be the whole text: "true}" is a string.
    if (this.#tokens.canConsume(literal) && (embedded || !this.#tokens.hasNext())) return true;
    this.#tokens.rewindTo(start);
    return false;
  }

  #parseNextToken(embedded: boolean, token: string): SchemaAndValue {
    const first = token[0];
    const firstIsDigit = /^\p{Nd}/u.test(token);
    if (firstIsDigit) {
      const temporal = this.#parseMultipleTokensAsTemporal(token);
      if (temporal !== null) return temporal;
    }
    if (firstIsDigit || first === '+' || first === '-') {
      try {
        return parseAsNumber(token);
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
      }
    }
    if (embedded) throw new DataException('Failed to parse embedded value');
    return { schema: Schemas.STRING_SCHEMA, value: this.#tokens.original };
  }

  // Unescaped colons split times into five tokens, so try the token with the next four first.
  #parseMultipleTokensAsTemporal(token: string): SchemaAndValue | null {
    const position = this.#tokens.mark();
    const remainder = this.#tokens.nextTokens(4);
    if (remainder !== null) {
      const temporal = parseAsTemporal(token + remainder);
      if (temporal !== null) return temporal;
    }
    this.#tokens.rewindTo(position);
    return parseAsTemporal(token);
  }

  #parseQuotedString(): SchemaAndValue {
    const parts: string[] = [];
    while (this.#tokens.hasNext()) {
      if (this.#tokens.canConsume('"')) break;
      parts.push(this.#tokens.next());
    }
    const content = parts.join('');
    return parseAsTemporal(content) ?? { schema: Schemas.STRING_SCHEMA, value: content };
  }

  #parseArray(): SchemaAndValue {
    const tokens = this.#tokens;
    let result: unknown[] = [];
    const elementSchema = new SchemaMerger();
    while (tokens.hasNext()) {
      if (tokens.canConsume(']')) {
        const common = elementSchema.schema();
        if (common === null) return { schema: SchemaBuilder.partialContainer('ARRAY', null, null).build(), value: result };
        const listSchema = SchemaBuilder.array(common).build();
        result = result.map((element) => convertTo(common, null, element));
        return { schema: listSchema, value: result };
      }
      if (tokens.canConsume(',')) throw new DataException(`Unable to parse an empty array element: ${tokens.original}`);
      const element = this.parse(true);
      elementSchema.merge(element);
      result.push(element !== null ? element.value : null);

      const position = tokens.mark();
      if (tokens.canConsume(']')) {
        tokens.rewindTo(position);
      } else if (!tokens.canConsume(',')) {
        throw new DataException("Array elements missing ',' delimiter");
      }
    }
    if (tokens.previous() === ',') throw new DataException(`Array is missing element after ',': ${tokens.original}`);
    throw new DataException(`Array is missing terminating ']': ${tokens.original}`);
  }

  #parseMap(): SchemaAndValue {
    const tokens = this.#tokens;
    const entries: Array<[unknown, unknown]> = [];
    const keySchema = new SchemaMerger();
    const valueSchema = new SchemaMerger();
    while (tokens.hasNext()) {
      if (tokens.canConsume('}')) {
        const keys = keySchema.schema();
        const values = valueSchema.schema();
        if (keys !== null && values !== null) {
          const aligned = entries.map(([k, v]): [unknown, unknown] => [convertTo(keys, null, k), convertTo(values, null, v)]);
          return { schema: SchemaBuilder.map(keys, values).build(), value: toLinkedMap(aligned) };
        }
        if (keys !== null) {
          const aligned = entries.map(([k, v]): [unknown, unknown] => [convertTo(keys, null, k), v]);
          return { schema: SchemaBuilder.partialContainer('MAP', keys, null).build(), value: toLinkedMap(aligned) };
        }
        return { schema: SchemaBuilder.partialContainer('MAP', null, null).build(), value: toLinkedMap(entries) };
      }
      if (tokens.canConsume(',')) throw new DataException(`Unable to parse a map entry with no key or value: ${tokens.original}`);
      const key = this.parse(true);
      if (key === null || key.value === null) throw new DataException(`Map entry may not have a null key: ${tokens.original}`);
      if (!tokens.canConsume(':')) throw new DataException(`Map entry is missing ':' at ${tokens.position()} in ${tokens.original}`);
      const value = this.parse(true);
      entries.push([key.value, value !== null ? value.value : null]);
      tokens.canConsume(',');
      keySchema.merge(key);
      valueSchema.merge(value);
    }
    if (tokens.previous() === ',') throw new DataException(`Map is missing element after ',': ${tokens.original}`);
    throw new DataException(`Map is missing terminating '}': ${tokens.original}`);
  }
}

// Java collects entries in a LinkedHashMap: a repeated key keeps its first position, last value.
function toLinkedMap(entries: Array<[unknown, unknown]>): Map<unknown, unknown> {
  const map = new Map<unknown, unknown>();
  for (const [key, value] of entries) map.set(key, value);
  return map;
}
