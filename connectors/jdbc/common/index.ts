// The JDBC connectors' database layer: sessions over pg and mysql2 in JDBC's terms.
export * from './db.js';
export { checkConnection, closeQuietly, openDbSession, openSession, type JdbcPluginOptions, type OpenSessionOptions, type SessionOpener } from './connect.js';
export { dialectFor, MYSQL_DIALECT, POSTGRES_DIALECT } from './dialects.js';
export { parseJdbcUrl, redactJdbcUrl, resolveDialect } from './jdbc-url.js';
