import { describe, expect, it } from 'vitest';
import { ConfigDef, ParsedConfig, Width } from '../../../src/config/index.js';
import { SINK_CONFIG_DEF } from '../sink/sink-config.js';
import { SOURCE_CONFIG_DEF } from '../source/source-config.js';
import {
  CONNECTION_ATTEMPTS_KEY,
  CONNECTION_BACKOFF_MS_KEY,
  CONNECTION_PASSWORD_KEY,
  CONNECTION_URL_KEY,
  CONNECTION_USER_KEY,
  connectionSettingsOf,
  CREDENTIALS_PROVIDER_CLASS_KEY,
  DATE_CALENDAR_SYSTEM_KEY,
  DB_TIMEZONE_KEY,
  dbZoneOf,
  DIALECT_NAME_KEY,
  placeKey,
  QUOTE_SQL_IDENTIFIERS_KEY,
  quoteIdentifiersOf,
} from './shared-config.js';

const SHARED = [
  CONNECTION_URL_KEY,
  CONNECTION_USER_KEY,
  CONNECTION_PASSWORD_KEY,
  CREDENTIALS_PROVIDER_CLASS_KEY,
  CONNECTION_ATTEMPTS_KEY,
  CONNECTION_BACKOFF_MS_KEY,
  DIALECT_NAME_KEY,
  QUOTE_SQL_IDENTIFIERS_KEY,
  DB_TIMEZONE_KEY,
  DATE_CALENDAR_SYSTEM_KEY,
];

const placement = (def: ConfigDef, name: string): [string | null, number, Width] => {
  const key = def.configKey(name);
  return [key?.group ?? null, key?.orderInGroup ?? 0, key?.width ?? Width.NONE];
};

function errorsOf(def: ConfigDef, props: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(def.validate(props).filter((v) => v.errorMessages.length > 0).map((v) => [v.name, v.errorMessages]));
}

describe('configuration keys shared by the JDBC source and sink', () => {
  it('are one definition in both connectors: type, validator, recommender, importance', () => {
    for (const shared of SHARED) {
      for (const def of [SOURCE_CONFIG_DEF, SINK_CONFIG_DEF]) {
        const key = def.configKey(shared.name);
        expect(key, shared.name).toBeDefined();
        expect([key?.type, key?.validator, key?.recommender, key?.importance], shared.name).toEqual([shared.type, shared.validator ?? null, shared.recommender ?? null, shared.importance]);
      }
    }
    // Confluent's differences: the source has a default URL, the sink requires one.
    expect(SOURCE_CONFIG_DEF.configKey('connection.url')?.defaultValue).toBe('');
    expect(SINK_CONFIG_DEF.configKey('connection.url')?.hasDefault()).toBe(false);
  });

  it('sit where Confluent puts them in each ConfigDef', () => {
    expect(['connection.url', 'connection.user', 'connection.password', 'jdbc.credentials.provider.class', 'dialect.name', 'connection.attempts', 'connection.backoff.ms'].map((n) => placement(SINK_CONFIG_DEF, n))).toEqual([
      ['Connection', 1, Width.LONG],
      ['Connection', 2, Width.MEDIUM],
      ['Connection', 3, Width.MEDIUM],
      ['Connection', 4, Width.LONG],
      ['Connection', 5, Width.LONG],
      ['Connection', 6, Width.SHORT],
      ['Connection', 7, Width.SHORT],
    ]);
    expect(['connection.url', 'connection.user', 'connection.password', 'jdbc.credentials.provider.class', 'connection.attempts', 'connection.backoff.ms'].map((n) => placement(SOURCE_CONFIG_DEF, n))).toEqual([
      ['Database', 1, Width.LONG],
      ['Database', 2, Width.LONG],
      ['Database', 3, Width.SHORT],
      ['Database', 4, Width.LONG],
      ['Database', 5, Width.SHORT],
      ['Database', 6, Width.SHORT],
    ]);
    expect(placement(SOURCE_CONFIG_DEF, 'quote.sql.identifiers')[0]).toBe('Mode');
    expect(placement(SOURCE_CONFIG_DEF, 'db.timezone')[0]).toBe('Connector');
    expect(placement(SINK_CONFIG_DEF, 'db.timezone')).toEqual(['Data Mapping', 5, Width.MEDIUM]);
    expect(placement(SINK_CONFIG_DEF, 'quote.sql.identifiers')).toEqual(['DDL Support', 3, Width.MEDIUM]);
  });

  it("validate each value with Confluent's rules", () => {
    const bad = { 'connection.attempts': '0', 'dialect.name': 'OracleDatabaseDialect', 'db.timezone': 'europe/paris', 'date.calendar.system': 'legacy', 'jdbc.credentials.provider.class': 'com.example.Vault' };
    for (const [def, base] of [
      [SINK_CONFIG_DEF, { 'connection.url': 'jdbc:mysql://h/db' }],
      [SOURCE_CONFIG_DEF, { 'connection.url': 'jdbc:mysql://h/db', mode: 'bulk' }],
    ] as const) {
      const errors = errorsOf(def, { ...base, ...bad });
      expect(Object.keys(errors).sort()).toEqual(Object.keys(bad).sort());
      expect(errors['dialect.name']).toEqual(['Invalid value OracleDatabaseDialect for configuration dialect.name: Invalid enumerator']);
      expect(errorsOf(def, { ...base, 'dialect.name': 'PostgreSqlDatabaseDialect', 'jdbc.credentials.provider.class': 'DefaultJdbcCredentialsProvider', 'quote.sql.identifiers': 'NEVER' })).toEqual({});
    }
    expect(SINK_CONFIG_DEF.configKey('dialect.name')?.recommender?.validValues('dialect.name', new Map())).toEqual(['', 'MySqlDatabaseDialect', 'PostgreSqlDatabaseDialect']);
  });

  it('are read the same way by both', () => {
    const def = new ConfigDef().define(placeKey(CONNECTION_URL_KEY, { group: 'g', orderInGroup: 1, width: Width.LONG }));
    for (const key of SHARED.slice(1)) def.define(placeKey(key, { group: 'g', orderInGroup: 1, width: Width.SHORT }));
    const config = new ParsedConfig(def, { 'connection.url': 'jdbc:mysql://h/db', 'connection.password': 'secret', 'connection.backoff.ms': '250', 'quote.sql.identifiers': 'Never', 'db.timezone': 'PST' });
    expect(connectionSettingsOf(config)).toEqual({ url: 'jdbc:mysql://h/db', user: null, password: 'secret', dialectName: '', attempts: 3, backoffMs: 250 });
    expect(quoteIdentifiersOf(config)).toBe(false);
    expect(dbZoneOf(config).id).toBe('America/Los_Angeles');
  });
});
