import { ConfigException, type ParsedValue, type Recommender, type Validator } from '../../../src/config/index.js';

/**
 * Confluent's EnumRecommender, both validator and recommender: a value (or each value of a list)
 * must be one of the names all in lower or all in upper case (`upsert`, `UPSERT`; not `Upsert`);
 * the lower-case names are recommended.
 */
export class EnumRecommender implements Validator, Recommender {
  readonly #canonical: readonly string[];
  readonly #valid: ReadonlySet<string>;

  constructor(names: readonly string[]) {
    this.#canonical = names.map((n) => n.toLowerCase());
    this.#valid = new Set(names.flatMap((n) => [n.toLowerCase(), n.toUpperCase()]));
  }

  static in(...names: string[]): EnumRecommender {
    return new EnumRecommender(names);
  }

  ensureValid(name: string, value: ParsedValue): void {
    if (!Array.isArray(value)) {
      this.#check(name, value);
      return;
    }
    const values = value as readonly ParsedValue[];
    if (values.length === 0) throw ConfigException.invalidValue(name, values, `At least one value must be specified. Valid values are: ${this.toString()}`);
    for (const v of values) {
      if (v === null) throw ConfigException.invalidValue(name, values, `Null is not a valid value. Valid values are: ${this.toString()}`);
      this.#check(name, v);
    }
  }

  #check(name: string, value: ParsedValue): void {
    if (value !== null && !this.#valid.has(String(value))) throw ConfigException.invalidValue(name, value, 'Invalid enumerator');
  }

  validValues(): ParsedValue[] {
    return [...this.#canonical];
  }

  visible(): boolean {
    return true;
  }

  toString(): string {
    return `[${this.#canonical.join(', ')}]`;
  }
}
