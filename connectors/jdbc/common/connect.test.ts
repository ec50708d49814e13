import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigException } from '../../../src/config/config-exception.js';
import type { Logger } from '../../../src/util/logger.js';
import { MARIADB_URL, MYSQL_URL, POSTGRES_URL } from '../../../test/helpers/databases.js';
import { checkConnection, openSession } from './connect.js';
import { DbError, type DbSession } from './db.js';
import { openMySql, openPostgres, settingsFor, tableName } from './test-support.js';

const PG_HOST_DB = POSTGRES_URL.replace(/\?.*$/, '');
const MYSQL_HOST_DB = MYSQL_URL.replace(/\?.*$/, '');
const role = tableName();

let pgAdmin: DbSession;
let myAdmin: DbSession;

beforeAll(async () => {
  pgAdmin = await openPostgres();
  myAdmin = await openMySql();
  await pgAdmin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'right'`);
  await myAdmin.query(`CREATE USER '${role}'@'%' IDENTIFIED BY 'right'`);
  await myAdmin.query(`GRANT SELECT ON test.* TO '${role}'@'%'`);
});

afterAll(async () => {
  await pgAdmin.query(`DROP ROLE IF EXISTS ${role}`);
  await myAdmin.query(`DROP USER IF EXISTS '${role}'@'%'`);
  await pgAdmin.close();
  await myAdmin.close();
});

function recordingLogger(): { logger: Logger; warnings: string[] } {
  const warnings: string[] = [];
  const logger = { warn: (_obj: unknown, msg: string) => warnings.push(msg) } as unknown as Logger;
  return { logger, warnings };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a failure');
}

describe('openSession', () => {
  it('opens PostgreSQL, MySQL and MariaDB URLs with the matching dialect', async () => {
    for (const [url, dialect] of [
      [POSTGRES_URL, 'PostgreSqlDatabaseDialect'],
      [MYSQL_URL, 'MySqlDatabaseDialect'],
      [MARIADB_URL, 'MySqlDatabaseDialect'],
    ] as const) {
      const session = await openSession(settingsFor(url));
      expect(session.dialect.name).toBe(dialect);
      expect(session.isClosed()).toBe(false);
      await session.close();
      expect(session.isClosed()).toBe(true);
      await session.close();
    }
    const forced = await openSession(settingsFor(MARIADB_URL, { dialectName: 'MariaDbDatabaseDialect' }));
    expect(forced.dialect.name).toBe('MySqlDatabaseDialect');
    await forced.close();
  });

  it('lets connection.user and connection.password override the URL', async () => {
    const pg = await openSession(settingsFor(POSTGRES_URL, { user: role, password: 'right' }));
    expect((await pg.query('SELECT current_user')).rows).toEqual([[role]]);
    await pg.close();
    const my = await openSession(settingsFor(`${MYSQL_HOST_DB}?user=root&password=wrong`, { user: role, password: 'right' }));
    expect((await my.query('SELECT CURRENT_USER()')).rows[0]?.[0]).toBe(`${role}@%`);
    await my.close();
  });

  it('reports a refused port as a transient DbError naming host and port', async () => {
    for (const url of ['jdbc:postgresql://127.0.0.1:1/test', 'jdbc:mysql://127.0.0.1:1/test']) {
      const err = await failure(openSession(settingsFor(url)));
      expect(err).toBeInstanceOf(DbError);
      expect(err.message).toMatch(/^Connection to 127\.0\.0\.1:1 refused/);
      expect((err as DbError).transient).toBe(true);
      expect((err as DbError).sqlState).toBe('08001');
    }
  });

  it('reports a wrong MySQL password as a non-transient DbError without retrying', async () => {
    const { logger, warnings } = recordingLogger();
    const started = Date.now();
    const err = await failure(
      openSession(settingsFor(MYSQL_HOST_DB, { user: role, password: 'wrong', attempts: 3, backoffMs: 10_000 }), logger),
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(warnings).toEqual([]);
    expect(err).toBeInstanceOf(DbError);
    expect(err.message).toContain(`Could not connect to MySQL at 127.0.0.1:3306/test as user '${role}'`);
    expect(err.message).toContain('Access denied');
    expect((err as DbError).transient).toBe(false);
    expect((err as DbError).sqlState).toBe('28000');
    expect(err.message).not.toContain('wrong');
  });

  it('reports an unknown PostgreSQL role as a non-transient DbError', async () => {
    const err = await failure(openSession(settingsFor(PG_HOST_DB, { user: `${role}_nobody` })));
    expect(err.message).toContain(`role "${role}_nobody" does not exist`);
    expect((err as DbError).transient).toBe(false);
  });

  it('reports an unknown database clearly', async () => {
    const pg = await failure(openSession(settingsFor('jdbc:postgresql://127.0.0.1:5432/common_missing_db?user=postgres')));
    expect(pg.message).toBe(
      `Could not connect to PostgreSQL at 127.0.0.1:5432/common_missing_db as user 'postgres': database "common_missing_db" does not exist (SQLSTATE 3D000)`,
    );
    expect((pg as DbError).transient).toBe(false);
    const my = await failure(openSession(settingsFor('jdbc:mysql://127.0.0.1:3306/common_missing_db?user=root')));
    expect(my.message).toContain("Unknown database 'common_missing_db'");
    expect((my as DbError).transient).toBe(false);
  });

  it('tries connection.attempts times, connection.backoff.ms apart, logging each retry', async () => {
    const { logger, warnings } = recordingLogger();
    const started = Date.now();
    const err = await failure(openSession(settingsFor('jdbc:postgresql://127.0.0.1:1/test', { attempts: 3, backoffMs: 150 }), logger));
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(err).toBeInstanceOf(DbError);
    expect(warnings).toEqual([
      'Connection attempt 1 of 3 to 127.0.0.1:1 failed; retrying in 150 ms',
      'Connection attempt 2 of 3 to 127.0.0.1:1 failed; retrying in 150 ms',
    ]);
  });

  it('stops waiting between attempts when aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    const err = await failure(
      openSession(settingsFor('jdbc:mysql://127.0.0.1:1/test', { attempts: 10, backoffMs: 60_000 }), undefined, { signal: controller.signal }),
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(err.name).toBe('AbortError');
  });

  it('rejects bad configuration with ConfigException before connecting', async () => {
    const url = await failure(openSession(settingsFor('jdbc:sqlserver://h;databaseName=x')));
    expect(url).toBeInstanceOf(ConfigException);
    expect((url as ConfigException).configName).toBe('connection.url');
    const dialect = await failure(openSession(settingsFor(POSTGRES_URL, { dialectName: 'OracleDatabaseDialect' })));
    expect((dialect as ConfigException).configName).toBe('dialect.name');
  });
});

describe('checkConnection', () => {
  it('returns null when the connection works', async () => {
    expect(await checkConnection(settingsFor(POSTGRES_URL))).toBeNull();
    expect(await checkConnection(settingsFor(MYSQL_URL))).toBeNull();
  });

  it('returns the message to put on connection.url, trying once', async () => {
    const started = Date.now();
    expect(await checkConnection(settingsFor('jdbc:postgresql://127.0.0.1:1/test', { attempts: 5, backoffMs: 10_000 }))).toMatch(
      /^Connection to 127\.0\.0\.1:1 refused/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await checkConnection(settingsFor('jdbc:db2://h/x'))).toContain("the JDBC sub-protocol 'db2' is not supported");
  });
});
