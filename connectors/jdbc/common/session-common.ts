import { DbError, type IsolationLevel } from './db.js';

export const ISOLATION_SQL: Record<IsolationLevel, string> = {
  READ_UNCOMMITTED: 'READ UNCOMMITTED',
  READ_COMMITTED: 'READ COMMITTED',
  REPEATABLE_READ: 'REPEATABLE READ',
  SERIALIZABLE: 'SERIALIZABLE',
};

/** Raised when a statement is started while a streamed result still holds the connection. */
export function sessionBusyError(): DbError {
  return new DbError('A streamed result is still open on this session; read it to the end or close it first', null, false);
}

/** How long close() waits for a polite goodbye before dropping the socket. */
export const CLOSE_TIMEOUT_MS = 2000;

/** Waits for a close to finish, but no longer than `ms`, and never fails: a dead server must not hold up a stopping task. */
export async function closeWithin(closing: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  await Promise.race([closing.catch(() => undefined), timeout]);
  clearTimeout(timer);
}

/** Rows per batch when the caller leaves the fetch size to the driver (JDBC's 0). */
const DEFAULT_FETCH_SIZE = 1000;

export function effectiveFetchSize(fetchSize: number): number {
  return Number.isFinite(fetchSize) && fetchSize >= 1 ? Math.floor(fetchSize) : DEFAULT_FETCH_SIZE;
}
