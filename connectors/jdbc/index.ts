/** Confluent's JDBC connectors (kafka-connect-jdbc) over PostgreSQL and MySQL/MariaDB. */
import type { SinkConnector } from '../../src/connect/index.js';
import type { PluginDescriptor } from '../../src/runtime/plugins.js';
import { SLUICE_VERSION } from '../../src/runtime/version.js';
import { JdbcSinkConnector } from './sink/jdbc-sink-connector.js';

export { JdbcSinkConnector } from './sink/jdbc-sink-connector.js';
export { JdbcSinkTask } from './sink/jdbc-sink-task.js';

export const JDBC_SINK: PluginDescriptor<SinkConnector> = {
  className: JdbcSinkConnector.CLASS_NAME,
  kind: 'sink',
  version: SLUICE_VERSION,
  create: () => new JdbcSinkConnector(),
};

import type { SourceConnector } from '../../src/connect/index.js';
import { JdbcSourceConnector } from './source/jdbc-source-connector.js';

export { JdbcSourceConnector, JdbcSourceTask } from './source/index.js';

export const JDBC_SOURCE: PluginDescriptor<SourceConnector> = {
  className: JdbcSourceConnector.CLASS_NAME,
  kind: 'source',
  version: SLUICE_VERSION,
  create: () => new JdbcSourceConnector(),
};
