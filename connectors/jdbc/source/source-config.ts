/**
 * The JDBC source's configuration keys (JdbcSourceConnectorConfig and JdbcSourceTaskConfig of
 * Confluent's kafka-connect-jdbc 10.9): names, types, defaults, validators, recommenders, groups
 * and validator messages as Confluent has them; documentation in our words.
 */
import {
  ConfigDef,
  ConfigException,
  ConfigType,
  Importance,
  LambdaValidator,
  Range,
  ValidString,
  Width,
  type ParsedConfigValues,
  type Recommender,
  type Validator,
} from '../../../src/config/index.js';
import { EnumRecommender } from '../common/enum-recommender.js';
import * as shared from '../common/shared-config.js';


export const TABLE_WHITELIST = 'table.whitelist';
export const TABLE_BLACKLIST = 'table.blacklist';
export const TABLE_INCLUDE_LIST = 'table.include.list';
export const TABLE_EXCLUDE_LIST = 'table.exclude.list';
export const CATALOG_PATTERN = 'catalog.pattern';
export const SCHEMA_PATTERN = 'schema.pattern';
export const NUMERIC_PRECISION_MAPPING = 'numeric.precision.mapping';
export const NUMERIC_MAPPING = 'numeric.mapping';
export const MODE = 'mode';
export const INCREMENTING_COLUMN_NAME = 'incrementing.column.name';
export const TIMESTAMP_COLUMN_NAME = 'timestamp.column.name';
export const TIMESTAMP_COLUMNS_MAPPING = 'timestamp.columns.mapping';
export const INCREMENTING_COLUMN_MAPPING = 'incrementing.column.mapping';
export const TIMESTAMP_INITIAL = 'timestamp.initial';
export const VALIDATE_NON_NULL = 'validate.non.null';
export const QUERY = 'query';
export const QUERY_MASKED = 'query.masked';
export const QUERY_SUFFIX = 'query.suffix';
export const TRANSACTION_ISOLATION_MODE = 'transaction.isolation.mode';
export const QUERY_RETRY_ATTEMPTS = 'query.retry.attempts';
export const INCREMENTING_DELAY_MS = 'sluice.incrementing.delay.interval.ms';
export const TABLE_TYPES = 'table.types';
export const POLL_INTERVAL_MS = 'poll.interval.ms';
export const BATCH_MAX_ROWS = 'batch.max.rows';
export const MAX_BUFFER_SIZE = 'max.buffer.size';
export const POLL_LINGER_MS = 'poll.linger.ms';
export const TABLE_MONITORING_STARTUP_LIMIT_MS = 'table.monitoring.startup.polling.limit.ms';
export const TABLE_POLL_INTERVAL_MS = 'table.poll.interval.ms';
export const TOPIC_PREFIX = 'topic.prefix';
export const TIMESTAMP_DELAY_INTERVAL_MS = 'timestamp.delay.interval.ms';
export const TIMESTAMP_GRANULARITY = 'timestamp.granularity';
/** Task-only keys the connector writes into each task config. */
export const TABLES = 'tables';
export const TABLES_FETCHED = 'tables.fetched';

export const MODE_BULK = 'bulk';
export const MODE_TIMESTAMP = 'timestamp';
export const MODE_INCREMENTING = 'incrementing';
export const MODE_TIMESTAMP_INCREMENTING = 'timestamp+incrementing';
export const NUMERIC_MAPPINGS = ['none', 'precision_only', 'best_fit', 'best_fit_eager_double'] as const;
export const TIMESTAMP_GRANULARITIES = [
  'connect_logical',
  'micros_long',
  'micros_string',
  'micros_iso_datetime_string',
  'nanos_long',
  'nanos_string',
  'nanos_iso_datetime_string',
] as const;
export const ISOLATION_MODES = ['DEFAULT', 'READ_UNCOMMITTED', 'READ_COMMITTED', 'REPEATABLE_READ', 'SERIALIZABLE', 'SQL_SERVER_SNAPSHOT'] as const;

const DATABASE_GROUP = 'Database';
const MODE_GROUP = 'Mode';
const CONNECTOR_GROUP = 'Connector';

const HIDDEN_RECOMMENDER: Recommender = { validValues: () => [], visible: () => false };

/** Which keys are shown for which mode; an unset or unknown mode is reported on those keys. */
const MODE_DEPENDENTS_RECOMMENDER: Recommender = {
  validValues: () => [],
  visible(name: string, parsed: ParsedConfigValues): boolean {
    const mode = parsed.get(MODE);
    const timestampKeys = [TIMESTAMP_COLUMN_NAME, TIMESTAMP_COLUMNS_MAPPING, VALIDATE_NON_NULL];
    const incrementingKeys = [INCREMENTING_COLUMN_NAME, INCREMENTING_COLUMN_MAPPING, VALIDATE_NON_NULL];
    switch (mode) {
      case MODE_BULK:
        return false;
      case MODE_TIMESTAMP:
        return timestampKeys.includes(name);
      case MODE_INCREMENTING:
        return incrementingKeys.includes(name);
      case MODE_TIMESTAMP_INCREMENTING:
        return timestampKeys.includes(name) || incrementingKeys.includes(name);
      case '':
      case null:
      case undefined:
        throw new ConfigException('Query mode must be specified');
      default:
        throw new ConfigException(`Invalid mode: ${String(mode)}`);
    }
  },
};

/** A Java regex compiled for full matches (Pattern.matches). */
export function fullMatchRegex(regex: string): RegExp {
  return new RegExp(`^(?:${regex})$`);
}

function regexListValidator(): Validator {
  return LambdaValidator.with(
    (name, value) => {
      for (const regex of (value as readonly string[] | null) ?? []) {
        try {
          fullMatchRegex(regex.trim());
        } catch (err) {
          throw ConfigException.invalidValue(name, value, `Must be a valid comma-separated list of regular expression patterns: ${(err as Error).message}`);
        }
      }
    },
    () => 'a valid comma-separated list of Java regular expressions',
  );
}

function mappingRegex(name: string, regex: string): void {
  try {
    fullMatchRegex(regex);
  } catch (err) {
    throw ConfigException.invalidValue(name, regex, `Invalid regular expression: ${(err as Error).message}`);
  }
}

/** `regex:[col1|col2],...` */
function tableToColumnsValidator(): Validator {
  return LambdaValidator.with(
    (name, value) => {
      for (const raw of (value as readonly string[] | null) ?? []) {
        const mapping = raw.trim();
        const parts = mapping.split(':');
        if (parts.length !== 2) throw ConfigException.invalidValue(name, mapping, "Invalid format. Expected 'regex:[col1|col2|...]'");
        mappingRegex(name, parts[0].trim());
        const columns = parts[1].trim();
        if (!columns.startsWith('[') || !columns.endsWith(']')) throw ConfigException.invalidValue(name, columns, 'Columns list must be enclosed in square brackets');
        const content = columns.slice(1, -1);
        if (content.trim() === '') throw ConfigException.invalidValue(name, columns, 'Columns list cannot be empty');
        if (content.split('|').some((c) => c.trim() === '')) throw ConfigException.invalidValue(name, columns, 'Every column name should be non-empty string');
      }
    },
    () => "a list of mappings in the format 'regex:[col1|col2|...]' where regex is a valid Java regular expression and columns are valid column names",
  );
}

/** `regex:col,...` */
function tableToColumnValidator(): Validator {
  return LambdaValidator.with(
    (name, value) => {
      for (const raw of (value as readonly string[] | null) ?? []) {
        const mapping = raw.trim();
        const parts = mapping.split(':');
        if (parts.length !== 2) throw ConfigException.invalidValue(name, mapping, "Invalid format. Expected 'regex:columnName'");
        mappingRegex(name, parts[0].trim());
        const column = parts[1].trim();
        if (column === '') throw ConfigException.invalidValue(name, column, 'Column name cannot be empty');
      }
    },
    () => "a list of mappings in the format 'regex:columnName' where regex is a valid Java regular expression and columnName is a valid column name",
  );
}

const TOPIC_PREFIX_VALIDATOR = LambdaValidator.with((name, value) => {
  if (value === null) throw ConfigException.invalidValue(name, value, 'Topic prefix must not be null.');
  const trimmed = String(value).trim();
  if (trimmed.length > 249) throw ConfigException.invalidValue(name, value, 'Topic prefix length must not exceed max topic name length, 249 chars');
  if (/[^a-zA-Z0-9._-]/.test(trimmed)) {
    throw ConfigException.invalidValue(name, value, "Topic prefix must not contain any character other than ASCII alphanumerics, '.', '_' and '-'.");
  }
});

function defineDatabaseKeys(def: ConfigDef): void {
  let order = 0;
  const group = DATABASE_GROUP;
  def
    .define(
      shared.placeKey(shared.CONNECTION_URL_KEY, { group, orderInGroup: ++order, width: Width.LONG }, { defaultValue: '', dependents: [TABLE_WHITELIST, TABLE_BLACKLIST] }),
    )
    .define(shared.placeKey(shared.CONNECTION_USER_KEY, { group, orderInGroup: ++order, width: Width.LONG }))
    .define(shared.placeKey(shared.CONNECTION_PASSWORD_KEY, { group, orderInGroup: ++order, width: Width.SHORT }))
    .define(shared.placeKey(shared.CREDENTIALS_PROVIDER_CLASS_KEY, { group, orderInGroup: ++order, width: Width.LONG }))
    .define(shared.placeKey(shared.CONNECTION_ATTEMPTS_KEY, { group, orderInGroup: ++order, width: Width.SHORT }))
    .define(shared.placeKey(shared.CONNECTION_BACKOFF_MS_KEY, { group, orderInGroup: ++order, width: Width.SHORT }))
    .define({
      name: TABLE_WHITELIST,
      type: ConfigType.LIST,
      defaultValue: '',
      importance: Importance.MEDIUM,
      documentation: 'Tables to copy, by exact name (bare, qualified, or quoted and qualified). Cannot be combined with table.blacklist.',
      group,
      orderInGroup: ++order,
      width: Width.LONG,
      displayName: 'Table Whitelist',
    })
    .define({
      name: TABLE_BLACKLIST,
      type: ConfigType.LIST,
      defaultValue: '',
      importance: Importance.MEDIUM,
      documentation: 'Tables not to copy, by exact name. Cannot be combined with table.whitelist.',
      group,
      orderInGroup: ++order,
      width: Width.LONG,
      displayName: 'Table Blacklist',
    })
    .define({
      name: TABLE_INCLUDE_LIST,
      type: ConfigType.LIST,
      defaultValue: [],
      validator: regexListValidator(),
      importance: Importance.MEDIUM,
      documentation: 'Regular expressions matched (case-sensitively, whole name) against fully qualified table names such as public.orders; matching tables are copied. Excludes the legacy table.whitelist and table.blacklist.',
      group,
      orderInGroup: ++order,
      width: Width.LONG,
      displayName: 'Tables Included (Regex)',
    })
    .define({
      name: TABLE_EXCLUDE_LIST,
      type: ConfigType.LIST,
      defaultValue: [],
      validator: regexListValidator(),
      importance: Importance.MEDIUM,
      documentation: 'Regular expressions for fully qualified table names to leave out of those table.include.list matches; needs table.include.list.',
      group,
      orderInGroup: ++order,
      width: Width.LONG,
      displayName: 'Tables Excluded (Regex)',
    })
    .define({
      name: CATALOG_PATTERN,
      type: ConfigType.STRING,
      defaultValue: null,
      importance: Importance.MEDIUM,
      documentation: 'Catalog (MySQL: database) pattern for listing tables; unset lists every catalog, "" tables without one.',
      group,
      orderInGroup: ++order,
      width: Width.SHORT,
      displayName: 'Schema pattern',
    })
    .define({
      name: SCHEMA_PATTERN,
      type: ConfigType.STRING,
      defaultValue: null,
      importance: Importance.HIGH,
      documentation: 'Schema pattern for listing tables; unset lists every schema, "" tables without one.',
      group,
      orderInGroup: ++order,
      width: Width.SHORT,
      displayName: 'Schema pattern',
    })
    .define({
      name: NUMERIC_PRECISION_MAPPING,
      type: ConfigType.BOOLEAN,
      defaultValue: false,
      importance: Importance.LOW,
      documentation: 'Deprecated: true means numeric.mapping=precision_only when numeric.mapping is unset.',
      group,
      orderInGroup: ++order,
      width: Width.SHORT,
      displayName: 'Map Numeric Values By Precision (deprecated)',
    })
    .define({
      name: NUMERIC_MAPPING,
      type: ConfigType.STRING,
      defaultValue: null,
      validator: new EnumRecommender(NUMERIC_MAPPINGS),
      recommender: new EnumRecommender(NUMERIC_MAPPINGS),
      importance: Importance.LOW,
      documentation:
        'How NUMERIC columns map to Connect types: none (always Decimal), precision_only (scale 0 and precision <= 18 become INT8..INT64), best_fit (also FLOAT64 for a positive scale), best_fit_eager_double (FLOAT64 for any positive scale whatever the precision).',
      group,
      orderInGroup: ++order,
      width: Width.SHORT,
      displayName: 'Map Numeric Values, Integral or Decimal, By Precision and Scale',
    })
    .define(shared.placeKey(shared.DIALECT_NAME_KEY, { group, orderInGroup: ++order, width: Width.LONG }))
    .define(shared.placeKey(shared.DATE_CALENDAR_SYSTEM_KEY, { group, orderInGroup: ++order, width: Width.MEDIUM }));
}

function defineModeKeys(def: ConfigDef): void {
  let order = 0;
  const group = MODE_GROUP;
  def
    .define({
      name: MODE,
      type: ConfigType.STRING,
      defaultValue: '',
      validator: ValidString.in('', MODE_BULK, MODE_TIMESTAMP, MODE_INCREMENTING, MODE_TIMESTAMP_INCREMENTING),
      importance: Importance.HIGH,
      documentation:
        'How each poll finds rows: bulk (the whole table every time), incrementing (rows with a greater strictly increasing id; no updates), timestamp (rows whose timestamp moved past the last one seen), timestamp+incrementing (both, for a unique offset per row version).',
      group,
      orderInGroup: ++order,
      width: Width.MEDIUM,
      displayName: 'Table Loading Mode',
      dependents: [INCREMENTING_COLUMN_NAME, TIMESTAMP_COLUMN_NAME, INCREMENTING_COLUMN_MAPPING, TIMESTAMP_COLUMNS_MAPPING, VALIDATE_NON_NULL],
    })
    .define({
      name: INCREMENTING_COLUMN_NAME,
      type: ConfigType.STRING,
      defaultValue: '',
      importance: Importance.MEDIUM,
      documentation: 'The strictly increasing, NOT NULL column; empty means the first auto-increment column of each table.',
      group,
      orderInGroup: ++order,
      width: Width.MEDIUM,
      displayName: 'Incrementing Column Name',
      recommender: MODE_DEPENDENTS_RECOMMENDER,
    })
    .define({
      name: TIMESTAMP_COLUMN_NAME,
      type: ConfigType.LIST,
      defaultValue: '',
      importance: Importance.MEDIUM,
      documentation: 'One or more timestamp columns; with several, the first non-null (COALESCE) is the row timestamp. At least one should be NOT NULL.',
      group,
      orderInGroup: ++order,
      width: Width.MEDIUM,
      displayName: 'Timestamp Column Name',
      recommender: MODE_DEPENDENTS_RECOMMENDER,
    })
    .define({
      name: TIMESTAMP_COLUMNS_MAPPING,
      type: ConfigType.LIST,
      defaultValue: [],
      validator: tableToColumnsValidator(),
      importance: Importance.MEDIUM,
      documentation: 'Timestamp columns per table: regex1:[col1|col2],regex2:[col3], regexes matched against fully qualified table names; every copied table must match exactly one.',
      group,
      orderInGroup: ++order,
      width: Width.LONG,
      displayName: 'Table to timestamp columns mappings',
      recommender: MODE_DEPENDENTS_RECOMMENDER,
    })
    .define({
      name: INCREMENTING_COLUMN_MAPPING,
      type: ConfigType.LIST,
      defaultValue: [],
      validator: tableToColumnValidator(),
      importance: Importance.MEDIUM,
      documentation: 'Incrementing column per table: regex1:col1,regex2:col2, regexes matched against fully qualified table names; every copied table must match exactly one.',
      group,
      orderInGroup: ++order,
      width: Width.LONG,
      displayName: 'Table to incrementing column mappings',
      recommender: MODE_DEPENDENTS_RECOMMENDER,
    })
    .define({
      name: TIMESTAMP_INITIAL,
      type: ConfigType.LONG,
      defaultValue: null,
      importance: Importance.LOW,
      documentation: 'Epoch milliseconds to start timestamp queries from when there is no stored offset; -1 means the database time at start; unset means from the beginning.',
      group,
      orderInGroup: ++order,
      width: Width.MEDIUM,
      displayName: 'Unix time value of initial timestamp',
      recommender: MODE_DEPENDENTS_RECOMMENDER,
    })
    .define({
      name: VALIDATE_NON_NULL,
      type: ConfigType.BOOLEAN,
      defaultValue: true,
      importance: Importance.LOW,
      documentation: 'Fail at start when the incrementing column, or every timestamp column, of a table is nullable.',
      group,
      orderInGroup: ++order,
      width: Width.SHORT,
      displayName: 'Validate Non Null',
      recommender: MODE_DEPENDENTS_RECOMMENDER,
    })
    .define({
      name: QUERY,
      type: ConfigType.STRING,
      defaultValue: '',
      importance: Importance.MEDIUM,
      documentation: 'A SELECT to run instead of copying tables. Incremental modes append a WHERE clause to it, so it must not have one of its own (wrap it in a sub-select).',
      group,
      orderInGroup: ++order,
      width: Width.SHORT,
      displayName: 'Query',
    })
    .define({
      name: QUERY_MASKED,
      type: ConfigType.PASSWORD,
      defaultValue: '',
      importance: Importance.MEDIUM,
      documentation: 'The same as query, hidden in logs and REST output.',
      group,
      orderInGroup: ++order,
      width: Width.SHORT,
      displayName: 'Query (Masked)',
      recommender: HIDDEN_RECOMMENDER,
    })
    .define(shared.placeKey(shared.QUOTE_SQL_IDENTIFIERS_KEY, { group, orderInGroup: ++order, width: Width.MEDIUM }))
    .define({
      name: QUERY_SUFFIX,
      type: ConfigType.STRING,
      defaultValue: '',
      importance: Importance.LOW,
      documentation: 'Text appended (after a space) to every generated query.',
      group,
      orderInGroup: ++order,
      width: Width.MEDIUM,
      displayName: 'Query suffix',
    })
    .define({
      name: TRANSACTION_ISOLATION_MODE,
      type: ConfigType.STRING,
      defaultValue: 'DEFAULT',
      importance: Importance.LOW,
      documentation: 'Isolation level of the reading transactions: DEFAULT (the server default), READ_UNCOMMITTED, READ_COMMITTED, REPEATABLE_READ, SERIALIZABLE (SQL_SERVER_SNAPSHOT is for SQL Server only).',
      group,
      orderInGroup: ++order,
      width: Width.MEDIUM,
      displayName: 'Transaction Isolation Mode',
      recommender: new EnumRecommender(ISOLATION_MODES),
    })
    .define({
      name: QUERY_RETRY_ATTEMPTS,
      type: ConfigType.INT,
      defaultValue: -1,
      importance: Importance.LOW,
      documentation: 'How often a query that failed with a transient SQL error is retried before the task fails; -1 retries for ever.',
      group,
      orderInGroup: ++order,
      width: Width.MEDIUM,
      displayName: 'Query Retry Attempts',
    })
    .define({
      name: INCREMENTING_DELAY_MS,
      type: ConfigType.LONG,
      defaultValue: 0,
      validator: Range.atLeast(0),
      importance: Importance.LOW,
      documentation:
        'Sluice extension, incrementing mode only (0 = off, as in Confluent): rows are read only up to the largest id that was already visible this many milliseconds ago, so rows whose transactions commit out of id order within that time are not skipped.',
      group,
      orderInGroup: ++order,
      width: Width.MEDIUM,
      displayName: 'Incrementing Delay Interval (ms)',
    });
}

function defineConnectorKeys(def: ConfigDef): void {
  let order = 0;
  const group = CONNECTOR_GROUP;
  def
    .define({
      name: TABLE_TYPES,
      type: ConfigType.LIST,
      defaultValue: 'TABLE',
      importance: Importance.LOW,
      documentation: 'Table types to copy: TABLE, VIEW, SYSTEM TABLE, GLOBAL TEMPORARY, LOCAL TEMPORARY, ALIAS, SYNONYM.',
      group,
      orderInGroup: ++order,
      width: Width.MEDIUM,
      displayName: 'Table Types',
    })
    .define({ name: POLL_INTERVAL_MS, type: ConfigType.INT, defaultValue: 5000, importance: Importance.HIGH, documentation: 'Least time in milliseconds between two queries of the same table.', group, orderInGroup: ++order, width: Width.SHORT, displayName: 'Poll Interval (ms)' })
    .define({
      name: BATCH_MAX_ROWS,
      type: ConfigType.INT,
      defaultValue: 1000,
      importance: Importance.LOW,
      documentation: 'Most rows returned by one poll, and the number of rows fetched from the database at a time.',
      group,
      orderInGroup: ++order,
      width: Width.SHORT,
      displayName: 'Max Rows Per Batch',
    })
    .define({
      name: MAX_BUFFER_SIZE,
      type: ConfigType.INT,
      defaultValue: 0,
      importance: Importance.LOW,
      documentation: 'Accepted for compatibility; Sluice streams rows straight from the database cursor to poll(), without a buffer in between.',
      group,
      orderInGroup: ++order,
      width: Width.SHORT,
      displayName: 'Maximum Buffer Size',
    })
    .define({
      name: POLL_LINGER_MS,
      type: ConfigType.LONG,
      defaultValue: 5000,
      importance: Importance.LOW,
      documentation: 'Accepted for compatibility; poll() returns as soon as rows are read.',
      group,
      orderInGroup: ++order,
      width: Width.SHORT,
      displayName: 'Poll Linger Milliseconds',
    })
    .define({ name: TABLE_MONITORING_STARTUP_LIMIT_MS, type: ConfigType.LONG, defaultValue: 10000, importance: Importance.LOW, documentation: null, internal: true })
    .define({
      name: TABLE_POLL_INTERVAL_MS,
      type: ConfigType.LONG,
      defaultValue: 60000,
      importance: Importance.LOW,
      documentation: 'How often, in milliseconds, the table list is read again; added or dropped tables reconfigure the tasks.',
      group,
      orderInGroup: ++order,
      width: Width.SHORT,
      displayName: 'Metadata Change Monitoring Interval (ms)',
    })
    .define({
      name: TOPIC_PREFIX,
      type: ConfigType.STRING,
      defaultValue: '',
      validator: TOPIC_PREFIX_VALIDATOR,
      importance: Importance.HIGH,
      documentation: 'Prefix of the topic names (prefix + table name); with query, the whole topic name.',
      group,
      orderInGroup: ++order,
      width: Width.MEDIUM,
      displayName: 'Topic Prefix',
    })
    .define({
      name: TIMESTAMP_DELAY_INTERVAL_MS,
      type: ConfigType.LONG,
      defaultValue: 0,
      importance: Importance.HIGH,
      documentation: 'Timestamp modes read only rows whose timestamp is at least this many milliseconds older than the database clock, giving slower transactions time to commit.',
      group,
      orderInGroup: ++order,
      width: Width.MEDIUM,
      displayName: 'Delay Interval (ms)',
    })
    .define(
      shared.placeKey(
        shared.DB_TIMEZONE_KEY,
        { group, orderInGroup: ++order, width: Width.MEDIUM },
        { documentation: 'Time zone of the wall-clock values in TIME and TIMESTAMP (without time zone) columns, also used to bind timestamp query parameters.', displayName: 'DB time zone' },
      ),
    )
    .define({
      name: TIMESTAMP_GRANULARITY,
      type: ConfigType.STRING,
      defaultValue: 'connect_logical',
      validator: new EnumRecommender(TIMESTAMP_GRANULARITIES),
      recommender: new EnumRecommender(TIMESTAMP_GRANULARITIES),
      importance: Importance.LOW,
      documentation:
        'How TIMESTAMP columns appear: connect_logical (Connect Timestamp, milliseconds), micros_long, micros_string, micros_iso_datetime_string (yyyy-MM-ddTHH:mm:ss.SSSSSS in db.timezone), nanos_long, nanos_string, nanos_iso_datetime_string.',
      group,
      orderInGroup: ++order,
      width: Width.MEDIUM,
      displayName: 'Timestamp granularity for timestamp columns',
    });
}

/** The connector's keys (JdbcSourceConnectorConfig.CONFIG_DEF). */
export const SOURCE_CONFIG_DEF: ConfigDef = (() => {
  const def = new ConfigDef();
  defineDatabaseKeys(def);
  defineModeKeys(def);
  defineConnectorKeys(def);
  return def;
})();

/** A task's keys: the connector's plus the table assignment (JdbcSourceTaskConfig). */
export const SOURCE_TASK_CONFIG_DEF: ConfigDef = new ConfigDef(SOURCE_CONFIG_DEF)
  .define({ name: TABLES, type: ConfigType.LIST, importance: Importance.HIGH, documentation: 'Tables this task reads.' })
  .define({ name: TABLES_FETCHED, type: ConfigType.BOOLEAN, defaultValue: false, importance: Importance.HIGH, documentation: null, internal: true });
