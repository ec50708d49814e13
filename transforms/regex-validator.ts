import { ConfigException, type ParsedValue, type Validator } from '../src/config/index.js';
import { JavaPattern } from './java-regex.js';

/**
 * Kafka's transforms/util/RegexValidator: the value must compile as a Java regular expression.
 * The message carries Java's PatternSyntaxException text, as Kafka's does.
 */
export class RegexValidator implements Validator {
  ensureValid(name: string, value: ParsedValue): void {
    if (value === null) {
      // Pattern.compile(null) throws a NullPointerException; Java 17 words it so.
      throw ConfigException.invalidValue(name, null, 'Invalid regex: Cannot invoke "String.isEmpty()" because "this.pattern" is null');
    }
    try {
      JavaPattern.compile(String(value));
    } catch (error) {
      throw ConfigException.invalidValue(name, value, `Invalid regex: ${(error as Error).message}`);
    }
  }

  toString(): string {
    return 'valid regex';
  }
}
