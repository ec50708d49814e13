import { describe, expect, it } from 'vitest';
import { DbError } from './db.js';
import { mysqlDbError, pgDbError } from './db-errors.js';

function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, severity: 'ERROR' });
}

function mysqlError(code: string, sqlState: string, message: string, fatal = false): Error {
  return Object.assign(new Error(message), { code, sqlState, errno: 1, fatal });
}

describe('pgDbError', () => {
  it.each([
    ['08006', true],
    ['08001', true],
    ['57P01', true],
    ['40001', true],
    ['40P01', true],
    ['42601', false],
    ['42P01', false],
    ['42703', false],
    ['28P01', false],
    ['3D000', false],
    ['23505', false],
  ])('SQLSTATE %s is transient: %s', (code, transient) => {
    const err = pgDbError(pgError(code, 'boom'));
    expect(err).toBeInstanceOf(DbError);
    expect(err.sqlState).toBe(code);
    expect(err.transient).toBe(transient);
    expect(err.message).toBe(`boom (SQLSTATE ${code})`);
  });

  it('treats dropped connections as transient', () => {
    expect(pgDbError(new Error('Connection terminated unexpectedly')).transient).toBe(true);
    const reset = pgDbError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    expect(reset.transient).toBe(true);
    expect(reset.sqlState).toBe('08001');
  });

  it('names the target on connection failures', () => {
    const target = { product: 'PostgreSQL' as const, host: 'db', port: 5432, database: 'shop', user: 'app' };
    const auth = pgDbError(pgError('28P01', 'password authentication failed for user "app"'), target);
    expect(auth.message).toBe(
      `Could not connect to PostgreSQL at db:5432/shop as user 'app': password authentication failed for user "app" (SQLSTATE 28P01)`,
    );
    expect(auth.transient).toBe(false);
    const refused = pgDbError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), target);
    expect(refused.message).toMatch(/^Connection to db:5432 refused/);
    expect(pgDbError(new Error('timeout expired'), target).message).toBe('Connection to db:5432 timed out (PostgreSQL)');
  });

  it('passes DbErrors through and keeps the cause', () => {
    const original = new DbError('x', null, false);
    expect(pgDbError(original)).toBe(original);
    const cause = pgError('42P01', 'relation "t" does not exist');
    expect(pgDbError(cause).cause).toBe(cause);
  });
});

describe('mysqlDbError', () => {
  it.each([
    ['ER_LOCK_DEADLOCK', '40001', true],
    ['ER_LOCK_WAIT_TIMEOUT', 'HY000', true],
    ['ER_PARSE_ERROR', '42000', false],
    ['ER_NO_SUCH_TABLE', '42S02', false],
    ['ER_BAD_FIELD_ERROR', '42S22', false],
    ['ER_ACCESS_DENIED_ERROR', '28000', false],
    ['ER_BAD_DB_ERROR', '42000', false],
    ['ER_DUP_ENTRY', '23000', false],
  ])('%s is transient: %s', (code, sqlState, transient) => {
    const err = mysqlDbError(mysqlError(code, sqlState, 'boom'));
    expect(err.transient).toBe(transient);
    expect(err.sqlState).toBe(sqlState);
    expect(err.message).toBe(`boom (SQLSTATE ${sqlState}, ${code})`);
  });

  it('treats a lost connection as transient', () => {
    const err = mysqlDbError(Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST', fatal: true }));
    expect(err.transient).toBe(true);
    expect(err.sqlState).toBe('08006');
  });
});
