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
