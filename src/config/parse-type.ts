import { ConfigException } from './config-exception.js';
import { type ConfigType, type ParsedValue, type RawConfigValue } from './config-types.js';
import { javaClassName, javaDoubleToString, javaToString, javaTrim } from './java-text.js';
import { Password } from './password.js';

export interface ParseOptions {
  /**
   * Whether a CLASS value names a loadable plugin. Kafka loads the class while parsing and reports
   * `Class X could not be found.`; without this hook any class name is accepted.
   */
  readonly classExists?: (className: string) => boolean;
}

const INTEGER_TEXT = /^[+-]?[0-9]+$/;
const DECIMAL_DOUBLE_TEXT = /^[+-]?(?:NaN|Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[fFdD]?)$/;
const HEX_DOUBLE_TEXT = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)[fFdD]?$/;
// Java's List parsing splits on commas with the surrounding whitespace and keeps trailing empties.
const COMMA_WITH_WHITESPACE = /\s*,\s*/;

const INTEGER_BOUNDS = {
  SHORT: { min: -32768n, max: 32767n, expected: 'Expected value to be a 16-bit integer (short)' },
  INT: { min: -2147483648n, max: 2147483647n, expected: 'Expected value to be a 32-bit integer' },
  LONG: { min: -9223372036854775808n, max: 9223372036854775807n, expected: 'Expected value to be a 64-bit integer (long)' },
} as const;

class NotANumber extends Error {}

/**
 * Converts a supplied value to its type, by Kafka's ConfigDef.parseType rules: strings are trimmed
 * (Java's trim), BOOLEAN takes only true/false in any case, integers are range-checked, LIST splits
 * on commas, PASSWORD wraps in Password. Throws ConfigException naming the key.
 */
export function parseType(name: string, value: RawConfigValue, type: ConfigType, options: ParseOptions = {}): ParsedValue {
  if (value === null) return null;
  const trimmed = typeof value === 'string' ? javaTrim(value) : undefined;
  try {
    switch (type) {
      case 'BOOLEAN':
        if (typeof value === 'boolean') return value;
        if (trimmed !== undefined) {
          const lower = trimmed.toLowerCase();
          if (lower === 'true') return true;
          if (lower === 'false') return false;
        }
        throw ConfigException.invalidValue(name, value, 'Expected value to be either true or false');
      case 'PASSWORD':
        if (value instanceof Password) return value;
        if (trimmed !== undefined) return new Password(trimmed);
        throw ConfigException.invalidValue(name, value, `Expected value to be a string, but it was a ${javaClassName(value)}`);
      case 'STRING':
        if (trimmed !== undefined) return trimmed;
        throw ConfigException.invalidValue(name, value, `Expected value to be a string, but it was a ${javaClassName(value)}`);
      case 'SHORT':
      case 'INT':
        return Number(parseInteger(name, value, trimmed, type));
      case 'LONG':
        return parseInteger(name, value, trimmed, type);
      case 'DOUBLE':
        if (typeof value === 'number') return value;
        if (typeof value === 'bigint') return Number(value);
        if (trimmed !== undefined) return parseJavaDouble(trimmed);
        throw ConfigException.invalidValue(name, value, `Expected value to be a double, but it was a ${javaClassName(value)}`);
      case 'LIST':
        if (Array.isArray(value) && value.every((element) => typeof element === 'string')) return [...value];
        if (trimmed !== undefined) return trimmed === '' ? [] : trimmed.split(COMMA_WITH_WHITESPACE);
        throw ConfigException.invalidValue(name, value, 'Expected a comma separated list.');
      case 'CLASS':
        if (trimmed === undefined) throw ConfigException.invalidValue(name, value, 'Expected a Class instance or class name.');
        if (options.classExists !== undefined && !options.classExists(trimmed)) {
          throw ConfigException.invalidValue(name, value, `Class ${javaToString(value)} could not be found.`);
        }
        return trimmed;
    }
  } catch (error) {
    if (error instanceof NotANumber) throw ConfigException.invalidValue(name, value, `Not a number of type ${type}`);
    throw error;
  }
  throw new Error(`Unknown config type ${String(type)}`);
}

function parseInteger(name: string, value: RawConfigValue, trimmed: string | undefined, type: 'SHORT' | 'INT' | 'LONG'): bigint {
  const bounds = INTEGER_BOUNDS[type];
  let parsed: bigint;
  if (trimmed !== undefined) {
    if (!INTEGER_TEXT.test(trimmed)) throw new NotANumber();
    parsed = BigInt(trimmed);
    if (parsed < bounds.min || parsed > bounds.max) throw new NotANumber();
    return parsed;
  }
  if (typeof value === 'number' && Number.isInteger(value)) {
    if (!Number.isSafeInteger(value)) {
      throw ConfigException.invalidValue(name, value, 'Integer is beyond the range JavaScript numbers hold exactly; give it as a string or bigint');
    }
    parsed = BigInt(value);
  } else if (typeof value === 'bigint') {
    parsed = value;
  } else {
    throw ConfigException.invalidValue(name, value, `${bounds.expected}, but it was a ${javaClassName(value)}`);
  }
  if (parsed < bounds.min || parsed > bounds.max) {
    const actual = parsed >= INTEGER_BOUNDS.INT.min && parsed <= INTEGER_BOUNDS.INT.max ? 'java.lang.Integer' : 'java.lang.Long';
    throw ConfigException.invalidValue(name, value, `${bounds.expected}, but it was a ${actual}`);
  }
  return parsed;
}

/** Java's Double.parseDouble grammar: optional f/F/d/D suffix, NaN, Infinity and hex floats included. */
function parseJavaDouble(text: string): number {
  if (DECIMAL_DOUBLE_TEXT.test(text)) return Number(text.replace(/[fFdD]$/, ''));
  const hex = HEX_DOUBLE_TEXT.exec(text);
  if (hex !== null) {
    const [, sign = '', whole = '', fraction = '', exponent = '0'] = hex;
    if (whole === '' && fraction === '') throw new NotANumber();
    const mantissa = Number(BigInt(`0x${whole}${fraction}`));
    const magnitude = mantissa * 2 ** (Number(exponent) - 4 * fraction.length);
    return sign === '-' ? -magnitude : magnitude;
  }
  throw new NotANumber();
}

/**
 * Renders a parsed value as Kafka's ConfigDef.convertToString does: lists comma-joined without
 * spaces, passwords as `[hidden]`, doubles as Java prints them. Without a type, Java's toString.
 */
export function convertToString(value: ParsedValue | undefined, type: ConfigType | null): string | null {
  if (value === null || value === undefined) return null;
  if (type === null) return javaToString(value);
  switch (type) {
    case 'LIST':
      return Array.isArray(value) ? value.map((element) => javaToString(element)).join(',') : javaToString(value);
    case 'DOUBLE':
      return typeof value === 'number' ? javaDoubleToString(value) : javaToString(value);
    default:
      return javaToString(value);
  }
}
