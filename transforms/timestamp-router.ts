/**
 * TimestampRouter (org.apache.kafka.connect.transforms.TimestampRouter): renames the topic from the
 * original topic and the record timestamp, e.g. `orders-20240511`. Mainly for sinks, whose topic
 * often names the table or index to write to.
 *
 * Exports for registration: `descriptors` (TimestampRouter); also `TimestampRouter`, `CONFIG_DEF`.
 */
import { ConfigDef, ConfigException, ConfigType, Importance } from '../src/config/index.js';
import type { Transformation } from '../src/connect/index.js';
import { CONSUMES_INPUT_RECORD, DataException, type ConnectRecord } from '../src/data/index.js';
import { DatePatternException, SimpleDateFormat } from './simple-date-format.js';
import { SimpleConfig, describeTransform, type TransformDescriptor } from './util/index.js';

export const TOPIC_FORMAT_CONFIG = 'topic.format';
export const TIMESTAMP_FORMAT_CONFIG = 'timestamp.format';

export const CONFIG_DEF: ConfigDef = new ConfigDef()
  .define({
    name: TOPIC_FORMAT_CONFIG,
    type: ConfigType.STRING,
    defaultValue: '${topic}-${timestamp}',
    importance: Importance.HIGH,
    documentation: 'Format string which can contain <code>${topic}</code> and <code>${timestamp}</code> as placeholders for the topic and timestamp, respectively.',
  })
  .define({
    name: TIMESTAMP_FORMAT_CONFIG,
    type: ConfigType.STRING,
    defaultValue: 'yyyyMMdd',
    importance: Importance.HIGH,
    documentation: 'Format string for the timestamp that is compatible with <code>java.text.SimpleDateFormat</code>.',
  });

export class TimestampRouter implements Transformation {
  readonly [CONSUMES_INPUT_RECORD] = true;
  #topicFormat = '${topic}-${timestamp}';
  #timestampFormat = new SimpleDateFormat('yyyyMMdd');

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(props: Record<string, string>): void {
    const config = new SimpleConfig(CONFIG_DEF, props);
    this.#topicFormat = config.requireString(TOPIC_FORMAT_CONFIG);
    const pattern = config.requireString(TIMESTAMP_FORMAT_CONFIG);
    try {
      this.#timestampFormat = new SimpleDateFormat(pattern);
    } catch (error) {
      // Kafka only finds out at the first record; a config error says it sooner.
      if (!(error instanceof DatePatternException)) throw error;
      throw ConfigException.invalidValue(TIMESTAMP_FORMAT_CONFIG, pattern, error.message);
    }
  }

  apply<R extends ConnectRecord<R>>(record: R): R {
    const timestamp = record.timestamp();
    if (timestamp === null) throw new DataException(`Timestamp missing on record: ${record.toString()}`);
    const formatted = this.#timestampFormat.format(new Date(timestamp));
    // Literal replacements, the topic first: a topic that contains ${timestamp} gets it replaced too.
    const topic = this.#topicFormat.split('${topic}').join(record.topic()).split('${timestamp}').join(formatted);
    return record.newRecord(topic, record.kafkaPartition(), record.keySchema(), record.key(), record.valueSchema(), record.value(), record.timestamp());
  }

  close(): void {}
}

export const descriptors: TransformDescriptor[] = [describeTransform('TimestampRouter', () => new TimestampRouter())];
