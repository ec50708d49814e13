import { DbError } from './db.js';

/** Where a connection was going, for messages. */
export interface ConnectTarget {
  product: 'PostgreSQL' | 'MySQL';
  host: string;
  port: number;
  database: string;
  user: string | null;
}

/** Socket-level failures: the server may come back, so a retry can help. */
const TRANSIENT_SOCKET_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN',
  'ENETDOWN', 'EAI_AGAIN', 'ECONNABORTED', 'ESOCKETTIMEDOUT',
]);

/** PostgreSQL SQLSTATEs outside class 08 after which a retry can succeed. */
const PG_TRANSIENT_STATES = new Set(['40001', '40P01', '55P03', '57P01', '57P02', '57P03', '53300', '53400']);

/** mysql2 error codes after which a retry can succeed. */
const MYSQL_TRANSIENT_CODES = new Set([
  'ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR', 'ER_SERVER_SHUTDOWN', 'ER_NORMAL_SHUTDOWN', 'ER_SHUTDOWN_COMPLETE',
  'ER_CLIENT_INTERACTION_TIMEOUT', 'ER_NET_READ_ERROR', 'ER_NET_READ_INTERRUPTED', 'ER_NET_ERROR_ON_WRITE',
  'ER_NET_WRITE_INTERRUPTED', 'ER_QUERY_INTERRUPTED', 'ER_TOO_MANY_USER_CONNECTIONS', 'ER_CONNECTION_KILLED',
  'CR_SERVER_GONE_ERROR', 'CR_SERVER_LOST', 'ER_LOCK_ABORTED',
]);

/** pg reports a dropped connection with plain Errors carrying these messages. */
const PG_CONNECTION_LOST = /Connection terminated|connection error|not queryable|timeout expired|Connection ended/i;

interface DriverError {
  message: string;
  code?: unknown;
  sqlState?: unknown;
  errno?: unknown;
  address?: unknown;
  port?: unknown;
  errors?: unknown;
}

function asDriverError(err: unknown): DriverError {
  if (typeof err === 'object' && err !== null && 'message' in err) return err as DriverError;
  return { message: String(err) };
}

function stringCode(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * A PostgreSQL (pg) error as a DbError; SQLSTATE class 08 and the states above are transient.
 * With a connect target, the message says where the connection was going.
 */
export function pgDbError(err: unknown, target?: ConnectTarget): DbError {
  if (err instanceof DbError) return err;
  const e = asDriverError(err);
  const code = stringCode(e.code);
  const prefix = target === undefined ? '' : `${connectFailureContext(target)}: `;
  if (code !== null && /^[0-9A-Z]{5}$/.test(code)) {
    const transient = code.startsWith('08') || PG_TRANSIENT_STATES.has(code);
    return new DbError(`${prefix}${e.message} (SQLSTATE ${code})`, code, transient, { cause: err });
  }
  const socket = socketDbError(e, code, target, err);
  if (socket !== null) return socket;
  if (target !== undefined && /timeout expired/i.test(e.message)) {
    return new DbError(`Connection to ${where(target)} timed out (${target.product})`, '08001', true, { cause: err });
  }
  if (PG_CONNECTION_LOST.test(e.message)) {
    return new DbError(`${prefix}${e.message}`, '08006', true, { cause: err });
  }
  return new DbError(`${prefix}${e.message}`, null, false, { cause: err });
}

/** A MySQL/MariaDB (mysql2) error as a DbError. */
export function mysqlDbError(err: unknown, target?: ConnectTarget): DbError {
  if (err instanceof DbError) return err;
  const e = asDriverError(err);
  const code = stringCode(e.code);
  const sqlState = stringCode(e.sqlState);
  const prefix = target === undefined ? '' : `${connectFailureContext(target)}: `;
  const socket = socketDbError(e, code, target, err);
  if (socket !== null) return socket;
  const transient =
    (code !== null && MYSQL_TRANSIENT_CODES.has(code)) ||
    (sqlState !== null && (sqlState.startsWith('08') || sqlState === '40001'));
  const detail = sqlState !== null ? ` (SQLSTATE ${sqlState}, ${code ?? 'error'})` : code !== null ? ` (${code})` : '';
  return new DbError(`${prefix}${e.message}${detail}`, sqlState ?? (transient ? '08006' : null), transient, { cause: err });
}

/** The message for a connection failure, naming where the connection was going. */
export function connectFailureContext(target: ConnectTarget): string {
  const user = target.user === null || target.user === '' ? '' : ` as user '${target.user}'`;
  const db = target.database === '' ? '' : `/${target.database}`;
  return `Could not connect to ${target.product} at ${formatHostPort(target.host, target.port)}${db}${user}`;
}

export function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function where(target: ConnectTarget): string {
  return formatHostPort(target.host, target.port);
}

/** Failures to reach the server at all; all transient, since the server or network may come back. */
function socketDbError(e: DriverError, code: string | null, target: ConnectTarget | undefined, cause: unknown): DbError | null {
  if (code === null) return null;
  if (code === 'ENOTFOUND') {
    const host = target?.host ?? stringCode((e as { hostname?: unknown }).hostname) ?? 'the server';
    return new DbError(`Unknown host '${host}': the name does not resolve (${e.message})`, '08001', true, { cause });
  }
  if (!TRANSIENT_SOCKET_CODES.has(code)) return null;
  const nested = Array.isArray(e.errors) ? (e.errors[0] as DriverError | undefined) : undefined;
  const address = stringCode(e.address) ?? stringCode(nested?.address);
  const port = typeof e.port === 'number' ? e.port : typeof nested?.port === 'number' ? nested.port : null;
  const to = target !== undefined ? where(target) : address !== null && port !== null ? formatHostPort(address, port) : 'the server';
  const product = target?.product ?? 'database';
  let message: string;
  switch (code) {
    case 'ECONNREFUSED':
      message = `Connection to ${to} refused; check that the host and port are right and that the ${product} server accepts TCP connections`;
      break;
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      message = `Connection to ${to} timed out (${product})`;
      break;
    case 'ECONNRESET':
      message = `Connection to ${to} was reset (${product})`;
      break;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      message = `Host ${to} is unreachable (${product})`;
      break;
    default:
      message = `Connection to ${to} failed (${product}): ${e.message === '' ? code : e.message}`;
  }
  return new DbError(message, '08001', true, { cause });
}
