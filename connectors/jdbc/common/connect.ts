import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../../src/util/logger.js';
import { DbError, type ConnectionSettings, type DbSession, type DialectName, type JdbcUrl } from './db.js';
import { formatHostPort } from './db-errors.js';
import { parseJdbcUrl, resolveDialect } from './jdbc-url.js';
import { openMySqlSession } from './mysql.js';
import { openPostgresSession } from './postgres.js';

export interface OpenSessionOptions {
  /** Stops waiting between attempts (a stopping task should not be held for minutes). */
  signal?: AbortSignal;
  /** Per-attempt connect timeout; the URL's `connectTimeout` wins when set. Default 30 s. */
  connectTimeoutMs?: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

/** Opens a database session; injectable so that tests can count or fake connections. */
export type SessionOpener = (settings: ConnectionSettings, options?: OpenSessionOptions & { logger?: Logger }) => Promise<DbSession>;

/** What the JDBC connectors and tasks take besides their config (tests inject both). */
export interface JdbcPluginOptions {
  openSession?: SessionOpener;
  logger?: Logger;
}

/** openSession as a SessionOpener. */
export const openDbSession: SessionOpener = (settings, options = {}) => openSession(settings, options.logger, options);

/** Closes a session, ignoring errors: used on paths that are already failing or stopping. */
export async function closeQuietly(session: DbSession | null): Promise<void> {
  if (session === null) return;
  try {
    await session.close();
  } catch {
    // the session is being discarded anyway
  }
}

/**
 * Opens a session for `connection.url`: the dialect from the URL or `dialect.name`,
 * `connection.user`/`connection.password` over the URL's properties, and up to
 * `connection.attempts` tries `connection.backoff.ms` apart while failures are transient.
 * Configuration problems throw ConfigException; database failures throw DbError.
 */
export async function openSession(settings: ConnectionSettings, logger?: Logger, options: OpenSessionOptions = {}): Promise<DbSession> {
  const url = parseJdbcUrl(settings.url);
  const dialect = resolveDialect(url, settings.dialectName);
  const attempts = Number.isFinite(settings.attempts) ? Math.max(1, Math.floor(settings.attempts)) : 1;
  const target = formatHostPort(url.host, url.port);
  for (let attempt = 1; ; attempt++) {
    options.signal?.throwIfAborted();
    try {
      return await connectOnce(dialect, url, settings, options);
    } catch (err) {
      if (!(err instanceof DbError) || !err.transient || attempt >= attempts) throw err;
      logger?.warn(
        { attempt, attempts, backoffMs: settings.backoffMs, err: err.message },
        `Connection attempt ${attempt} of ${attempts} to ${target} failed; retrying in ${settings.backoffMs} ms`,
      );
      await sleep(Math.max(0, settings.backoffMs), undefined, { signal: options.signal });
    }
  }
}

/**
 * Opens and closes one session to test the settings; returns the message to report on
 * `connection.url` (null when the connection works). For connectors' `validate()`.
 */
export async function checkConnection(settings: ConnectionSettings, open: SessionOpener = openDbSession): Promise<string | null> {
  try {
    const session = await open({ ...settings, attempts: 1 });
    await closeQuietly(session);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

function connectOnce(dialect: DialectName, url: JdbcUrl, settings: ConnectionSettings, options: OpenSessionOptions): Promise<DbSession> {
  const props = url.properties;
  const user = (settings.user === '' ? null : settings.user) ?? props.user ?? null;
  const password = settings.password ?? props.password ?? null;
  if (dialect === 'PostgreSqlDatabaseDialect') {
    // pgjdbc's connectTimeout is in seconds.
    const timeout = props.connectTimeout !== undefined ? Number(props.connectTimeout) * 1000 : undefined;
    return openPostgresSession({
      host: url.host,
      port: url.port,
      database: url.database,
      user,
      password,
      ssl: postgresSsl(props),
      connectTimeoutMs: positiveOr(timeout, options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS),
      applicationName: props.ApplicationName ?? props.applicationName ?? 'sluice',
      options: postgresOptions(props),
    });
  }
  // Connector/J's connectTimeout is in milliseconds.
  const timeout = props.connectTimeout !== undefined ? Number(props.connectTimeout) : undefined;
  return openMySqlSession({
    host: url.host,
    port: url.port,
    database: url.database,
    user,
    password,
    ssl: mysqlSsl(props),
    connectTimeoutMs: positiveOr(timeout, options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS),
  });
}

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** pgjdbc's `ssl=true` / `sslmode=require|verify-ca|verify-full` (disable/allow/prefer connect in plain text). */
function postgresSsl(props: Record<string, string>): boolean | { rejectUnauthorized: boolean } {
  const mode = (props.sslmode ?? '').toLowerCase();
  if (mode === 'verify-ca' || mode === 'verify-full') return { rejectUnauthorized: true };
  if (mode === 'require') return { rejectUnauthorized: false };
  if (mode === '' && (props.ssl ?? '').toLowerCase() === 'true') return { rejectUnauthorized: true };
  return false;
}

/** pgjdbc's `currentSchema` and `options` URL properties become startup options. */
function postgresOptions(props: Record<string, string>): string | null {
  const parts: string[] = [];
  if (props.options !== undefined && props.options !== '') parts.push(props.options);
  if (props.currentSchema !== undefined && props.currentSchema !== '') {
    parts.push(`-c search_path=${props.currentSchema.replace(/[\\ ]/g, '\\$&')}`);
  }
  return parts.length === 0 ? null : parts.join(' ');
}

/** Connector/J's `sslMode` (REQUIRED, VERIFY_CA, VERIFY_IDENTITY) and legacy `useSSL`/`requireSSL`. */
function mysqlSsl(props: Record<string, string>): { rejectUnauthorized: boolean } | null {
  const mode = (props.sslMode ?? '').toUpperCase();
  if (mode === 'VERIFY_CA' || mode === 'VERIFY_IDENTITY') return { rejectUnauthorized: true };
  if (mode === 'REQUIRED') return { rejectUnauthorized: false };
  if (mode === '' && ((props.requireSSL ?? '').toLowerCase() === 'true')) return { rejectUnauthorized: false };
  return null;
}
