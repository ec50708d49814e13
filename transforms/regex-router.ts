/**
 * RegexRouter (org.apache.kafka.connect.transforms.RegexRouter): when a Java regular expression
 * matches the whole topic, renames it with Matcher.replaceFirst (`$1`, `${name}`, `\$`).
 *
 * Exports for registration: `descriptors` (RegexRouter); also `RegexRouter`, `CONFIG_DEF`.
 */
import { ConfigDef, ConfigType, Importance } from '../src/config/index.js';
import type { Transformation } from '../src/connect/index.js';
import type { ConnectRecord } from '../src/data/index.js';
import { JavaPattern } from './java-regex.js';
import { RegexValidator } from './regex-validator.js';
import { SimpleConfig, describeTransform, type TransformDescriptor } from './util/index.js';

export const REGEX_CONFIG = 'regex';
export const REPLACEMENT_CONFIG = 'replacement';

export const CONFIG_DEF: ConfigDef = new ConfigDef()
  .define({
    name: REGEX_CONFIG,
    type: ConfigType.STRING,
    validator: new RegexValidator(),
    importance: Importance.HIGH,
    documentation: 'Regular expression to use for matching.',
  })
  .define({
    name: REPLACEMENT_CONFIG,
    type: ConfigType.STRING,
    importance: Importance.HIGH,
    documentation: 'Replacement string.',
  });

export class RegexRouter implements Transformation {
  #regex: JavaPattern | null = null;
  #replacement = '';

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(props: Record<string, string>): void {
    const config = new SimpleConfig(CONFIG_DEF, props);
    this.#regex = JavaPattern.compile(config.requireString(REGEX_CONFIG));
    this.#replacement = config.requireString(REPLACEMENT_CONFIG);
  }

  apply<R extends ConnectRecord<R>>(record: R): R {
    const regex = this.#regex;
    if (regex === null || !regex.matches(record.topic())) return record;
    const topic = regex.replaceFirst(record.topic(), this.#replacement);
    return record.newRecord(topic, record.kafkaPartition(), record.keySchema(), record.key(), record.valueSchema(), record.value(), record.timestamp());
  }

  close(): void {}
}

export const descriptors: TransformDescriptor[] = [describeTransform('RegexRouter', () => new RegexRouter())];
