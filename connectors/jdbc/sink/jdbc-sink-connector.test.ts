import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/util/logger.js';
import { DbError } from '../common/db.js';
import { FakeSession } from './fake-session.js';
import { JdbcSinkConnector } from './jdbc-sink-connector.js';

const base = { name: 'sink', 'connector.class': JdbcSinkConnector.CLASS_NAME, 'connection.url': 'jdbc:postgresql://db:5432/test' };

async function errors(config: Record<string, string>, open = async () => new FakeSession()): Promise<Record<string, string[]>> {
  const values = await new JdbcSinkConnector({ openSession: open, logger: silentLogger() }).validate(config);
  return Object.fromEntries(values.filter((v) => v.errorMessages.length > 0).map((v) => [v.name, v.errorMessages]));
}

describe('JdbcSinkConnector.validate', () => {
  it('reports a failed connection on connection.url', async () => {
    expect(await errors(base, async () => Promise.reject(new DbError('Connection to db:5432 refused', '08001', true)))).toEqual({
      'connection.url': ['Could not connect to database. Connection to db:5432 refused'],
    });
    expect(await errors(base)).toEqual({});
  });

  it('refuses deletes unless pk.mode=record_key, on both keys, and then does not connect', async () => {
    let opened = 0;
    const open = async () => {
      opened++;
      return new FakeSession();
    };
    const conflict = ['Deletes are only supported for pk.mode record_key'];
    expect(await errors({ ...base, 'delete.enabled': 'true', 'pk.mode': 'kafka' }, open)).toEqual({ 'delete.enabled': conflict, 'pk.mode': conflict });
    expect(await errors({ ...base, 'delete.enabled': 'true', 'pk.mode': 'RECORD_KEY' }, open)).toEqual({});
    expect(opened).toBe(1);
  });

  it('gives every task the connector config', () => {
    const connector = new JdbcSinkConnector();
    connector.start(base);
    expect(connector.taskConfigs(3)).toEqual([base, base, base]);
    expect(connector.taskClass().className).toBe('io.confluent.connect.jdbc.sink.JdbcSinkTask');
  });
});
