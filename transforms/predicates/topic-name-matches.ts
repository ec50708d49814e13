/**
 * TopicNameMatches (org.apache.kafka.connect.transforms.predicates.TopicNameMatches): true for
 * records whose topic the Java regular expression `pattern` matches entirely.
 *
 * Exports for registration: `descriptors` (TopicNameMatches); also `TopicNameMatches`, `CONFIG_DEF`.
 */
import { CompositeValidator, ConfigDef, ConfigException, ConfigType, Importance, NonEmptyString } from '../../src/config/index.js';
import type { Predicate } from '../../src/connect/index.js';
import type { ConnectRecord } from '../../src/data/index.js';
import { JavaPattern, PatternSyntaxException } from '../java-regex.js';
import { RegexValidator } from '../regex-validator.js';
import { SimpleConfig } from '../util/index.js';
import { describePredicate, type PredicateDescriptor } from './descriptor.js';

const PATTERN_CONFIG = 'pattern';

export const CONFIG_DEF: ConfigDef = new ConfigDef().define({
  name: PATTERN_CONFIG,
  type: ConfigType.STRING,
  validator: CompositeValidator.of(new NonEmptyString(), new RegexValidator()),
  importance: Importance.MEDIUM,
  documentation: "A Java regular expression for matching against the name of a record's topic.",
});

export class TopicNameMatches implements Predicate {
  #pattern: JavaPattern | null = null;

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(props: Record<string, string>): void {
    const value = new SimpleConfig(CONFIG_DEF, props).requireString(PATTERN_CONFIG);
    try {
      this.#pattern = JavaPattern.compile(value);
    } catch (error) {
      if (!(error instanceof PatternSyntaxException)) throw error;
      throw ConfigException.invalidValue(PATTERN_CONFIG, value, `entry must be a Java-compatible regular expression: ${error.message}`);
    }
  }

  test<R extends ConnectRecord<R>>(record: R): boolean {
    const topic = record.topic() as string | null;
    return topic !== null && this.#pattern !== null && this.#pattern.matches(topic);
  }

  close(): void {}

  toString(): string {
    return `TopicNameMatches{pattern=${this.#pattern?.toString() ?? 'null'}}`;
  }
}

export const descriptors: PredicateDescriptor[] = [describePredicate('TopicNameMatches', () => new TopicNameMatches())];
