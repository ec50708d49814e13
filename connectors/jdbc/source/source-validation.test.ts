import { describe, expect, it } from 'vitest';
import type { ConfigValue } from '../../../src/config/index.js';
import { silentLogger } from '../../../src/util/logger.js';
import type { SessionOpener } from '../common/connect.js';
import { DbError } from '../common/db.js';
import { FakeSession } from './fake-session.js';
import { SOURCE_CONFIG_DEF } from './source-config.js';
import { parseSourceSettings } from './source-settings.js';
import { validateSourceConfig } from './source-validation.js';

const BASE = { 'connection.url': 'jdbc:postgresql://db:5432/test', mode: 'incrementing', 'incrementing.column.name': 'id', 'table.whitelist': 'orders' };
const connects: SessionOpener = async () => new FakeSession();

async function errors(config: Record<string, string>, opener: SessionOpener = connects): Promise<Record<string, string[]>> {
  const values = await validateSourceConfig(config, opener, silentLogger());
  const result: Record<string, string[]> = {};
  for (const v of values as ConfigValue[]) if (v.errorMessages.length > 0) result[v.name] = v.errorMessages;
  return result;
}

describe('config definition', () => {
  it("defaults are Confluent's", () => {
    const s = parseSourceSettings({});
    expect(s.connection).toEqual({ url: '', user: null, password: null, dialectName: '', attempts: 3, backoffMs: 10000 });
    expect([s.mode, s.pollIntervalMs, s.batchMaxRows, s.tablePollIntervalMs, s.timestampDelayMs, s.queryRetryAttempts]).toEqual(['', 5000, 1000, 60000, 0, -1]);
    expect([s.numericMapping, s.granularity, s.zone.id, s.quoteIdentifiers, s.validateNonNull, s.isolation, s.calendar]).toEqual(['none', 'connect_logical', 'UTC', true, true, null, 'LEGACY']);
    expect([s.tableTypes, s.topicPrefix, s.query, s.timestampInitial, s.incrementingDelayMs]).toEqual([['TABLE'], '', null, null, 0]);
    expect(parseSourceSettings({ 'numeric.precision.mapping': 'true' }).numericMapping).toBe('precision_only');
    expect(parseSourceSettings({ 'numeric.precision.mapping': 'true', 'numeric.mapping': 'BEST_FIT' }).numericMapping).toBe('best_fit');
    expect(parseSourceSettings({ 'query.masked': 'SELECT 1', 'topic.prefix': ' t ' })).toMatchObject({ query: 'SELECT 1', queryMasked: true, topicPrefix: 't' });
  });

  it('key-by-key validation messages', () => {
    const messages = (props: Record<string, string>): string[] => SOURCE_CONFIG_DEF.validate(props).flatMap((v) => v.errorMessages);
    expect(messages({ mode: 'bulk', 'topic.prefix': 'a b' })).toEqual([
      "Invalid value a b for configuration topic.prefix: Topic prefix must not contain any character other than ASCII alphanumerics, '.', '_' and '-'.",
    ]);
    expect(messages({ mode: 'bulk', 'numeric.mapping': 'Best_Fit' })).toEqual(['Invalid value Best_Fit for configuration numeric.mapping: Invalid enumerator']);
    expect(messages({ mode: 'bulk', 'db.timezone': 'Mars/Base' })[0]).toMatch(/^Invalid value Mars\/Base for configuration db.timezone: Invalid time zone/);
    expect(messages({ mode: 'bulk', 'connection.attempts': '0' })).toEqual(['Invalid value 0 for configuration connection.attempts: Value must be at least 1']);
    expect(messages({ mode: 'nope' })).toContain('Invalid value nope for configuration mode: String must be one of: , bulk, timestamp, incrementing, timestamp+incrementing');
    expect(messages({ mode: 'bulk', 'timestamp.columns.mapping': 'a.*:x' })).toEqual(['Invalid value x for configuration timestamp.columns.mapping: Columns list must be enclosed in square brackets']);
    expect(messages({ mode: 'bulk', 'incrementing.column.mapping': 'a.*' })).toEqual(["Invalid value a.* for configuration incrementing.column.mapping: Invalid format. Expected 'regex:columnName'"]);
    expect(messages({ mode: 'bulk', 'table.include.list': '(' })[0]).toMatch(/^Invalid value \[\(\] for configuration table.include.list: Must be a valid comma-separated list of regular expression patterns/);
    // An unset mode shows on every mode-dependent key, through the recommender.
    const unset = SOURCE_CONFIG_DEF.validate({}).filter((v) => v.errorMessages.length > 0);
    expect(unset.map((v) => v.name)).toEqual(['incrementing.column.name', 'timestamp.column.name', 'timestamp.columns.mapping', 'incrementing.column.mapping', 'timestamp.initial', 'validate.non.null']);
    expect(unset[0].errorMessages).toEqual(['Query mode must be specified']);
  });
});

describe('validate (JdbcSourceConnectorValidation 10.9)', () => {
  it('a good config passes and opens a test connection', async () => {
    let opened = 0;
    expect(await errors(BASE, async () => (opened++, new FakeSession()))).toEqual({});
    expect(opened).toBe(1);
  });

  it('at least one table filter (or a legacy column) is required', async () => {
    const msg = 'At least one table filtering configuration is required. Provide one of: table.whitelist, table.blacklist, table.include.list, or table.exclude.list.';
    expect(await errors({ 'connection.url': BASE['connection.url'], mode: 'bulk' })).toEqual({
      'table.whitelist': [msg],
      'table.blacklist': [msg],
      'table.include.list': [msg],
      'table.exclude.list': [msg],
    });
  });

  it('legacy and regex keys cannot be mixed', async () => {
    const result = await errors({ ...BASE, 'table.include.list': 'public\\..*' });
    expect(Object.keys(result)).toEqual(['table.whitelist', 'table.include.list', 'incrementing.column.name']);
    expect(result['table.whitelist'][0]).toMatch(/^Cannot mix legacy and new configuration approaches/);
  });

  it('query: not with table filters, not both query keys, only SELECT, incrementing column required', async () => {
    expect(Object.keys(await errors({ ...BASE, query: 'SELECT * FROM t' }))).toEqual(['table.whitelist', 'query', 'query.masked']);
    const noFilter = { 'connection.url': BASE['connection.url'], mode: 'bulk' };
    expect(await errors({ ...noFilter, query: 'SELECT 1', 'query.masked': 'SELECT 2' })).toEqual({
      query: ["Both 'query' and 'query.masked' configs cannot be set at the same time. Please use only one of them."],
      'query.masked': ["Both 'query' and 'query.masked' configs cannot be set at the same time. Please use only one of them."],
    });
    expect(await errors({ ...noFilter, query: 'DELETE FROM t' })).toEqual({
      query: ["Only SELECT statements are supported for 'query'. Please provide a statement that starts with SELECT."],
    });
    const inc = await errors({ ...noFilter, mode: 'incrementing', query: 'SELECT * FROM t' });
    expect(inc['incrementing.column.name'][0]).toMatch(/^'incrementing.column.name' must be provided when using mode 'incrementing' or 'timestamp\+incrementing' with a custom query/);
  });

  it('the query is checked against the database', async () => {
    const failing: SessionOpener = async () => {
      const session = new FakeSession();
      session.failNext = new DbError('relation "t" does not exist', '42P01', false);
      return session;
    };
    expect(await errors({ 'connection.url': BASE['connection.url'], mode: 'bulk', query: 'SELECT * FROM t' }, failing)).toEqual({
      query: [
        'The configured query is not valid and has database/connection errors. Please provide the correct query by validating the query syntax and the existing table/column names with the database being connected (SQLState: 42P01)',
      ],
    });
  });

  it('connection problems are reported on connection.url', async () => {
    const refused: SessionOpener = async () => {
      throw new DbError('connect ECONNREFUSED 127.0.0.1:1', '08001', true);
    };
    expect(await errors(BASE, refused)).toEqual({ 'connection.url': ['Could not connect to database. connect ECONNREFUSED 127.0.0.1:1'] });
  });

  it('regex keys: exclude needs include; the mode decides which mapping is required', async () => {
    const regex = { 'connection.url': BASE['connection.url'], mode: 'bulk' };
    expect(await errors({ ...regex, 'table.exclude.list': 'x' })).toEqual({
      'table.exclude.list': ['table.exclude.list cannot be used without table.include.list. Exclude list only applies to tables that match the include list.'],
    });
    expect(await errors({ ...regex, mode: 'timestamp', 'table.include.list': '.*' })).toEqual({
      mode: ["Timestamp column configuration must be provided when using mode 'timestamp' or 'timestamp+incrementing'. Provide 'timestamp.columns.mapping'."],
    });
    expect(await errors({ ...regex, mode: 'incrementing', 'table.include.list': '.*', 'timestamp.columns.mapping': '.*:[ts]' })).toEqual({
      mode: ["Timestamp column configurations should not be provided if mode is not 'timestamp' or 'timestamp+incrementing'. Remove 'timestamp.columns.mapping'."],
    });
    expect(await errors({ ...regex, mode: 'incrementing', 'table.include.list': '.*', 'incrementing.column.mapping': '.*:id' })).toEqual({});
  });

  it("Sluice's incrementing delay only in incrementing mode", async () => {
    expect(await errors({ ...BASE, 'sluice.incrementing.delay.interval.ms': '5000' })).toEqual({});
    expect(Object.keys(await errors({ ...BASE, mode: 'timestamp', 'timestamp.column.name': 'ts', 'incrementing.column.name': '', 'sluice.incrementing.delay.interval.ms': '5000' }))).toEqual([
      'sluice.incrementing.delay.interval.ms',
    ]);
  });
});
