import type { ConfigDef } from './config-def.js';
import { ConfigException } from './config-exception.js';
import type { ConfigProps, ConfigType, ParsedValue, RawConfigValue } from './config-types.js';
import { setOwn } from './own-record.js';
import type { ParseOptions } from './parse-type.js';
import { Password } from './password.js';

/**
 * A parsed configuration with typed getters (the reading side of Kafka's AbstractConfig). The
 * getters return null for keys whose value is null and throw for keys the definition lacks.
 */
export class ParsedConfig {
  readonly #definition: ConfigDef;
  readonly #originals: ConfigProps;
  readonly #values: ReadonlyMap<string, ParsedValue>;

  constructor(definition: ConfigDef, originals: ConfigProps, options: ParseOptions = {}) {
    this.#definition = definition;
    this.#originals = { ...originals };
    this.#values = definition.parse(originals, options);
  }

  get definition(): ConfigDef {
    return this.#definition;
  }

  values(): ReadonlyMap<string, ParsedValue> {
    return this.#values;
  }

  get(key: string): ParsedValue {
    if (!this.#values.has(key)) throw new ConfigException(`Unknown configuration '${key}'`, { configName: key });
    return this.#values.get(key) ?? null;
  }

  getString(key: string): string | null {
    return this.#typed(key, 'STRING', (v): v is string => typeof v === 'string');
  }

  getClass(key: string): string | null {
    return this.#typed(key, 'CLASS', (v): v is string => typeof v === 'string');
  }

  getBoolean(key: string): boolean | null {
    return this.#typed(key, 'BOOLEAN', (v): v is boolean => typeof v === 'boolean');
  }

  getInt(key: string): number | null {
    return this.#typed(key, 'INT', (v): v is number => typeof v === 'number');
  }

  getShort(key: string): number | null {
    return this.#typed(key, 'SHORT', (v): v is number => typeof v === 'number');
  }

  /** LONG values are bigints so that Long.MAX_VALUE and other large values stay exact. */
  getLong(key: string): bigint | null {
    return this.#typed(key, 'LONG', (v): v is bigint => typeof v === 'bigint');
  }

  /**
   * A LONG as a number, for durations and sizes. Values beyond 2^53 (Kafka's "forever" of
   * Long.MAX_VALUE) lose low digits, which does not matter for those uses.
   */
  getLongAsNumber(key: string): number | null {
    const value = this.getLong(key);
    return value === null ? null : Number(value);
  }

  getDouble(key: string): number | null {
    return this.#typed(key, 'DOUBLE', (v): v is number => typeof v === 'number');
  }

  getList(key: string): readonly string[] | null {
    return this.#typed(key, 'LIST', (v): v is readonly string[] => Array.isArray(v));
  }

  getPassword(key: string): Password | null {
    return this.#typed(key, 'PASSWORD', (v): v is Password => v instanceof Password);
  }

  /** The values as supplied, unparsed (defaults not filled in). */
  originals(): Record<string, RawConfigValue> {
    const copy: Record<string, RawConfigValue> = {};
    for (const [key, value] of Object.entries(this.#originals)) if (value !== undefined) setOwn(copy, key, value);
    return copy;
  }

  /** Supplied values whose key starts with `prefix`, with the prefix removed unless `strip` is false. */
  originalsWithPrefix(prefix: string, strip = true): Record<string, RawConfigValue> {
    const result: Record<string, RawConfigValue> = {};
    for (const [key, value] of Object.entries(this.#originals)) {
      if (value === undefined || !key.startsWith(prefix)) continue;
      setOwn(result, strip ? key.slice(prefix.length) : key, value);
    }
    return result;
  }

  #typed<T extends ParsedValue>(key: string, type: ConfigType, isType: (value: ParsedValue) => value is T): T | null {
    const value = this.get(key);
    if (value === null) return null;
    if (!isType(value)) {
      const actual = this.#definition.configKey(key)?.type ?? 'unknown';
      throw new ConfigException(`Configuration '${key}' is of type ${actual}, not ${type}`, { configName: key });
    }
    return value;
  }
}
