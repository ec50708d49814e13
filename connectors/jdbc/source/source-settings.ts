/** A parsed JDBC source (or task) config as typed settings. */
import { ConfigException, ParsedConfig } from '../../../src/config/index.js';
import type { ConnectionSettings, IsolationLevel } from '../common/db.js';
import * as K from './source-config.js';
import type { CalendarSystem } from './temporal-text.js';
import { connectionSettingsOf, DATE_CALENDAR_SYSTEM, dbZoneOf, quoteIdentifiersOf } from '../common/shared-config.js';
import type { Zone } from '../common/time-zone.js';

export type Mode = typeof K.MODE_BULK | typeof K.MODE_INCREMENTING | typeof K.MODE_TIMESTAMP | typeof K.MODE_TIMESTAMP_INCREMENTING;
export type NumericMapping = (typeof K.NUMERIC_MAPPINGS)[number];
export type TimestampGranularity = (typeof K.TIMESTAMP_GRANULARITIES)[number];

export interface SourceSettings {
  connection: ConnectionSettings;
  /** '' when unset (validation reports it; a task refuses to start). */
  mode: Mode | '';
  incrementingColumn: string;
  timestampColumns: string[];
  incrementingColumnMapping: readonly string[];
  timestampColumnsMapping: readonly string[];
  whitelist: readonly string[];
  blacklist: readonly string[];
  includeList: readonly string[];
  excludeList: readonly string[];
  catalogPattern: string | null;
  schemaPattern: string | null;
  tableTypes: readonly string[];
  /** `query` or `query.masked`, null in table mode. */
  query: string | null;
  queryMasked: boolean;
  querySuffix: string;
  quoteIdentifiers: boolean;
  topicPrefix: string;
  pollIntervalMs: number;
  batchMaxRows: number;
  tablePollIntervalMs: number;
  startupPollingLimitMs: number;
  timestampInitial: number | null;
  timestampDelayMs: number;
  incrementingDelayMs: number;
  validateNonNull: boolean;
  numericMapping: NumericMapping;
  zone: Zone;
  granularity: TimestampGranularity;
  calendar: CalendarSystem;
  /** null for DEFAULT (leave the server's level). */
  isolation: IsolationLevel | 'SQL_SERVER_SNAPSHOT' | null;
  queryRetryAttempts: number;
}

export interface TaskSettings extends SourceSettings {
  /** Table identifiers as the connector wrote them (quoted per quote.sql.identifiers). */
  tables: readonly string[];
  tablesFetched: boolean;
}

export function parseSourceSettings(props: Record<string, string>): SourceSettings {
  return settingsOf(new ParsedConfig(K.SOURCE_CONFIG_DEF, props));
}

export function parseTaskSettings(props: Record<string, string>): TaskSettings {
  const config = new ParsedConfig(K.SOURCE_TASK_CONFIG_DEF, props);
  return { ...settingsOf(config), tables: config.getList(K.TABLES) ?? [], tablesFetched: config.getBoolean(K.TABLES_FETCHED) ?? false };
}

function settingsOf(config: ParsedConfig): SourceSettings {
  const str = (key: string): string => config.getString(key) ?? '';
  const list = (key: string): readonly string[] => config.getList(key) ?? [];
  const int = (key: string): number => config.getInt(key) ?? 0;
  const long = (key: string): number => config.getLongAsNumber(key) ?? 0;

  const masked = config.getPassword(K.QUERY_MASKED)?.value() ?? '';
  const plainQuery = str(K.QUERY);
  const query = masked !== '' ? masked : plainQuery !== '' ? plainQuery : null;

  const isolation = str(K.TRANSACTION_ISOLATION_MODE);
  if (!(K.ISOLATION_MODES as readonly string[]).includes(isolation)) {
    throw ConfigException.invalidValue(K.TRANSACTION_ISOLATION_MODE, isolation, `String must be one of: ${K.ISOLATION_MODES.join(', ')}`);
  }

  const numericMapping = config.getString(K.NUMERIC_MAPPING);
  const timestampColumns = list(K.TIMESTAMP_COLUMN_NAME).filter((c) => c !== '');
  return {
    connection: connectionSettingsOf(config),
    mode: str(K.MODE) as Mode | '',
    incrementingColumn: str(K.INCREMENTING_COLUMN_NAME),
    timestampColumns,
    incrementingColumnMapping: list(K.INCREMENTING_COLUMN_MAPPING),
    timestampColumnsMapping: list(K.TIMESTAMP_COLUMNS_MAPPING),
    whitelist: list(K.TABLE_WHITELIST),
    blacklist: list(K.TABLE_BLACKLIST),
    includeList: list(K.TABLE_INCLUDE_LIST),
    excludeList: list(K.TABLE_EXCLUDE_LIST),
    catalogPattern: config.getString(K.CATALOG_PATTERN),
    schemaPattern: config.getString(K.SCHEMA_PATTERN),
    tableTypes: list(K.TABLE_TYPES),
    query,
    queryMasked: masked !== '',
    querySuffix: str(K.QUERY_SUFFIX).trim(),
    quoteIdentifiers: quoteIdentifiersOf(config),
    topicPrefix: str(K.TOPIC_PREFIX).trim(),
    pollIntervalMs: int(K.POLL_INTERVAL_MS),
    batchMaxRows: int(K.BATCH_MAX_ROWS),
    tablePollIntervalMs: long(K.TABLE_POLL_INTERVAL_MS),
    startupPollingLimitMs: long(K.TABLE_MONITORING_STARTUP_LIMIT_MS),
    timestampInitial: config.getLongAsNumber(K.TIMESTAMP_INITIAL),
    timestampDelayMs: long(K.TIMESTAMP_DELAY_INTERVAL_MS),
    incrementingDelayMs: long(K.INCREMENTING_DELAY_MS),
    validateNonNull: config.getBoolean(K.VALIDATE_NON_NULL) ?? true,
    numericMapping: numericMapping !== null ? (numericMapping.toLowerCase() as NumericMapping) : config.getBoolean(K.NUMERIC_PRECISION_MAPPING) ? 'precision_only' : 'none',
    zone: dbZoneOf(config),
    granularity: str(K.TIMESTAMP_GRANULARITY).toLowerCase() as TimestampGranularity,
    calendar: str(DATE_CALENDAR_SYSTEM) as CalendarSystem,
    isolation: isolation === 'DEFAULT' ? null : (isolation as IsolationLevel | 'SQL_SERVER_SNAPSHOT'),
    queryRetryAttempts: int(K.QUERY_RETRY_ATTEMPTS),
  };
}

export const usesIncrementingColumn = (mode: Mode | ''): boolean => mode === K.MODE_INCREMENTING || mode === K.MODE_TIMESTAMP_INCREMENTING;
export const usesTimestampColumn = (mode: Mode | ''): boolean => mode === K.MODE_TIMESTAMP || mode === K.MODE_TIMESTAMP_INCREMENTING;
