/**
 * The connectors built into Sluice, by class name, with the module of each: the one list of them.
 * The runtime registers them from here without importing a module (and its drivers) until a
 * config names one of its classes; connectors/index.ts loads them all.
 */
import type { BuiltinModule } from '../src/runtime/plugins.js';

const fileConnectors = (): Promise<Record<string, unknown>> => import('./file/index.js');
const jdbcConnectors = (): Promise<Record<string, unknown>> => import('./jdbc/index.js');

export const CONNECTOR_MODULES: readonly BuiltinModule[] = [
  { kind: 'source', classNames: ['org.apache.kafka.connect.file.FileStreamSourceConnector'], load: fileConnectors },
  { kind: 'sink', classNames: ['org.apache.kafka.connect.file.FileStreamSinkConnector'], load: fileConnectors },
  { kind: 'sink', classNames: ['io.confluent.connect.jdbc.JdbcSinkConnector'], load: jdbcConnectors },
  { kind: 'source', classNames: ['io.confluent.connect.jdbc.JdbcSourceConnector'], load: jdbcConnectors },
];
