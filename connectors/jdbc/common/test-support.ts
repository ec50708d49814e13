// Shared by this folder's tests: sessions on the test databases.
import { MYSQL_URL, POSTGRES_URL, uniqueTableName } from '../../../test/helpers/databases.js';
import { openSession } from './connect.js';
import type { ColumnDefinition, ConnectionSettings, DbSession } from './db.js';

export function settingsFor(url: string, overrides: Partial<ConnectionSettings> = {}): ConnectionSettings {
  return { url, user: null, password: null, dialectName: '', attempts: 1, backoffMs: 0, ...overrides };
}

export const PG_SETTINGS = settingsFor(POSTGRES_URL);
export const MYSQL_SETTINGS = settingsFor(MYSQL_URL);

export function openPostgres(): Promise<DbSession> {
  return openSession(PG_SETTINGS);
}

export function openMySql(): Promise<DbSession> {
  return openSession(MYSQL_SETTINGS);
}

/** A table name for this folder's tests (prefix `common_`). */
export function tableName(): string {
  return uniqueTableName('common');
}

/** Collects a whole stream, recording each batch's size. */
export async function drain(stream: AsyncIterable<unknown[][]>): Promise<{ rows: unknown[][]; sizes: number[] }> {
  const rows: unknown[][] = [];
  const sizes: number[] = [];
  for await (const batch of stream) {
    sizes.push(batch.length);
    rows.push(...batch);
  }
  return { rows, sizes };
}

/** The named column of a result or table description. */
export function column(columns: ColumnDefinition[], name: string): ColumnDefinition {
  const found = columns.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no column ${name}`);
  return found;
}

/**
 * Two transactions that each lock a row the other then wants: `update(session, key)` is the
 * statement locking `key`. Returns the one failure (the deadlock victim's error); both roll back.
 */
export async function provokeDeadlock(session: DbSession, other: DbSession, update: (key: 'a' | 'b') => string): Promise<unknown[]> {
  await session.begin();
  await other.begin();
  await session.query(update('a'));
  await other.query(update('b'));
  const results = await Promise.allSettled([session.query(update('b')), new Promise((r) => setTimeout(r, 200)).then(() => other.query(update('a')))]);
  await session.rollback();
  await other.rollback();
  return results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
}

/** What follows when the server ends `victim`'s connection (`kill` runs on another session). */
export async function lostConnection(victim: DbSession, kill: () => Promise<unknown>): Promise<{ error: unknown; closed: boolean; afterClose: unknown }> {
  await kill();
  const error = await victim.query('SELECT 1').catch((e: unknown) => e);
  const closed = victim.isClosed();
  await victim.close();
  const afterClose = await victim.query('SELECT 1').catch((e: unknown) => e);
  return { error, closed, afterClose };
}
