/**
 * JdbcSinkConfig: the JDBC sink's keys, defaults, validators and recommenders (connectors-spec.md
 * 2.1), and the typed settings a task runs with.
 */
import {
  ConfigDef,
  ConfigException,
  ConfigType,
  Importance,
  NonEmptyString,
  ParsedConfig,
  Range,
  Width,
  type ParsedConfigValues,
  type ParsedValue,
  type Recommender,
  type Validator,
} from '../../../src/config/index.js';
import type { ConnectionSettings } from '../common/db.js';
import { EnumRecommender } from '../common/enum-recommender.js';
import * as shared from '../common/shared-config.js';
import { UTC, type Zone } from '../common/time-zone.js';


export const INSERT_MODE = 'insert.mode';
export const BATCH_SIZE = 'batch.size';
export const DELETE_ENABLED = 'delete.enabled';
export const TABLE_TYPES = 'table.types';
export const REPLACE_NULL_WITH_DEFAULT = 'replace.null.with.default';
export const TABLE_NAME_FORMAT = 'table.name.format';
export const PK_MODE = 'pk.mode';
export const PK_FIELDS = 'pk.fields';
export const FIELDS_WHITELIST = 'fields.whitelist';
export const DATE_TIMEZONE = 'date.timezone';
export const TIMESTAMP_FIELDS_LIST = 'timestamp.fields.list';
export const TIMESTAMP_PRECISION_MODE = 'timestamp.precision.mode';
export const AUTO_CREATE = 'auto.create';
export const AUTO_EVOLVE = 'auto.evolve';
export const MSSQL_USE_MERGE_HOLDLOCK = 'mssql.use.merge.holdlock';
export const MAX_RETRIES = 'max.retries';
export const RETRY_BACKOFF_MS = 'retry.backoff.ms';
export const TRIM_SENSITIVE_LOG = 'trim.sensitive.log';

export type InsertMode = 'insert' | 'upsert' | 'update';
export type PkMode = 'none' | 'kafka' | 'record_key' | 'record_value';
export type TableType = 'TABLE' | 'PARTITIONED TABLE' | 'VIEW';

/** The Kafka-coordinate key columns of `pk.mode=kafka` when `pk.fields` is empty. */
export const DEFAULT_KAFKA_PK_NAMES: readonly string[] = ['__connect_topic', '__connect_partition', '__connect_offset'];

const TABLE_TYPE_NAMES: readonly TableType[] = ['TABLE', 'PARTITIONED TABLE', 'VIEW'];

/** Table types are matched ignoring case and surrounding blanks (Confluent's TableType.get). */
class TableTypesValidator implements Validator, Recommender {
  ensureValid(name: string, value: ParsedValue): void {
    if (!Array.isArray(value)) return;
    for (const v of value as readonly string[]) {
      if (parseTableType(v) === null) throw ConfigException.invalidValue(name, value, `No matching table type found for '${v.trim()}'`);
    }
  }

  validValues(): ParsedValue[] {
    return TABLE_TYPE_NAMES.map((t) => t.toLowerCase());
  }

  visible(): boolean {
    return true;
  }

  toString(): string {
    return `[${TABLE_TYPE_NAMES.join(', ')}]`;
  }
}

/** `delete.enabled` is only offered (and shown) with `pk.mode=record_key`. */
const DELETE_ENABLED_RECOMMENDER: Recommender = {
  validValues: (_name, parsed) => (isRecordKeyMode(parsed) ? [true, false] : [false]),
  visible: (_name, parsed) => isRecordKeyMode(parsed),
};

/** With deletes enabled, `record_key` is the only primary key mode on offer. */
const PK_MODE_RECOMMENDER: Recommender = {
  validValues: (_name, parsed) => (parsed.get(DELETE_ENABLED) === true ? ['record_key'] : ['none', 'kafka', 'record_key', 'record_value']),
  visible: () => true,
};

function isRecordKeyMode(parsed: ParsedConfigValues): boolean {
  const mode = parsed.get(PK_MODE);
  return typeof mode === 'string' && mode.toLowerCase() === 'record_key';
}

function parseTableType(text: string): TableType | null {
  const wanted = text.trim().toUpperCase();
  return TABLE_TYPE_NAMES.find((t) => t === wanted) ?? null;
}

const CONNECTION_GROUP = 'Connection';
const WRITES_GROUP = 'Writes';
const DATA_MAPPING_GROUP = 'Data Mapping';
const DDL_GROUP = 'DDL Support';
const DML_GROUP = 'DML Support';
const RETRIES_GROUP = 'Retries';

const NON_NEGATIVE = Range.atLeast(0);

export const SINK_CONFIG_DEF = new ConfigDef()
  .define(shared.placeKey(shared.CONNECTION_URL_KEY, { group: CONNECTION_GROUP, orderInGroup: 1, width: Width.LONG }))
  .define(shared.placeKey(shared.CONNECTION_USER_KEY, { group: CONNECTION_GROUP, orderInGroup: 2, width: Width.MEDIUM }))
  .define(shared.placeKey(shared.CONNECTION_PASSWORD_KEY, { group: CONNECTION_GROUP, orderInGroup: 3, width: Width.MEDIUM }))
  .define(shared.placeKey(shared.CREDENTIALS_PROVIDER_CLASS_KEY, { group: CONNECTION_GROUP, orderInGroup: 4, width: Width.LONG }))
  .define(shared.placeKey(shared.DIALECT_NAME_KEY, { group: CONNECTION_GROUP, orderInGroup: 5, width: Width.LONG }))
  .define(shared.placeKey(shared.CONNECTION_ATTEMPTS_KEY, { group: CONNECTION_GROUP, orderInGroup: 6, width: Width.SHORT }))
  .define(shared.placeKey(shared.CONNECTION_BACKOFF_MS_KEY, { group: CONNECTION_GROUP, orderInGroup: 7, width: Width.SHORT }))
  .define({ name: INSERT_MODE, type: ConfigType.STRING, defaultValue: 'insert', validator: new EnumRecommender(['INSERT', 'UPSERT', 'UPDATE']), importance: Importance.HIGH, documentation: 'insert: plain INSERT; upsert: insert or update on a key conflict (PostgreSQL ON CONFLICT, MySQL ON DUPLICATE KEY UPDATE); update: UPDATE by key.', group: WRITES_GROUP, orderInGroup: 1, width: Width.MEDIUM, displayName: 'Insert Mode' })
  .define({ name: BATCH_SIZE, type: ConfigType.INT, defaultValue: 3000, validator: NON_NEGATIVE, importance: Importance.MEDIUM, documentation: 'Records written together per table, when possible.', group: WRITES_GROUP, orderInGroup: 2, width: Width.SHORT, displayName: 'Batch Size' })
  .define({ name: DELETE_ENABLED, type: ConfigType.BOOLEAN, defaultValue: false, importance: Importance.MEDIUM, documentation: 'Whether a record with a null value (tombstone) deletes the row of its key. Requires pk.mode=record_key.', group: WRITES_GROUP, orderInGroup: 3, width: Width.SHORT, displayName: 'Enable deletes', recommender: DELETE_ENABLED_RECOMMENDER })
  .define({ name: TABLE_TYPES, type: ConfigType.LIST, defaultValue: 'TABLE', validator: new TableTypesValidator(), importance: Importance.LOW, documentation: 'Kinds of table the sink may write to: any of TABLE, PARTITIONED TABLE, VIEW.', group: WRITES_GROUP, orderInGroup: 4, width: Width.MEDIUM, displayName: 'Table Types', recommender: new TableTypesValidator() })
  .define({ name: REPLACE_NULL_WITH_DEFAULT, type: ConfigType.BOOLEAN, defaultValue: true, importance: Importance.LOW, documentation: "Whether a null field is written as its schema's default value.", group: WRITES_GROUP, orderInGroup: 5, width: Width.MEDIUM, displayName: 'Replace null value with default value' })
  .define({ name: TABLE_NAME_FORMAT, type: ConfigType.STRING, defaultValue: '${topic}', validator: new NonEmptyString(), importance: Importance.MEDIUM, documentation: 'Destination table name; every ${topic} is replaced by the record topic (e.g. kafka_${topic}).', group: DATA_MAPPING_GROUP, orderInGroup: 1, width: Width.LONG, displayName: 'Table Name Format' })
  .define({ name: PK_MODE, type: ConfigType.STRING, defaultValue: 'none', validator: new EnumRecommender(['NONE', 'KAFKA', 'RECORD_KEY', 'RECORD_VALUE']), importance: Importance.HIGH, documentation: 'Where primary key columns come from: none, kafka (topic, partition, offset), record_key (key struct fields or the primitive key), record_value (value fields). See pk.fields.', group: DATA_MAPPING_GROUP, orderInGroup: 2, width: Width.MEDIUM, displayName: 'Primary Key Mode', recommender: PK_MODE_RECOMMENDER })
  .define({ name: PK_FIELDS, type: ConfigType.LIST, defaultValue: '', importance: Importance.MEDIUM, documentation: 'Primary key column names. kafka: three names, or empty for __connect_topic,__connect_partition,__connect_offset; record_key: key struct fields (empty = all), or exactly one name for a primitive key; record_value: value fields (empty = all).', group: DATA_MAPPING_GROUP, orderInGroup: 3, width: Width.LONG, displayName: 'Primary Key Fields' })
  .define({ name: FIELDS_WHITELIST, type: ConfigType.LIST, defaultValue: '', importance: Importance.MEDIUM, documentation: 'Value fields to write (empty = all). Primary key columns are chosen by pk.fields regardless.', group: DATA_MAPPING_GROUP, orderInGroup: 4, width: Width.LONG, displayName: 'Fields Whitelist' })
  .define(
    shared.placeKey(shared.DB_TIMEZONE_KEY, { group: DATA_MAPPING_GROUP, orderInGroup: 5, width: Width.MEDIUM }, { documentation: 'Time zone in which Time and Timestamp values are written (as wall-clock times).', displayName: 'DB Time Zone' }),
  )
  .define({ name: DATE_TIMEZONE, type: ConfigType.STRING, defaultValue: 'DB_TIMEZONE', validator: new EnumRecommender(['DB_TIMEZONE', 'UTC']), importance: Importance.LOW, documentation: 'Time zone for Date values: DB_TIMEZONE (that of db.timezone) or UTC.', group: DATA_MAPPING_GROUP, orderInGroup: 6, width: Width.MEDIUM, displayName: 'Time Zone used for Date', recommender: new EnumRecommender(['DB_TIMEZONE', 'UTC']) })
  .define({ name: TIMESTAMP_FIELDS_LIST, type: ConfigType.LIST, defaultValue: '', importance: Importance.MEDIUM, documentation: 'INT64 or STRING value fields holding epoch micro- or nanoseconds (timestamp.precision.mode) to write as timestamps.', group: DATA_MAPPING_GROUP, orderInGroup: 7, width: Width.MEDIUM, displayName: 'Timestamp Fields Whitelist' })
  .define({ name: TIMESTAMP_PRECISION_MODE, type: ConfigType.STRING, defaultValue: 'microseconds', validator: new EnumRecommender(['MICROSECONDS', 'NANOSECONDS']), importance: Importance.LOW, documentation: 'Unit of the fields in timestamp.fields.list: microseconds or nanoseconds.', group: DATA_MAPPING_GROUP, orderInGroup: 8, width: Width.MEDIUM, displayName: 'Sink Timestamp Precision mode', recommender: new EnumRecommender(['MICROSECONDS', 'NANOSECONDS']) })
  .define(
    shared.placeKey(shared.DATE_CALENDAR_SYSTEM_KEY, { group: DATA_MAPPING_GROUP, orderInGroup: 9, width: Width.MEDIUM }, { documentation: 'Calendar for dates before 1582-10-15: LEGACY (Julian, as java.util.Date) or PROLEPTIC_GREGORIAN. Sluice writes proleptic Gregorian dates either way.' }),
  )
  .define({ name: AUTO_CREATE, type: ConfigType.BOOLEAN, defaultValue: false, importance: Importance.MEDIUM, documentation: 'Whether to CREATE the destination table from the record schema when it is missing.', group: DDL_GROUP, orderInGroup: 1, width: Width.SHORT, displayName: 'Auto-Create' })
  .define({ name: AUTO_EVOLVE, type: ConfigType.BOOLEAN, defaultValue: false, importance: Importance.MEDIUM, documentation: 'Whether to ALTER the destination table to add columns for record fields it lacks.', group: DDL_GROUP, orderInGroup: 2, width: Width.SHORT, displayName: 'Auto-Evolve' })
  .define(shared.placeKey(shared.QUOTE_SQL_IDENTIFIERS_KEY, { group: DDL_GROUP, orderInGroup: 3, width: Width.MEDIUM }))
  .define({ name: MSSQL_USE_MERGE_HOLDLOCK, type: ConfigType.BOOLEAN, defaultValue: true, importance: Importance.LOW, documentation: 'SQL Server only (not supported by Sluice); accepted for compatibility.', group: DML_GROUP, orderInGroup: 1, width: Width.MEDIUM, displayName: 'SQL Server - Use HOLDLOCK in MERGE' })
  .define({ name: MAX_RETRIES, type: ConfigType.INT, defaultValue: 10, validator: NON_NEGATIVE, importance: Importance.MEDIUM, documentation: 'How many times a failed write is retried before the task fails (or, with a dead letter queue, records are written one by one).', group: RETRIES_GROUP, orderInGroup: 1, width: Width.SHORT, displayName: 'Maximum Retries' })
  .define({ name: RETRY_BACKOFF_MS, type: ConfigType.INT, defaultValue: 3000, validator: NON_NEGATIVE, importance: Importance.MEDIUM, documentation: 'Milliseconds to wait after a failed write before retrying it.', group: RETRIES_GROUP, orderInGroup: 2, width: Width.SHORT, displayName: 'Retry Backoff (millis)' })
  .define({ name: TRIM_SENSITIVE_LOG, type: ConfigType.BOOLEAN, defaultValue: false, importance: Importance.LOW, documentation: null, internal: true });

export interface JdbcSinkSettings {
  /** The connector's `name`, used in record errors. */
  connectorName: string;
  connection: ConnectionSettings;
  insertMode: InsertMode;
  batchSize: number;
  deleteEnabled: boolean;
  tableTypes: readonly TableType[];
  replaceNullWithDefault: boolean;
  tableNameFormat: string;
  pkMode: PkMode;
  pkFields: readonly string[];
  fieldsWhitelist: ReadonlySet<string>;
  /** Zone of Time and Timestamp values (`db.timezone`). */
  dbZone: Zone;
  /** Zone of Date values (`date.timezone`). */
  dateZone: Zone;
  timestampFields: ReadonlySet<string>;
  timestampPrecision: 'microseconds' | 'nanoseconds';
  autoCreate: boolean;
  autoEvolve: boolean;
  quoteIdentifiers: boolean;
  maxRetries: number;
  retryBackoffMs: number;
  trimSensitiveLog: boolean;
}

export const DELETES_NEED_RECORD_KEY = "Primary key mode must be 'record_key' when delete support is enabled";

/** Parses a sink config; throws ConfigException as JdbcSinkConfig's constructor does. */
export function parseSinkConfig(props: Record<string, string>): JdbcSinkSettings {
  const c = new ParsedConfig(SINK_CONFIG_DEF, props);
  const str = (key: string): string => c.getString(key) ?? '';
  const pkMode = str(PK_MODE).toLowerCase() as PkMode;
  const deleteEnabled = c.getBoolean(DELETE_ENABLED) === true;
  if (deleteEnabled && pkMode !== 'record_key') throw new ConfigException(DELETES_NEED_RECORD_KEY);
  const dbZone = shared.dbZoneOf(c);
  const tableTypes = [...new Set((c.getList(TABLE_TYPES) ?? []).map((t) => parseTableType(t)).filter((t): t is TableType => t !== null))];
  return {
    connectorName: props['name'] ?? '',
    connection: shared.connectionSettingsOf(c),
    insertMode: str(INSERT_MODE).toLowerCase() as InsertMode,
    batchSize: c.getInt(BATCH_SIZE) ?? 3000,
    deleteEnabled,
    tableTypes,
    replaceNullWithDefault: c.getBoolean(REPLACE_NULL_WITH_DEFAULT) !== false,
    tableNameFormat: str(TABLE_NAME_FORMAT).trim(),
    pkMode,
    pkFields: [...(c.getList(PK_FIELDS) ?? [])],
    fieldsWhitelist: new Set(c.getList(FIELDS_WHITELIST) ?? []),
    dbZone,
    dateZone: str(DATE_TIMEZONE).toUpperCase() === 'UTC' ? UTC : dbZone,
    timestampFields: new Set(c.getList(TIMESTAMP_FIELDS_LIST) ?? []),
    timestampPrecision: str(TIMESTAMP_PRECISION_MODE).toLowerCase() === 'nanoseconds' ? 'nanoseconds' : 'microseconds',
    autoCreate: c.getBoolean(AUTO_CREATE) === true,
    autoEvolve: c.getBoolean(AUTO_EVOLVE) === true,
    quoteIdentifiers: shared.quoteIdentifiersOf(c),
    maxRetries: c.getInt(MAX_RETRIES) ?? 10,
    retryBackoffMs: c.getInt(RETRY_BACKOFF_MS) ?? 3000,
    trimSensitiveLog: c.getBoolean(TRIM_SENSITIVE_LOG) === true,
  };
}
