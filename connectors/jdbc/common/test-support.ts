// Shared by this folder's tests: sessions on the test databases.
import { MYSQL_URL, POSTGRES_URL, uniqueTableName } from '../../../test/helpers/databases.js';
import { openSession } from './connect.js';
import type { ConnectionSettings, DbSession } from './db.js';

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
