import { ConfigDef, ConfigException, ConfigType, Importance, NO_DEFAULT_VALUE, NonEmptyString, ParsedConfig } from '../../src/config/index.js';

export const FILE_CONFIG = 'file';
export const TOPIC_CONFIG = 'topic';
export const TASK_BATCH_SIZE_CONFIG = 'batch.size';
export const DEFAULT_TASK_BATCH_SIZE = 2000;

/** FileStreamSourceConnector.CONFIG_DEF, key for key. */
export const SOURCE_CONFIG_DEF = new ConfigDef()
  .define({
    name: FILE_CONFIG,
    type: ConfigType.STRING,
    defaultValue: null,
    importance: Importance.HIGH,
    documentation: 'Source filename. If not specified, the standard input will be used',
  })
  .define({
    name: TOPIC_CONFIG,
    type: ConfigType.STRING,
    defaultValue: NO_DEFAULT_VALUE,
    validator: new NonEmptyString(),
    importance: Importance.HIGH,
    documentation: 'The topic to publish data to',
  })
  .define({
    name: TASK_BATCH_SIZE_CONFIG,
    type: ConfigType.INT,
    defaultValue: DEFAULT_TASK_BATCH_SIZE,
    importance: Importance.LOW,
    documentation: 'The maximum number of records the source task can read from the file each time it is polled',
  });

export interface FileStreamSourceSettings {
  /** null reads standard input. */
  file: string | null;
  topic: string;
  batchSize: number;
}

/** Parses a source connector or task config; throws ConfigException as Kafka's AbstractConfig would. */
export function parseSourceConfig(props: Record<string, string>): FileStreamSourceSettings {
  const config = new ParsedConfig(SOURCE_CONFIG_DEF, props);
  const file = config.getString(FILE_CONFIG);
  const topic = config.getString(TOPIC_CONFIG);
  if (topic === null) throw ConfigException.invalidValue(TOPIC_CONFIG, null, 'String must be non-empty');
  return {
    file: file === null || file === '' ? null : file,
    topic,
    batchSize: config.getInt(TASK_BATCH_SIZE_CONFIG) ?? DEFAULT_TASK_BATCH_SIZE,
  };
}
