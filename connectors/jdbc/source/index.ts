/** Confluent's JDBC source connector (kafka-connect-jdbc 10.9) for PostgreSQL and MySQL/MariaDB. */
export { JdbcSourceConnector, type JdbcSourceConnectorOptions } from './jdbc-source-connector.js';
export { JdbcSourceTask, type JdbcSourceTaskOptions } from './jdbc-source-task.js';
export { SOURCE_CONFIG_DEF, SOURCE_TASK_CONFIG_DEF } from './source-config.js';
