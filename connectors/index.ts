/** The connectors built into Sluice; the runtime registers these before loading plugin.path. */
import type { PluginDescriptor } from '../src/runtime/plugins.js';
import { FILE_STREAM_SINK, FILE_STREAM_SOURCE } from './file/index.js';

export const BUILTIN_CONNECTORS: PluginDescriptor[] = [FILE_STREAM_SOURCE, FILE_STREAM_SINK];

import { JDBC_SINK } from './jdbc/index.js';
BUILTIN_CONNECTORS.push(JDBC_SINK);

import { JDBC_SOURCE } from './jdbc/index.js';
BUILTIN_CONNECTORS.push(JDBC_SOURCE);
