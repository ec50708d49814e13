import { describe, expect, it } from 'vitest';
import { ConfigException } from '../../../src/config/config-exception.js';
import { parseJdbcUrl, redactJdbcUrl, resolveDialect } from './jdbc-url.js';

describe('parseJdbcUrl', () => {
  it('reads a PostgreSQL URL with host, port, database and properties', () => {
    expect(parseJdbcUrl('jdbc:postgresql://db.example.com:6543/shop?user=app&password=s%26cret&sslmode=require')).toEqual({
      dialect: 'PostgreSqlDatabaseDialect',
      host: 'db.example.com',
      port: 6543,
      database: 'shop',
      properties: { user: 'app', password: 's&cret', sslmode: 'require' },
    });
  });

  it('uses the default ports and localhost', () => {
    expect(parseJdbcUrl('jdbc:postgresql://pg/test')).toMatchObject({ host: 'pg', port: 5432, database: 'test' });
    expect(parseJdbcUrl('jdbc:mysql://my/test')).toMatchObject({ host: 'my', port: 3306, database: 'test' });
    expect(parseJdbcUrl('jdbc:postgresql:test')).toMatchObject({ host: 'localhost', port: 5432, database: 'test' });
    expect(parseJdbcUrl('jdbc:mysql://:3307/x')).toMatchObject({ host: 'localhost', port: 3307 });
  });

  it('gives an empty database when the path has none', () => {
    expect(parseJdbcUrl('jdbc:mysql://h:1').database).toBe('');
    expect(parseJdbcUrl('jdbc:postgresql://h/?user=u')).toMatchObject({ database: '', properties: { user: 'u' } });
  });

  it('maps mysql and mariadb to the MySQL dialect', () => {
    expect(parseJdbcUrl('jdbc:mysql://h/db').dialect).toBe('MySqlDatabaseDialect');
    expect(parseJdbcUrl('jdbc:mariadb://h/db').dialect).toBe('MySqlDatabaseDialect');
    expect(parseJdbcUrl('JDBC:MySQL://h/db').dialect).toBe('MySqlDatabaseDialect');
  });

  it('reads IPv6 hosts in brackets', () => {
    expect(parseJdbcUrl('jdbc:postgresql://[::1]:5433/db')).toMatchObject({ host: '::1', port: 5433 });
    expect(parseJdbcUrl('jdbc:mysql://[fe80::1%25eth0]/db')).toMatchObject({ host: 'fe80::1%25eth0', port: 3306 });
  });

  it('reads MySQL ;k=v properties and user:password@host', () => {
    expect(parseJdbcUrl('jdbc:mysql://h:3306/db;user=root;password=p%3Bw?useSSL=false&a=1')).toMatchObject({
      database: 'db',
      properties: { user: 'root', password: 'p;w', useSSL: 'false', a: '1' },
    });
    expect(parseJdbcUrl('jdbc:mysql://bob:pa%40ss@h/db').properties).toEqual({ user: 'bob', password: 'pa@ss' });
  });

  it('percent-decodes names and values, with + as a space only for PostgreSQL (pgjdbc uses URLDecoder)', () => {
    expect(parseJdbcUrl('jdbc:postgresql://h/my%20db?password=a+b%2Bc').properties.password).toBe('a b+c');
    expect(parseJdbcUrl('jdbc:postgresql://h/my%20db').database).toBe('my db');
    expect(parseJdbcUrl('jdbc:mysql://h/db?password=a+b').properties.password).toBe('a+b');
  });

  it('uses the first host of a multi-host URL', () => {
    expect(parseJdbcUrl('jdbc:postgresql://a:1,b:2/db')).toMatchObject({ host: 'a', port: 1 });
  });

  it('rejects other sub-protocols with a message naming connection.url and the supported databases', () => {
    const err = catchError(() => parseJdbcUrl('jdbc:sqlserver://h:1433;databaseName=x'));
    expect(err).toBeInstanceOf(ConfigException);
    expect((err as ConfigException).configName).toBe('connection.url');
    expect(err.message).toBe(
      "Invalid value jdbc:sqlserver://h:1433;databaseName=x for configuration connection.url: the JDBC sub-protocol 'sqlserver' is not supported. " +
        'Sluice supports PostgreSQL (jdbc:postgresql://) and MySQL/MariaDB (jdbc:mysql://, jdbc:mariadb://)',
    );
    expect(catchError(() => parseJdbcUrl('jdbc:oracle:thin:@h:1521:orcl')).message).toContain("'oracle' is not supported");
    expect(catchError(() => parseJdbcUrl('postgresql://h/db')).message).toContain('expected jdbc:<sub-protocol>');
    expect(catchError(() => parseJdbcUrl('jdbc:mysql:replication://a,b/db')).message).toContain('not supported');
  });

  it('rejects bad ports and bad escapes without echoing the password', () => {
    expect(catchError(() => parseJdbcUrl('jdbc:postgresql://h:99999/db')).message).toContain("invalid port '99999'");
    expect(catchError(() => parseJdbcUrl('jdbc:postgresql://h:x/db')).message).toContain("invalid port 'x'");
    const err = catchError(() => parseJdbcUrl('jdbc:postgresql://h/db?user=u&password=se%ZZcret'));
    expect(err.message).toContain('malformed percent-encoding');
    expect(err.message).not.toContain('cret');
    expect(err.message).toContain('password=[hidden]');
  });
});

describe('redactJdbcUrl', () => {
  it('hides passwords in properties and user information', () => {
    expect(redactJdbcUrl('jdbc:mysql://h/db?user=a&password=b&x=1')).toBe('jdbc:mysql://h/db?user=a&password=[hidden]&x=1');
    expect(redactJdbcUrl('jdbc:mysql://h/db;password=b;x=1')).toBe('jdbc:mysql://h/db;password=[hidden];x=1');
    expect(redactJdbcUrl('jdbc:mysql://bob:secret@h/db')).toBe('jdbc:mysql://bob:[hidden]@h/db');
  });
});

describe('resolveDialect', () => {
  const pgUrl = parseJdbcUrl('jdbc:postgresql://h/db');
  const myUrl = parseJdbcUrl('jdbc:mariadb://h/db');

  it('takes the URL dialect when dialect.name is empty', () => {
    expect(resolveDialect(pgUrl, '')).toBe('PostgreSqlDatabaseDialect');
    expect(resolveDialect(myUrl, ' ')).toBe('MySqlDatabaseDialect');
  });

  it('accepts the Confluent names, and MariaDbDatabaseDialect as MySQL', () => {
    expect(resolveDialect(pgUrl, 'PostgreSqlDatabaseDialect')).toBe('PostgreSqlDatabaseDialect');
    expect(resolveDialect(myUrl, 'MySqlDatabaseDialect')).toBe('MySqlDatabaseDialect');
    expect(resolveDialect(myUrl, 'MariaDbDatabaseDialect')).toBe('MySqlDatabaseDialect');
  });

  it('rejects unsupported dialects and a dialect that contradicts the URL', () => {
    const unsupported = catchError(() => resolveDialect(pgUrl, 'SqlServerDatabaseDialect'));
    expect((unsupported as ConfigException).configName).toBe('dialect.name');
    expect(unsupported.message).toContain('Sluice supports PostgreSqlDatabaseDialect and MySqlDatabaseDialect');
    expect(catchError(() => resolveDialect(pgUrl, 'MySqlDatabaseDialect')).message).toContain('PostgreSqlDatabaseDialect');
  });
});

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}
