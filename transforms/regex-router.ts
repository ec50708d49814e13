/**
 * RegexRouter (org.apache.kafka.connect.transforms.RegexRouter): when a Java regular expression
 * matches the whole topic, renames it with Matcher.replaceFirst (`$1`, `${name}`, `\$`).
 *
 * Exports for registration: `descriptors` (RegexRouter); also `RegexRouter`, `CONFIG_DEF`.
 */
import { ConfigDef, ConfigType, Importance } from '../src/config/index.js';
import type { Transformation } from '../src/connect/index.js';
import { CONSUMES_INPUT_RECORD, type ConnectRecord } from '../src/data/index.js';
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

/** Topics a task writes to are few; the bound only guards against unbounded topic names. */
const MAX_REMEMBERED_TOPICS = 1000;

export class RegexRouter implements Transformation {
  readonly [CONSUMES_INPUT_RECORD] = true;
  readonly #routes = new Map<string, string | null>();
  #regex: JavaPattern | null = null;
  #replacement = '';

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(props: Record<string, string>): void {
    const config = new SimpleConfig(CONFIG_DEF, props);
    this.#regex = JavaPattern.compile(config.requireString(REGEX_CONFIG));
    this.#replacement = config.requireString(REPLACEMENT_CONFIG);
    this.#routes.clear();
  }

  apply<R extends ConnectRecord<R>>(record: R): R {
    const topic = this.#routed(record.topic());
    if (topic === null) return record;
    return record.newRecord(topic, record.kafkaPartition(), record.keySchema(), record.key(), record.valueSchema(), record.value(), record.timestamp());
  }

  /** The new name for a topic, or null to leave it; depends only on the topic, so it is remembered. */
  #routed(topic: string): string | null {
    const known = this.#routes.get(topic);
    if (known !== undefined) return known;
    const regex = this.#regex;
    const routed = regex === null || !regex.matches(topic) ? null : regex.replaceFirst(topic, this.#replacement);
    if (this.#routes.size >= MAX_REMEMBERED_TOPICS) this.#routes.clear();
    this.#routes.set(topic, routed);
    return routed;
  }

  close(): void {}
}

export const descriptors: TransformDescriptor[] = [describeTransform('RegexRouter', () => new RegexRouter())];
