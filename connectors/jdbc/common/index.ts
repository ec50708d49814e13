// The JDBC connectors' database layer: sessions over pg and mysql2 in JDBC's terms.
export * from './db.js';
export { checkConnection, openSession, type OpenSessionOptions } from './connect.js';
export { dialectFor, MYSQL_DIALECT, POSTGRES_DIALECT } from './dialects.js';
export { parseJdbcUrl, redactJdbcUrl, resolveDialect } from './jdbc-url.js';
