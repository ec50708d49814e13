import { ConfigException } from '../../../src/config/config-exception.js';
import type { DialectName, JdbcUrl } from './db.js';

const URL_KEY = 'connection.url';
const DIALECT_KEY = 'dialect.name';

const SUPPORTED = 'Sluice supports PostgreSQL (jdbc:postgresql://) and MySQL/MariaDB (jdbc:mysql://, jdbc:mariadb://)';

const DEFAULT_PORTS: Record<DialectName, number> = {
  PostgreSqlDatabaseDialect: 5432,
  MySqlDatabaseDialect: 3306,
};

/**
 * Confluent dialect class names accepted by `dialect.name`. MariaDbDatabaseDialect is not a
 * Confluent class, but users reach for it and MariaDB speaks the MySQL dialect, so it maps there.
 */
const DIALECT_NAMES: Record<string, DialectName> = {
  PostgreSqlDatabaseDialect: 'PostgreSqlDatabaseDialect',
  MySqlDatabaseDialect: 'MySqlDatabaseDialect',
  MariaDbDatabaseDialect: 'MySqlDatabaseDialect',
};

/**
 * Parses `jdbc:postgresql://host[:port][/db][?k=v&...]`, `jdbc:mysql://…` and `jdbc:mariadb://…`
 * (MySQL URLs may also carry `;k=v` properties and `user:password@` before the host). Only the
 * first host of a multi-host URL is used.
 */
export function parseJdbcUrl(url: string): JdbcUrl {
  const trimmed = url.trim();
  const match = /^jdbc:([A-Za-z0-9+]+)(:[A-Za-z]+)?:(.*)$/is.exec(trimmed);
  if (match === null) throw invalidUrl(url, `expected jdbc:<sub-protocol>://host[:port]/database. ${SUPPORTED}`);
  const subProtocol = (match[1] ?? '').toLowerCase();
  const variant = match[2];
  const rest = match[3] ?? '';
  if (subProtocol === 'postgresql' || subProtocol === 'postgres') {
    if (variant !== undefined) throw invalidUrl(url, `unsupported PostgreSQL URL form 'jdbc:postgresql${variant}:'. ${SUPPORTED}`);
    return parseRest(url, rest, 'PostgreSqlDatabaseDialect');
  }
  if (subProtocol === 'mysql' || subProtocol === 'mariadb') {
    if (variant !== undefined) {
      throw invalidUrl(url, `the '${subProtocol}${variant}' connection type (load balancing, replication, failover) is not supported; use jdbc:${subProtocol}://host:port/database`);
    }
    return parseRest(url, rest, 'MySqlDatabaseDialect');
  }
  throw invalidUrl(url, `the JDBC sub-protocol '${subProtocol}' is not supported. ${SUPPORTED}`);
}

/**
 * The dialect to use: `dialect.name` when set, else the URL's. A `dialect.name` naming the other
 * supported dialect than the URL is refused, because the driver is chosen by the dialect.
 */
export function resolveDialect(url: JdbcUrl, dialectName: string): DialectName {
  const name = dialectName.trim();
  if (name === '') return url.dialect;
  const dialect = DIALECT_NAMES[name];
  if (dialect === undefined) {
    throw new ConfigException(
      `Invalid value ${name} for configuration ${DIALECT_KEY}: Sluice supports PostgreSqlDatabaseDialect and MySqlDatabaseDialect (MariaDB uses MySqlDatabaseDialect)`,
      { configName: DIALECT_KEY },
    );
  }
  if (dialect !== url.dialect) {
    throw new ConfigException(
      `Invalid value ${name} for configuration ${DIALECT_KEY}: the connection.url is for ${url.dialect}`,
      { configName: DIALECT_KEY },
    );
  }
  return dialect;
}

/** The URL with passwords (in properties or `user:password@`) replaced by `[hidden]`, for messages. */
export function redactJdbcUrl(url: string): string {
  return url
    .replace(/([?&;]password=)[^&;]*/gi, '$1[hidden]')
    .replace(/^(jdbc:[^/]*\/\/[^/@:]*:)[^/@]*@/i, '$1[hidden]@');
}

function parseRest(url: string, rest: string, dialect: DialectName): JdbcUrl {
  const mysql = dialect === 'MySqlDatabaseDialect';
  const properties: Record<string, string> = {};
  let remainder = rest;
  let host = 'localhost';
  let port = DEFAULT_PORTS[dialect];

  if (remainder.startsWith('//')) {
    remainder = remainder.slice(2);
    const end = firstIndexOf(remainder, mysql ? ['/', '?', ';'] : ['/', '?']);
    let authority = remainder.slice(0, end);
    remainder = remainder.slice(end);
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      if (!mysql) throw invalidUrl(url, 'user information before the host is not supported in PostgreSQL URLs; use ?user=…&password=…');
      const userInfo = authority.slice(0, at);
      authority = authority.slice(at + 1);
      const colon = userInfo.indexOf(':');
      properties.user = decode(url, colon >= 0 ? userInfo.slice(0, colon) : userInfo, mysql);
      if (colon >= 0) properties.password = decode(url, userInfo.slice(colon + 1), mysql);
    }
    const firstHost = authority.split(',')[0] ?? '';
    if (firstHost.startsWith('(') || /^address=/i.test(firstHost)) {
      throw invalidUrl(url, 'the address=(key=value) host form is not supported; use host:port');
    }
    const parsed = parseHostPort(url, firstHost, DEFAULT_PORTS[dialect]);
    host = parsed.host;
    port = parsed.port;
  } else if (mysql) {
    throw invalidUrl(url, 'expected jdbc:mysql://host[:port]/database');
  }
  // pgjdbc also accepts jdbc:postgresql:database and jdbc:postgresql:/ (localhost, default port).

  let database = '';
  if (remainder.startsWith('/')) remainder = remainder.slice(1);
  const queryStart = firstIndexOf(remainder, mysql ? ['?', ';'] : ['?']);
  database = decode(url, remainder.slice(0, queryStart), mysql);
  const query = remainder.slice(queryStart + 1);
  if (queryStart < remainder.length) {
    for (const pair of query.split(mysql ? /[&;?]/ : /&/)) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const key = decode(url, eq >= 0 ? pair.slice(0, eq) : pair, mysql);
      const value = eq >= 0 ? decode(url, pair.slice(eq + 1), mysql) : '';
      properties[key] = value;
    }
  }
  return { dialect, host, port, database, properties };
}

function parseHostPort(url: string, text: string, defaultPort: number): { host: string; port: number } {
  let host: string;
  let portText: string | undefined;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) throw invalidUrl(url, `unterminated IPv6 address '${text}'`);
    host = text.slice(1, close);
    const after = text.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) throw invalidUrl(url, `unexpected text after the IPv6 address: '${after}'`);
    portText = after === '' ? undefined : after.slice(1);
  } else {
    const colon = text.lastIndexOf(':');
    host = colon >= 0 ? text.slice(0, colon) : text;
    portText = colon >= 0 ? text.slice(colon + 1) : undefined;
  }
  if (host === '') host = 'localhost';
  if (portText === undefined || portText === '') return { host, port: defaultPort };
  if (!/^\d+$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
    throw invalidUrl(url, `invalid port '${portText}'`);
  }
  return { host, port: Number(portText) };
}

function firstIndexOf(text: string, chars: readonly string[]): number {
  let best = text.length;
  for (const c of chars) {
    const i = text.indexOf(c);
    if (i >= 0 && i < best) best = i;
  }
  return best;
}

/** Percent-decoding as the drivers do it: pgjdbc (URLDecoder) turns `+` into a space, Connector/J keeps it. */
function decode(url: string, text: string, keepPlus: boolean): string {
  try {
    return decodeURIComponent(keepPlus ? text : text.replace(/\+/g, ' '));
  } catch {
    throw invalidUrl(url, 'malformed percent-encoding');
  }
}

function invalidUrl(url: string, reason: string): ConfigException {
  return new ConfigException(`Invalid value ${redactJdbcUrl(url)} for configuration ${URL_KEY}: ${reason}`, {
    configName: URL_KEY,
  });
}
