/**
 * The validate endpoint's checks for the JDBC source (JdbcSourceConnectorValidation, 10.9): the
 * key-by-key validation first; when that passes, the rules across keys (legacy vs regex filters,
 * query vs tables, mode vs column mappings) and a test connection, with each problem reported on
 * the key Confluent reports it on.
 */
import { ConfigValue } from '../../../src/config/index.js';
import type { Logger } from '../../../src/util/logger.js';
import { closeQuietly, type SessionOpener } from '../common/connect.js';
import { DbError } from '../common/db.js';
import { CONNECTION_URL } from '../common/shared-config.js';
import * as K from './source-config.js';
import { parseSourceSettings, usesIncrementingColumn, usesTimestampColumn, type SourceSettings } from './source-settings.js';

const SELECT_STATEMENT = /^SELECT\b/is;

export async function validateSourceConfig(config: Record<string, string>, openSession: SessionOpener, logger: Logger): Promise<ConfigValue[]> {
  const values = K.SOURCE_CONFIG_DEF.validateAll(config);
  if ([...values.values()].some((v) => v.errorMessages.length > 0)) return [...values.values()];
  const addError = (key: string, message: string): void => {
    let value = values.get(key);
    if (value === undefined) values.set(key, (value = new ConfigValue(key)));
    value.addErrorMessage(message);
  };
  try {
    const settings = parseSourceSettings(config);
    let ok =
      checkIsolationMode(settings, addError) &&
      checkLegacyAndRegexFilters(settings, addError) &&
      checkQuery(settings, { query: config[K.QUERY] ?? '', masked: config[K.QUERY_MASKED] ?? '' }, addError) &&
      checkQueryIncrementingColumn(settings, addError) &&
      checkIncrementingDelay(settings, addError) &&
      (await checkConnection(settings, openSession, values.get(CONNECTION_URL), addError));
    if (ok && usesRegexConfigs(settings)) ok = checkExcludeNeedsInclude(settings, addError) && checkModeColumnMappings(settings, addError);
    logger.info(ok ? 'Validation succeeded' : 'Validation failed');
  } catch (err) {
    logger.error({ err }, 'Error during validation');
  }
  return [...values.values()];
}

type AddError = (key: string, message: string) => void;

function checkIsolationMode(settings: SourceSettings, addError: AddError): boolean {
  if (settings.isolation !== 'SQL_SERVER_SNAPSHOT') return true;
  addError(K.TRANSACTION_ISOLATION_MODE, 'Isolation mode of `SQL_SERVER_SNAPSHOT` can only be configured with a Sql Server Dialect');
  return false;
}

function usesLegacyConfigs(s: SourceSettings): boolean {
  return s.whitelist.length > 0 || s.blacklist.length > 0 || s.incrementingColumn.trim() !== '' || (s.timestampColumns.length > 0 && s.timestampColumns[0].trim() !== '');
}

function usesRegexConfigs(s: SourceSettings): boolean {
  return s.includeList.length > 0 || s.excludeList.length > 0 || s.incrementingColumnMapping.length > 0 || s.timestampColumnsMapping.length > 0;
}

function checkLegacyAndRegexFilters(s: SourceSettings, addError: AddError): boolean {
  if (s.query !== null) return true;
  const legacy = usesLegacyConfigs(s);
  const regex = usesRegexConfigs(s);
  if (legacy && regex) {
    const msg =
      'Cannot mix legacy and new configuration approaches. Legacy configurations (table.whitelist, table.blacklist, timestamp.column.name, incrementing.column.name) ' +
      'cannot be used together with new configurations (table.include.list, table.exclude.list, timestamp.columns.mapping, incrementing.column.mapping). ' +
      'Please choose one approach: either use all legacy configurations or all new configurations.';
    const present: Array<[string, boolean]> = [
      [K.TABLE_WHITELIST, s.whitelist.length > 0],
      [K.TABLE_BLACKLIST, s.blacklist.length > 0],
      [K.TABLE_INCLUDE_LIST, s.includeList.length > 0],
      [K.TABLE_EXCLUDE_LIST, s.excludeList.length > 0],
      [K.TIMESTAMP_COLUMN_NAME, s.timestampColumns.length > 0 && s.timestampColumns[0].trim() !== ''],
      [K.TIMESTAMP_COLUMNS_MAPPING, s.timestampColumnsMapping.length > 0],
      [K.INCREMENTING_COLUMN_NAME, s.incrementingColumn.trim() !== ''],
      [K.INCREMENTING_COLUMN_MAPPING, s.incrementingColumnMapping.length > 0],
    ];
    for (const [key, isSet] of present) if (isSet) addError(key, msg);
    return false;
  }
  if (!legacy && !regex) {
    const msg = `At least one table filtering configuration is required. Provide one of: ${K.TABLE_WHITELIST}, ${K.TABLE_BLACKLIST}, ${K.TABLE_INCLUDE_LIST}, or ${K.TABLE_EXCLUDE_LIST}.`;
    for (const key of [K.TABLE_WHITELIST, K.TABLE_BLACKLIST, K.TABLE_INCLUDE_LIST, K.TABLE_EXCLUDE_LIST]) addError(key, msg);
    return false;
  }
  return true;
}

/** `query` and `query.masked` as given (the settings keep only the one in use). */
interface RawQueries {
  query: string;
  masked: string;
}

function checkQuery(s: SourceSettings, raw: RawQueries, addError: AddError): boolean {
  if (raw.query !== '' && raw.masked !== '') {
    const msg = "Both 'query' and 'query.masked' configs cannot be set at the same time. Please use only one of them.";
    addError(K.QUERY, msg);
    addError(K.QUERY_MASKED, msg);
    return false;
  }
  return checkQueryWithFilters(s, addError) && checkSelect(raw, addError);
}

function checkQueryWithFilters(s: SourceSettings, addError: AddError): boolean {
  if (s.query === null) return true;
  const filters: Array<[string, boolean]> = [
    [K.TABLE_WHITELIST, s.whitelist.length > 0],
    [K.TABLE_BLACKLIST, s.blacklist.length > 0],
    [K.TABLE_INCLUDE_LIST, s.includeList.length > 0],
    [K.TABLE_EXCLUDE_LIST, s.excludeList.length > 0],
  ];
  if (!filters.some(([, isSet]) => isSet)) return true;
  const msg =
    "Do not specify table filtering configs with 'query'. Remove table.whitelist / table.blacklist / table.include.list / table.exclude.list when using query mode or 'query' when using table filtering mode.";
  addError(K.QUERY, msg);
  addError(K.QUERY_MASKED, msg);
  for (const [key, isSet] of filters) if (isSet) addError(key, msg);
  return false;
}

function checkSelect(raw: RawQueries, addError: AddError): boolean {
  for (const [key, text] of [
    [K.QUERY, raw.query],
    [K.QUERY_MASKED, raw.masked],
  ] as const) {
    if (text !== '' && !SELECT_STATEMENT.test(text.trim())) {
      addError(key, `Only SELECT statements are supported for '${key}'. Please provide a statement that starts with SELECT.`);
      return false;
    }
  }
  return true;
}

function checkQueryIncrementingColumn(s: SourceSettings, addError: AddError): boolean {
  if (s.query === null || !usesIncrementingColumn(s.mode) || s.incrementingColumn.trim() !== '') return true;
  addError(
    K.INCREMENTING_COLUMN_NAME,
    `'${K.INCREMENTING_COLUMN_NAME}' must be provided when using mode '${K.MODE_INCREMENTING}' or '${K.MODE_TIMESTAMP_INCREMENTING}' with a custom query. ` +
      'The incrementing column cannot be auto-discovered in query mode because there is no table to inspect. ' +
      `Note that '${K.INCREMENTING_COLUMN_MAPPING}' is not applied in query mode (it maps columns by table-name regex, and a custom query has no underlying table to match), ` +
      `so '${K.INCREMENTING_COLUMN_NAME}' must be set explicitly.`,
  );
  return false;
}

/** Sluice's own key: it only has a meaning in incrementing mode. */
function checkIncrementingDelay(s: SourceSettings, addError: AddError): boolean {
  if (s.incrementingDelayMs === 0 || s.mode === K.MODE_INCREMENTING) return true;
  addError(K.INCREMENTING_DELAY_MS, `'${K.INCREMENTING_DELAY_MS}' only applies to mode '${K.MODE_INCREMENTING}'; use '${K.TIMESTAMP_DELAY_INTERVAL_MS}' with timestamp modes.`);
  return false;
}

/** Opens a connection (and checks the custom query) the way the connector will. */
async function checkConnection(s: SourceSettings, openSession: SessionOpener, urlValue: ConfigValue | undefined, addError: AddError): Promise<boolean> {
  let session;
  try {
    session = await openSession({ ...s.connection, attempts: 1 });
  } catch (err) {
    if (urlValue !== undefined && urlValue.errorMessages.length === 0) urlValue.addErrorMessage(`Could not connect to database. ${(err as Error).message}`);
    return false;
  }
  try {
    if (s.query === null) return true;
    try {
      await session.query(`SELECT * FROM (${s.query}) sluice_validation WHERE 1=0`);
      return true;
    } catch (err) {
      const state = err instanceof DbError && err.sqlState !== null ? ` (SQLState: ${err.sqlState})` : '';
      addError(
        s.queryMasked ? K.QUERY_MASKED : K.QUERY,
        'The configured query is not valid and has database/connection errors. Please provide the correct query by validating the query syntax and the existing table/column names with the database being connected' +
          state,
      );
      return false;
    }
  } finally {
    await closeQuietly(session);
  }
}

function checkExcludeNeedsInclude(s: SourceSettings, addError: AddError): boolean {
  if (s.excludeList.length === 0 || s.includeList.length > 0) return true;
  addError(K.TABLE_EXCLUDE_LIST, `${K.TABLE_EXCLUDE_LIST} cannot be used without ${K.TABLE_INCLUDE_LIST}. Exclude list only applies to tables that match the include list.`);
  return false;
}

function checkModeColumnMappings(s: SourceSettings, addError: AddError): boolean {
  const ts = `'${K.MODE_TIMESTAMP}' or '${K.MODE_TIMESTAMP_INCREMENTING}'`;
  const inc = `'${K.MODE_INCREMENTING}' or '${K.MODE_TIMESTAMP_INCREMENTING}'`;
  const hasTs = s.timestampColumnsMapping.length > 0;
  const hasInc = s.incrementingColumnMapping.length > 0;
  let message: string | null = null;
  if (usesTimestampColumn(s.mode) && !hasTs) message = `Timestamp column configuration must be provided when using mode ${ts}. Provide 'timestamp.columns.mapping'.`;
  else if (!usesTimestampColumn(s.mode) && hasTs) message = `Timestamp column configurations should not be provided if mode is not ${ts}. Remove 'timestamp.columns.mapping'.`;
  else if (usesIncrementingColumn(s.mode) && !hasInc) message = `Incrementing column configuration must be provided when using mode ${inc}. Provide 'incrementing.column.mapping'.`;
  else if (!usesIncrementingColumn(s.mode) && hasInc) message = `Incrementing column configurations should not be provided if mode is not ${inc}. Remove 'incrementing.column.mapping'.`;
  if (message === null) return true;
  addError(K.MODE, message);
  return false;
}
