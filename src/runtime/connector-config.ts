/**
 * The framework's own connector keys (Kafka Connect's ConnectorConfig, SinkConnectorConfig and
 * SourceConnectorConfig): they drive validation, the validate endpoint and GET .../config.
 */
import {
  CaseInsensitiveValidString,
  ConfigDef,
  ConfigType,
  Importance,
  LambdaValidator,
  NonEmptyStringWithoutControlChars,
  Range,
  Width,
} from '../config/index.js';
import { RegexValidator } from '../../transforms/regex-validator.js';

export const COMMON_GROUP = 'Common';
export const TRANSFORMS_GROUP = 'Transforms';
export const PREDICATES_GROUP = 'Predicates';
export const ERROR_GROUP = 'Error Handling';
export const TOPIC_CREATION_GROUP = 'Topic Creation';
export const EXACTLY_ONCE_GROUP = 'Exactly Once Support';
export const OFFSETS_TOPIC_GROUP = 'offsets.topic';

const uniqueAliases = LambdaValidator.with((name, value) => {
  const list = (value ?? []) as readonly string[];
  if (new Set(list).size !== list.length) throw new Error('Duplicate alias provided.');
}, () => 'unique transformation aliases');

function baseDef(): ConfigDef {
  let order = 0;
  const common = (name: string, type: ConfigType, defaultValue: string | null | undefined, importance: Importance, documentation: string, displayName: string, extra: object = {}) => ({
    name,
    type,
    ...(defaultValue === undefined ? {} : { defaultValue }),
    importance,
    documentation,
    group: COMMON_GROUP,
    orderInGroup: ++order,
    width: Width.MEDIUM,
    displayName,
    ...extra,
  });
  const def = new ConfigDef()
    .define(common('name', ConfigType.STRING, undefined, Importance.HIGH, 'Globally unique name to use for this connector.', 'Connector name', { validator: new NonEmptyStringWithoutControlChars() }))
    .define(common('connector.class', ConfigType.STRING, undefined, Importance.HIGH, 'Name or alias of the class for this connector. Must be a subclass of org.apache.kafka.connect.connector.Connector. If the connector is org.apache.kafka.connect.file.FileStreamSinkConnector, you can either specify this full name, or use "FileStreamSink" or "FileStreamSinkConnector" to make the configuration a bit shorter', 'Connector class', { width: Width.LONG }))
    .define(common('tasks.max', ConfigType.INT, '1', Importance.HIGH, 'Maximum number of tasks to use for this connector.', 'Tasks max', { validator: Range.atLeast(1), width: Width.SHORT }))
    .define(common('tasks.max.enforce', ConfigType.BOOLEAN, 'true', Importance.LOW, '(Deprecated) Whether to enforce that the tasks.max property is respected by the connector. By default, connectors that generate too many tasks will fail, and existing sets of tasks that exceed the tasks.max property will also be failed. If this property is set to false, then connectors will be allowed to generate more than the maximum number of tasks, and existing sets of tasks that exceed the tasks.max property will be allowed to run. This property is deprecated and will be removed in an upcoming major release.', 'Enforce tasks max', { width: Width.SHORT }))
    .define(common('key.converter', ConfigType.CLASS, null, Importance.LOW, 'Converter class used to convert between Kafka Connect format and the serialized form that is written to Kafka. This controls the format of the keys in messages written to or read from Kafka, and since this is independent of connectors it allows any connector to work with any serialization format. Examples of common formats include JSON and Avro.', 'Key converter class', { width: Width.SHORT }))
    .define(common('value.converter', ConfigType.CLASS, null, Importance.LOW, 'Converter class used to convert between Kafka Connect format and the serialized form that is written to Kafka. This controls the format of the values in messages written to or read from Kafka, and since this is independent of connectors it allows any connector to work with any serialization format. Examples of common formats include JSON and Avro.', 'Value converter class', { width: Width.SHORT }))
    .define(common('header.converter', ConfigType.CLASS, null, Importance.LOW, 'HeaderConverter class used to convert between Kafka Connect format and the serialized form that is written to Kafka. This controls the format of the header values in messages written to or read from Kafka, and since this is independent of connectors it allows any connector to work with any serialization format. Examples of common formats include JSON and Avro. By default, the SimpleHeaderConverter is used to serialize header values to strings and deserialize them by inferring the schemas.', 'Header converter class', { width: Width.SHORT }))
    .define(common('config.action.reload', ConfigType.STRING, 'restart', Importance.LOW, 'The action that Connect should take on the connector when changes in external configuration providers result in a change in the connector\'s configuration properties. A value of \'none\' indicates that Connect will do nothing. A value of \'restart\' indicates that Connect should restart/reload the connector with the updated configuration properties.The restart may actually be scheduled in the future if the external configuration provider indicates that a configuration value will expire in the future.', 'Reload Action', { validator: CaseInsensitiveValidString.in('none', 'restart') }))
    .define({ name: 'transforms', type: ConfigType.LIST, defaultValue: '', validator: uniqueAliases, importance: Importance.LOW, documentation: 'Aliases for the transformations to be applied to records.', group: TRANSFORMS_GROUP, orderInGroup: 1, width: Width.LONG, displayName: 'Transforms' })
    .define({ name: 'predicates', type: ConfigType.LIST, defaultValue: '', validator: uniqueAliases, importance: Importance.LOW, documentation: 'Aliases for the predicates used by transformations.', group: PREDICATES_GROUP, orderInGroup: 1, width: Width.LONG, displayName: 'Predicates' });
  let errOrder = 0;
  const err = (name: string, type: ConfigType, defaultValue: string, documentation: string, displayName: string, extra: object = {}) => ({
    name, type, defaultValue, importance: Importance.MEDIUM, documentation, group: ERROR_GROUP, orderInGroup: ++errOrder, width: Width.MEDIUM, displayName, ...extra,
  });
  return def
    .define(err('errors.retry.timeout', ConfigType.LONG, '0', 'The maximum duration in milliseconds that a failed operation will be reattempted. The default is 0, which means no retries will be attempted. Use -1 for infinite retries.', 'Retry Timeout for Errors'))
    .define(err('errors.retry.delay.max.ms', ConfigType.LONG, '60000', 'The maximum duration in milliseconds between consecutive retry attempts. Jitter will be added to the delay once this limit is reached to prevent thundering herd issues.', 'Maximum Delay Between Retries for Errors'))
    .define(err('errors.tolerance', ConfigType.STRING, 'none', 'Behavior for tolerating errors during connector operation. \'none\' is the default value and signals that any error will result in an immediate connector task failure; \'all\' changes the behavior to skip over problematic records.', 'Error Tolerance', { validator: CaseInsensitiveValidString.in('none', 'all'), width: Width.SHORT }))
    .define(err('errors.log.enable', ConfigType.BOOLEAN, 'false', 'If true, write each error and the details of the failed operation and problematic record to the Connect application log. This is \'false\' by default, so that only errors that are not tolerated are reported.', 'Log Errors', { width: Width.SHORT }))
    .define(err('sluice.restart.max.attempts', ConfigType.INT, '0', 'Sluice extension: how many times a FAILED connector or task is restarted automatically, with exponential backoff, before it stays FAILED. 0 (the default) disables automatic restarts, as in Kafka Connect.', 'Automatic restart attempts', { validator: Range.atLeast(0) }))
    .define(err('sluice.restart.backoff.initial.ms', ConfigType.LONG, '1000', 'Sluice extension: the delay before the first automatic restart; it doubles with each attempt.', 'Initial restart backoff', { validator: Range.atLeast(0) }))
    .define(err('sluice.restart.backoff.max.ms', ConfigType.LONG, '60000', 'Sluice extension: the longest delay between automatic restarts.', 'Maximum restart backoff', { validator: Range.atLeast(0) }))
    .define(err('errors.log.include.messages', ConfigType.BOOLEAN, 'false', 'Whether to include in the log the Connect record that resulted in a failure. For sink records, the topic, partition, offset, and timestamp will be logged. For source records, the key and value (and their schemas), all headers, and the timestamp, Kafka topic, Kafka partition, source partition, and source offset will be logged. This is \'false\' by default, which will prevent record keys, values, and headers from being written to log files.', 'Log Error Details', { width: Width.SHORT }));
}

/** Sink connectors: topics / topics.regex and the dead letter queue (SinkConnectorConfig). */
export function sinkConnectorConfigDef(): ConfigDef {
  const def = baseDef();
  def.define({ name: 'topics', type: ConfigType.LIST, defaultValue: '', importance: Importance.HIGH, documentation: 'List of topics to consume, separated by commas', group: COMMON_GROUP, orderInGroup: 4, width: Width.LONG, displayName: 'Topics' });
  def.define({ name: 'topics.regex', type: ConfigType.STRING, defaultValue: '', importance: Importance.HIGH, documentation: 'Regular expression giving topics to consume. Under the hood, the regex is compiled to a <code>java.util.regex.Pattern</code>. Only one of topics or topics.regex should be specified.', group: COMMON_GROUP, orderInGroup: 4, width: Width.LONG, displayName: 'Topics regex', validator: new RegexValidator() });
  def.define({ name: 'errors.deadletterqueue.topic.name', type: ConfigType.STRING, defaultValue: '', importance: Importance.MEDIUM, documentation: 'The name of the topic to be used as the dead letter queue (DLQ) for messages that result in an error when processed by this sink connector, or its transformations or converters. The topic name is blank by default, which means that no messages are to be recorded in the DLQ.', group: ERROR_GROUP, orderInGroup: 6, width: Width.MEDIUM, displayName: 'Dead Letter Queue Topic Name' });
  def.define({ name: 'errors.deadletterqueue.topic.replication.factor', type: ConfigType.SHORT, defaultValue: '3', importance: Importance.MEDIUM, documentation: 'Replication factor used to create the dead letter queue topic when it doesn\'t already exist.', group: ERROR_GROUP, orderInGroup: 7, width: Width.MEDIUM, displayName: 'Dead Letter Queue Topic Replication Factor' });
  def.define({ name: 'errors.deadletterqueue.context.headers.enable', type: ConfigType.BOOLEAN, defaultValue: 'false', importance: Importance.MEDIUM, documentation: 'If true, add headers containing error context to the messages written to the dead letter queue. To avoid clashing with headers from the original record, all error context header keys, all error context header keys will start with <code>__connect.errors.</code>', group: ERROR_GROUP, orderInGroup: 8, width: Width.MEDIUM, displayName: 'Enable Error Context Headers' });
  return def;
}

/** Source connectors: topic creation groups and exactly-once keys (SourceConnectorConfig). */
export function sourceConnectorConfigDef(): ConfigDef {
  const def = baseDef();
  def.define({ name: 'topic.creation.groups', type: ConfigType.LIST, defaultValue: '', importance: Importance.LOW, documentation: 'Groups of configurations for topics created by source connectors', group: TOPIC_CREATION_GROUP, orderInGroup: 1, width: Width.LONG, displayName: 'Topic Creation Groups' });
  def.define({ name: 'exactly.once.support', type: ConfigType.STRING, defaultValue: 'requested', importance: Importance.MEDIUM, documentation: 'Permitted values are requested, required. If set to "required", forces a preflight check for the connector to ensure that it can provide exactly-once semantics with the given configuration.', group: EXACTLY_ONCE_GROUP, orderInGroup: 1, width: Width.SHORT, displayName: 'Exactly once support', validator: CaseInsensitiveValidString.in('requested', 'required') });
  def.define({ name: 'transaction.boundary', type: ConfigType.STRING, defaultValue: 'poll', importance: Importance.MEDIUM, documentation: 'Permitted values are: poll, interval, connector. If set to \'poll\', a new producer transaction will be started and committed for every batch of records that each task from this connector provides to Connect.', group: EXACTLY_ONCE_GROUP, orderInGroup: 2, width: Width.SHORT, displayName: 'Transaction Boundary', validator: CaseInsensitiveValidString.in('poll', 'interval', 'connector') });
  def.define({ name: 'transaction.boundary.interval.ms', type: ConfigType.LONG, defaultValue: null, importance: Importance.LOW, documentation: 'If \'transaction.boundary\' is set to \'interval\', determines the interval for producer transaction commits by connector tasks.', group: EXACTLY_ONCE_GROUP, orderInGroup: 3, width: Width.SHORT, displayName: 'Transaction boundary interval' });
  def.define({ name: 'offsets.storage.topic', type: ConfigType.STRING, defaultValue: null, importance: Importance.LOW, documentation: 'The name of a separate offsets topic to use for this connector. If empty or not specified, the worker\'s global offsets topic name will be used.', group: OFFSETS_TOPIC_GROUP, orderInGroup: 1, width: Width.LONG, displayName: 'Offsets topic' });
  return def;
}
