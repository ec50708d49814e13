import { describe, expect, it } from 'vitest';
import type { SourceConnectorContext } from '../../../src/connect/index.js';
import { silentLogger } from '../../../src/util/logger.js';
import { waitFor } from '../../../test/helpers/run.js';
import { DbError } from '../common/db.js';
import { FakeSession } from './fake-session.js';
import { JdbcSourceConnector } from './jdbc-source-connector.js';

function harness(session: FakeSession): { connector: JdbcSourceConnector; reconfigurations: () => number; errors: Error[] } {
  let reconfigurations = 0;
  const errors: Error[] = [];
  const connector = new JdbcSourceConnector({ openSession: async () => session, logger: silentLogger() });
  const context = {
    requestTaskReconfiguration: () => reconfigurations++,
    raiseError: (err: Error) => errors.push(err),
    offsetStorageReader: () => {
      throw new Error('not used');
    },
  } as SourceConnectorContext;
  connector.initialize(context);
  return { connector, reconfigurations: () => reconfigurations, errors };
}

const table = (schema: string, name: string): { catalog: null; schema: string; table: string; type: string } => ({ catalog: null, schema, table: name, type: 'TABLE' });
const BASE = { 'connection.url': 'jdbc:postgresql://db/test', mode: 'bulk', 'table.poll.interval.ms': '20' };

describe('JdbcSourceConnector', () => {
  it('spreads the filtered tables over tasks.max tasks, quoted per quote.sql.identifiers', async () => {
    const session = new FakeSession();
    session.tables = [table('public', 'a'), table('public', 'b'), table('public', 'c'), table('audit', 'log')];
    const { connector } = harness(session);
    await connector.start({ ...BASE, 'table.blacklist': 'log' });
    const configs = await connector.taskConfigs(2);
    expect(configs.map((c) => [c.tables, c['tables.fetched']])).toEqual([
      ['"public"."a","public"."b"', 'true'],
      ['"public"."c"', 'true'],
    ]);
    expect(configs[0]['table.blacklist']).toBe('log');
    expect((await connector.taskConfigs(10)).map((c) => c.tables)).toEqual(['"public"."a"', '"public"."b"', '"public"."c"']);
    await connector.stop();

    const unquoted = harness(session);
    await unquoted.connector.start({ ...BASE, 'table.whitelist': 'a,c', 'quote.sql.identifiers': 'never' });
    expect((await unquoted.connector.taskConfigs(1)).map((c) => c.tables)).toEqual(['public.a,public.c']);
    await unquoted.connector.stop();
  });

  it('asks for a reconfiguration when tables appear or go', async () => {
    const session = new FakeSession();
    session.tables = [table('public', 'a')];
    const { connector, reconfigurations } = harness(session);
    await connector.start({ ...BASE, 'table.include.list': 'public\\..*' });
    expect((await connector.taskConfigs(4)).map((c) => c.tables)).toEqual(['"public"."a"']);
    const before = reconfigurations();
    session.tables = [table('public', 'a'), table('public', 'b')];
    await waitFor(() => (reconfigurations() > before ? true : undefined), 5000, 'a reconfiguration');
    expect((await connector.taskConfigs(4)).map((c) => c.tables)).toEqual(['"public"."a"', '"public"."b"']);
    await connector.stop();
  });

  it('one task for a query; an empty or unread table list gives one idle or failing task', async () => {
    const session = new FakeSession();
    const query = harness(session);
    await query.connector.start({ ...BASE, query: 'SELECT * FROM t' });
    expect((await query.connector.taskConfigs(5)).map((c) => [c.tables, c['tables.fetched'], c.query])).toEqual([['', 'true', 'SELECT * FROM t']]);
    await query.connector.stop();

    const empty = harness(session);
    await empty.connector.start({ ...BASE, 'table.whitelist': 'nothing' });
    expect((await empty.connector.taskConfigs(5)).map((c) => [c.tables, c['tables.fetched']])).toEqual([['', 'true']]);
    await empty.connector.stop();

    const failing = new FakeSession();
    failing.failNext = new DbError('connection reset', '08006', true);
    const unread = harness(failing);
    await unread.connector.start({ ...BASE, 'table.whitelist': 'a', 'table.monitoring.startup.polling.limit.ms': '100', 'table.poll.interval.ms': '60000' });
    expect((await unread.connector.taskConfigs(5)).map((c) => [c.tables, c['tables.fetched']])).toEqual([['', 'false']]);
    await unread.connector.stop();
  });

  it('fails on duplicate unqualified table names', async () => {
    const session = new FakeSession();
    session.tables = [table('public', 't'), table('audit', 't')];
    const { connector, errors } = harness(session);
    await connector.start({ ...BASE, 'table.include.list': '.*' });
    await expect(connector.taskConfigs(1)).rejects.toThrow('Encountered an unrecoverable error while reading tables from the database');
    expect(errors).toHaveLength(1);
    expect(String((errors[0].cause as Error).message)).toContain('duplicate unqualified table names');
    await connector.stop();
  });

  it('refuses a query together with table filters, and an unreachable database', async () => {
    await expect(harness(new FakeSession()).connector.start({ ...BASE, query: 'SELECT 1', 'table.whitelist': 'a' })).rejects.toThrow('query may not be combined with whole-table copying settings.');
    const refusing = new JdbcSourceConnector({
      openSession: async () => {
        throw new DbError('connect ECONNREFUSED 127.0.0.1:5432', '08001', true);
      },
      logger: silentLogger(),
    });
    await expect(refusing.start({ ...BASE, 'table.whitelist': 'a' })).rejects.toThrow('Could not connect to the database: connect ECONNREFUSED 127.0.0.1:5432');
  });
});
