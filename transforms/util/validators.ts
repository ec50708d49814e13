import { ConfigException, type ParsedValue, type Validator } from '../../src/config/index.js';

/** Kafka's NonEmptyListValidator: a LIST with at least one element. */
export class NonEmptyListValidator implements Validator {
  ensureValid(name: string, value: ParsedValue): void {
    if (value === null || (Array.isArray(value) && value.length === 0)) {
      throw ConfigException.invalidValue(name, value, 'Empty list');
    }
  }

  toString(): string {
    return 'non-empty list';
  }
}
