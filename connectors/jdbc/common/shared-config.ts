/**
 * The configuration keys the JDBC source and sink share (connection, dialect, quoting, time zone,
 * calendar): names, types, defaults, validators and recommenders as Confluent defines them, and
 * how both read them. Each connector places them in its own ConfigDef with `placeKey`, in the
 * group, order and width Confluent gives them there.
 */
import {
  CaseInsensitiveValidString,
  ConfigException,
  ConfigType,
  Importance,
  LambdaValidator,
  Range,
  ValidString,
  type ConfigKeyDefinition,
  type ParsedConfig,
  type ParsedValue,
  type Recommender,
  type Validator,
  type Width,
} from '../../../src/config/index.js';
import type { ConnectionSettings } from './db.js';
import { EnumRecommender } from './enum-recommender.js';
import { findZone, type Zone } from './time-zone.js';

export const CONNECTION_URL = 'connection.url';
export const CONNECTION_USER = 'connection.user';
export const CONNECTION_PASSWORD = 'connection.password';
export const CREDENTIALS_PROVIDER_CLASS = 'jdbc.credentials.provider.class';
export const CONNECTION_ATTEMPTS = 'connection.attempts';
export const CONNECTION_BACKOFF_MS = 'connection.backoff.ms';
export const DIALECT_NAME = 'dialect.name';
export const QUOTE_SQL_IDENTIFIERS = 'quote.sql.identifiers';
export const DB_TIMEZONE = 'db.timezone';
export const DATE_CALENDAR_SYSTEM = 'date.calendar.system';

export const DEFAULT_CREDENTIALS_PROVIDER = 'io.confluent.connect.jdbc.util.DefaultJdbcCredentialsProvider';
/** `dialect.name` values: empty (from the URL) or one of the dialects Sluice has. */
export const DIALECT_NAMES = ['', 'MySqlDatabaseDialect', 'PostgreSqlDatabaseDialect'] as const;

/** Confluent's DatabaseDialectRecommender, validator and recommender. */
const DIALECT_RECOMMENDER: Validator & Recommender = {
  ensureValid(name: string, value: ParsedValue): void {
    if (value !== null && !(DIALECT_NAMES as readonly string[]).includes(String(value))) throw ConfigException.invalidValue(name, value, 'Invalid enumerator');
  },
  toString: () => `[${DIALECT_NAMES.join(', ')}]`,
  validValues: () => [...DIALECT_NAMES],
  visible: () => true,
};

/** Confluent's TimeZoneValidator: what ZoneId.of accepts, short ids included. */
const TIME_ZONE_VALIDATOR = LambdaValidator.with(
  (name, value) => {
    if (value !== null && findZone(String(value)) === null) {
      throw ConfigException.invalidValue(name, value, 'Invalid time zone. See the list of valid time zones at https://docs.oracle.com/javase/8/docs/api/java/time/ZoneId.html#shortIds');
    }
  },
  () => 'Any valid JDK time zone',
);

/** Only the default provider exists in Sluice (by its class name, or its simple name). */
const CREDENTIALS_PROVIDER_VALIDATOR = LambdaValidator.with(
  (name, value) => {
    if (value !== null && value !== DEFAULT_CREDENTIALS_PROVIDER && value !== 'DefaultJdbcCredentialsProvider') {
      throw ConfigException.invalidValue(name, value, `Only ${DEFAULT_CREDENTIALS_PROVIDER} (connection.user and connection.password) is available in Sluice`);
    }
  },
  () => DEFAULT_CREDENTIALS_PROVIDER,
);

/** A shared key before a connector places it. */
export type SharedKey = Omit<ConfigKeyDefinition, 'group' | 'orderInGroup' | 'width'>;

/** Where a connector's ConfigDef shows a key. */
export interface KeyPlacement {
  group: string;
  orderInGroup: number;
  width: Width;
}

/**
 * A shared key as one connector defines it: its placement, and anything Confluent defines
 * differently for that connector (documentation, display name, default, dependents).
 */
export function placeKey(key: SharedKey, placement: KeyPlacement, differences: Partial<SharedKey> = {}): ConfigKeyDefinition {
  return { ...key, ...differences, ...placement };
}

/** Required, as in the sink; the source gives it the default `''`. */
export const CONNECTION_URL_KEY: SharedKey = {
  name: CONNECTION_URL,
  type: ConfigType.STRING,
  importance: Importance.HIGH,
  documentation: 'JDBC URL of the database: jdbc:postgresql://host:port/db, jdbc:mysql://host:port/db or jdbc:mariadb://host:port/db, with optional ?user=..&password=.. properties.',
  displayName: 'JDBC URL',
};

export const CONNECTION_USER_KEY: SharedKey = {
  name: CONNECTION_USER,
  type: ConfigType.STRING,
  defaultValue: null,
  importance: Importance.HIGH,
  documentation: 'Database user; overrides a user in the URL.',
  displayName: 'JDBC User',
};

export const CONNECTION_PASSWORD_KEY: SharedKey = {
  name: CONNECTION_PASSWORD,
  type: ConfigType.PASSWORD,
  defaultValue: null,
  importance: Importance.HIGH,
  documentation: 'Database password; overrides a password in the URL.',
  displayName: 'JDBC Password',
};

export const CREDENTIALS_PROVIDER_CLASS_KEY: SharedKey = {
  name: CREDENTIALS_PROVIDER_CLASS,
  type: ConfigType.CLASS,
  defaultValue: DEFAULT_CREDENTIALS_PROVIDER,
  validator: CREDENTIALS_PROVIDER_VALIDATOR,
  importance: Importance.LOW,
  documentation: 'Where credentials come from; only the default provider, which uses connection.user and connection.password, is available.',
  displayName: 'JDBC Credentials Provider Class',
};

export const CONNECTION_ATTEMPTS_KEY: SharedKey = {
  name: CONNECTION_ATTEMPTS,
  type: ConfigType.INT,
  defaultValue: 3,
  validator: Range.atLeast(1),
  importance: Importance.LOW,
  documentation: 'How many times to try opening a connection before giving up (at least 1).',
  displayName: 'JDBC connection attempts',
};

export const CONNECTION_BACKOFF_MS_KEY: SharedKey = {
  name: CONNECTION_BACKOFF_MS,
  type: ConfigType.LONG,
  defaultValue: 10000,
  importance: Importance.LOW,
  documentation: 'Milliseconds to wait between connection attempts.',
  displayName: 'JDBC connection backoff in milliseconds',
};

export const DIALECT_NAME_KEY: SharedKey = {
  name: DIALECT_NAME,
  type: ConfigType.STRING,
  defaultValue: '',
  validator: DIALECT_RECOMMENDER,
  recommender: DIALECT_RECOMMENDER,
  importance: Importance.LOW,
  documentation: 'Database dialect to use instead of the one the URL implies: PostgreSqlDatabaseDialect or MySqlDatabaseDialect; empty takes it from the URL.',
  displayName: 'Database Dialect',
};

/**
 * Confluent has no validator here and refuses another value only when the connector or task
 * starts (QuoteMethod.get, any case); Sluice refuses it in validate() already.
 */
export const QUOTE_SQL_IDENTIFIERS_KEY: SharedKey = {
  name: QUOTE_SQL_IDENTIFIERS,
  type: ConfigType.STRING,
  defaultValue: 'always',
  validator: CaseInsensitiveValidString.in('always', 'never'),
  recommender: EnumRecommender.in('always', 'never'),
  importance: Importance.MEDIUM,
  documentation: 'Whether table and column names are quoted in generated SQL: always or never.',
  displayName: 'Quote Identifiers',
};

/** Documented by each connector: the source reads and binds in it, the sink writes in it. */
export const DB_TIMEZONE_KEY: SharedKey = {
  name: DB_TIMEZONE,
  type: ConfigType.STRING,
  defaultValue: 'UTC',
  validator: TIME_ZONE_VALIDATOR,
  importance: Importance.MEDIUM,
  documentation: 'Time zone of the wall-clock values in TIME and TIMESTAMP (without time zone) columns.',
};

export const DATE_CALENDAR_SYSTEM_KEY: SharedKey = {
  name: DATE_CALENDAR_SYSTEM,
  type: ConfigType.STRING,
  defaultValue: 'LEGACY',
  validator: ValidString.in('LEGACY', 'PROLEPTIC_GREGORIAN'),
  importance: Importance.LOW,
  documentation: "Calendar for DATE and TIMESTAMP values before 1582-10-15: LEGACY (Julian before the cutover, as java.util dates) or PROLEPTIC_GREGORIAN (java.time's).",
  displayName: 'Date Calendar System',
};

/** `connection.*` and `dialect.name` of a parsed config, for opening sessions. */
export function connectionSettingsOf(config: ParsedConfig): ConnectionSettings {
  return {
    url: config.getString(CONNECTION_URL) ?? '',
    user: config.getString(CONNECTION_USER),
    password: config.getPassword(CONNECTION_PASSWORD)?.value() ?? null,
    dialectName: config.getString(DIALECT_NAME) ?? '',
    attempts: config.getInt(CONNECTION_ATTEMPTS) ?? 3,
    backoffMs: config.getLongAsNumber(CONNECTION_BACKOFF_MS) ?? 10000,
  };
}

/** `quote.sql.identifiers=always` (any case). */
export function quoteIdentifiersOf(config: ParsedConfig): boolean {
  return (config.getString(QUOTE_SQL_IDENTIFIERS) ?? '').toLowerCase() === 'always';
}

/** The zone of `db.timezone`. */
export function dbZoneOf(config: ParsedConfig): Zone {
  const id = config.getString(DB_TIMEZONE) ?? '';
  const zone = findZone(id);
  if (zone === null) throw ConfigException.invalidValue(DB_TIMEZONE, id, 'Invalid time zone');
  return zone;
}
