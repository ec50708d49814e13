import { describe, expect, it } from 'vitest';
import { ConfigException } from '../../../src/config/index.js';
import { parseSinkConfig, SINK_CONFIG_DEF } from './sink-config.js';

const base = { name: 'jdbc-sink', 'connection.url': 'jdbc:postgresql://127.0.0.1:5432/test' };
const errorsOf = (props: Record<string, string>) => Object.fromEntries(SINK_CONFIG_DEF.validate(props).filter((v) => v.errorMessages.length > 0).map((v) => [v.name, v.errorMessages]));

describe('JDBC sink configuration (spec 2.1)', () => {
  it('has Confluent\'s defaults', () => {
    const s = parseSinkConfig(base);
    expect(s).toMatchObject({ insertMode: 'insert', batchSize: 3000, deleteEnabled: false, tableTypes: ['TABLE'], replaceNullWithDefault: true, tableNameFormat: '${topic}', pkMode: 'none', pkFields: [], autoCreate: false, autoEvolve: false, quoteIdentifiers: true, maxRetries: 10, retryBackoffMs: 3000, connectorName: 'jdbc-sink' });
    expect(s.connection).toEqual({ url: base['connection.url'], user: null, password: null, dialectName: '', attempts: 3, backoffMs: 10000 });
    expect(s.dbZone.id).toBe('UTC');
  });

  it('accepts enumerations in lower or upper case only', () => {
    expect(parseSinkConfig({ ...base, 'insert.mode': 'UPSERT', 'pk.mode': 'record_value' })).toMatchObject({ insertMode: 'upsert', pkMode: 'record_value' });
    expect(errorsOf({ ...base, 'insert.mode': 'Upsert' })).toEqual({ 'insert.mode': ['Invalid value Upsert for configuration insert.mode: Invalid enumerator'] });
    expect(errorsOf({ ...base, 'pk.mode': 'primary' })).toEqual({ 'pk.mode': ['Invalid value primary for configuration pk.mode: Invalid enumerator'] });
  });

  it('requires connection.url and checks numbers, zones and table types', () => {
    expect(errorsOf({ name: 'x' })['connection.url']).toEqual(['Missing required configuration "connection.url" which has no default value.']);
    expect(errorsOf({ ...base, 'batch.size': '-1', 'max.retries': '-2' })).toEqual({
      'batch.size': ['Invalid value -1 for configuration batch.size: Value must be at least 0'],
      'max.retries': ['Invalid value -2 for configuration max.retries: Value must be at least 0'],
    });
    expect(errorsOf({ ...base, 'db.timezone': 'Mars/Olympus' })['db.timezone']?.[0]).toMatch(/^Invalid value Mars\/Olympus for configuration db.timezone: Invalid time zone/);
    expect(errorsOf({ ...base, 'table.types': 'TABLE,SYNONYM' })['table.types']?.[0]).toContain("No matching table type found for 'SYNONYM'");
    expect(parseSinkConfig({ ...base, 'table.types': 'table, view', 'db.timezone': 'Europe/Paris', 'date.timezone': 'UTC' })).toMatchObject({ tableTypes: ['TABLE', 'VIEW'], dbZone: { id: 'Europe/Paris' }, dateZone: { id: 'UTC' } });
    expect(errorsOf({ ...base, 'quote.sql.identifiers': 'sometimes' })['quote.sql.identifiers']).toEqual(['Invalid value sometimes for configuration quote.sql.identifiers: String must be one of (case insensitive): ALWAYS, NEVER']);
    expect(parseSinkConfig({ ...base, 'quote.sql.identifiers': 'Never' }).quoteIdentifiers).toBe(false);
    expect(errorsOf({ ...base, 'table.name.format': '' })['table.name.format']).toEqual(['Invalid value  for configuration table.name.format: String must be non-empty']);
  });

  it('refuses deletes without pk.mode=record_key', () => {
    expect(() => parseSinkConfig({ ...base, 'delete.enabled': 'true' })).toThrow(new ConfigException("Primary key mode must be 'record_key' when delete support is enabled"));
    expect(parseSinkConfig({ ...base, 'delete.enabled': 'true', 'pk.mode': 'record_key', 'pk.fields': 'id' })).toMatchObject({ deleteEnabled: true, pkFields: ['id'] });
  });

  it('recommends delete.enabled only with record_key', () => {
    const values = new Map(SINK_CONFIG_DEF.validate({ ...base, 'pk.mode': 'kafka' }).map((v) => [v.name, v]));
    expect(values.get('delete.enabled')?.visible).toBe(false);
    expect(values.get('delete.enabled')?.recommendedValues).toEqual([false]);
  });
});
