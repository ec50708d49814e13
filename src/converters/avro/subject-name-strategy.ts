import { ConverterConfigException } from '../converter-config.js';
import type { AvroSchema } from './avro-schema.js';

/**
 * Where a schema is registered (io.confluent.kafka.serializers.subject.*): by topic, by record
 * name, or both. A strategy that uses the schema cannot name the subject of a payload before
 * its schema has been fetched by id.
 */
export interface SubjectNameStrategy {
  readonly className: string;
  readonly usesSchema: boolean;
  subjectName(topic: string, isKey: boolean, schema: AvroSchema | null): string | null;
}

/** A strategy that cannot name a subject for this data (SerializationException in Java). */
export class SubjectNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SerializationException';
  }
}

const PACKAGE = 'io.confluent.kafka.serializers.subject';

const topicName: SubjectNameStrategy = {
  className: `${PACKAGE}.TopicNameStrategy`,
  usesSchema: false,
  subjectName: (topic, isKey) => `${topic}-${isKey ? 'key' : 'value'}`,
};

const recordName: SubjectNameStrategy = {
  className: `${PACKAGE}.RecordNameStrategy`,
  usesSchema: true,
  subjectName: (_topic, isKey, schema) => (schema === null ? null : recordFullName(schema, isKey, `${PACKAGE}.RecordNameStrategy`)),
};

const topicRecordName: SubjectNameStrategy = {
  className: `${PACKAGE}.TopicRecordNameStrategy`,
  usesSchema: true,
  subjectName: (topic, isKey, schema) => (schema === null ? null : `${topic}-${recordFullName(schema, isKey, `${PACKAGE}.TopicRecordNameStrategy`)}`),
};

/**
 * The newest default, AssociatedNameStrategy, first asks the registry for a subject associated
 * with the topic and falls back to topic naming; Sluice's embedded registry keeps no
 * associations, so it names subjects as TopicNameStrategy does.
 */
const associatedName: SubjectNameStrategy = { ...topicName, className: `${PACKAGE}.AssociatedNameStrategy` };

const STRATEGIES: readonly SubjectNameStrategy[] = [topicName, recordName, topicRecordName, associatedName];

export const DEFAULT_SUBJECT_NAME_STRATEGY = topicName.className;

/** The strategy a `key.subject.name.strategy` / `value.subject.name.strategy` value names (class or simple name). */
export function subjectNameStrategy(configName: string, value: string): SubjectNameStrategy {
  const name = value.trim();
  const found = STRATEGIES.find((strategy) => strategy.className === name || strategy.className.slice(PACKAGE.length + 1) === name);
  if (found === undefined) throw ConverterConfigException.invalidValue(configName, value, `Class ${name} could not be found.`);
  return found;
}

function recordFullName(schema: AvroSchema, isKey: boolean, className: string): string {
  if (schema.type === 'record') return schema.fullName;
  const config = isKey ? 'key.subject.name.strategy' : 'value.subject.name.strategy';
  throw new SubjectNameError(`In configuration ${config} = ${className}, the message ${isKey ? 'key' : 'value'} must only be a record schema`);
}
