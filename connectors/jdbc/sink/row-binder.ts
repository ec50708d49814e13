/**
 * Statement parameters of one record (Confluent's PreparedStatementBinder): key columns from the
 * Kafka coordinates, the key or the value per `pk.mode`; non-key columns from the value struct.
 * The per-column converters are compiled once per schema pair.
 */
import type { Field, Schema, SinkRecord, Struct } from '../../../src/data/index.js';
import type { DbParam, DialectName } from '../common/db.js';
import type { FieldsMetadata } from './fields-metadata.js';
import type { JdbcSinkSettings } from './sink-config.js';
import { binderFor, type Bind, type BindingSettings } from './value-binding.js';

type Read = (record: SinkRecord) => unknown;

interface Column {
  read: Read;
  bind: Bind;
}

export class RowBinder {
  readonly #keys: Column[];
  readonly #nonKeys: Column[];

  constructor(
    dialect: DialectName,
    settings: Pick<JdbcSinkSettings, 'pkMode' | 'replaceNullWithDefault'> & BindingSettings,
    keySchema: Schema | null,
    valueSchema: Schema | null,
    fields: FieldsMetadata,
  ) {
    const column = (name: string, schema: Schema, read: Read): Column => ({ read, bind: binderFor(dialect, schema, name, settings) });
    this.#keys = keyColumns(settings.pkMode, keySchema, valueSchema, fields).map(({ name, schema, read }) => column(name, schema, read));
    this.#nonKeys = [];
    if (valueSchema !== null) {
      for (const name of fields.nonKeyFieldNames) {
        const field = valueSchema.field(name) as Field;
        const read: Read = settings.replaceNullWithDefault ? (r) => (r.value() as Struct).get(field) : (r) => (r.value() as Struct).getWithoutDefault(name);
        this.#nonKeys.push(column(name, field.schema(), read));
      }
    }
  }

  get keyCount(): number {
    return this.#keys.length;
  }

  get nonKeyCount(): number {
    return this.#nonKeys.length;
  }

  /** Writes the key parameters at `at`; returns the index after them. */
  keys(record: SinkRecord, out: DbParam[], at: number): number {
    return fill(this.#keys, record, out, at);
  }

  nonKeys(record: SinkRecord, out: DbParam[], at: number): number {
    return fill(this.#nonKeys, record, out, at);
  }
}

function fill(columns: readonly Column[], record: SinkRecord, out: DbParam[], at: number): number {
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as Column;
    const value = column.read(record);
    out[at++] = value === null || value === undefined ? null : column.bind(value);
  }
  return at;
}

function keyColumns(pkMode: JdbcSinkSettings['pkMode'], keySchema: Schema | null, valueSchema: Schema | null, fields: FieldsMetadata): Array<{ name: string; schema: Schema; read: Read }> {
  const names = fields.keyFieldNames;
  const schemaOf = (name: string): Schema => (fields.allFields.get(name) as { schema: Schema }).schema;
  switch (pkMode) {
    case 'none':
      return [];
    case 'kafka': {
      const [topic, partition, offset] = names as [string, string, string];
      return [
        { name: topic, schema: schemaOf(topic), read: (r) => r.topic() },
        { name: partition, schema: schemaOf(partition), read: (r) => r.kafkaPartition() },
        { name: offset, schema: schemaOf(offset), read: (r) => r.kafkaOffset() },
      ];
    }
    case 'record_key':
      if (keySchema !== null && keySchema.type() !== 'STRUCT') return [{ name: names[0] as string, schema: keySchema, read: (r) => r.key() }];
      return names.map((name) => {
        const field = (keySchema as Schema).field(name) as Field;
        return { name, schema: field.schema(), read: (r: SinkRecord) => (r.key() as Struct).get(field) };
      });
    case 'record_value':
      return names.map((name) => {
        const field = (valueSchema as Schema).field(name) as Field;
        return { name, schema: field.schema(), read: (r: SinkRecord) => (r.value() as Struct).get(field) };
      });
  }
}
