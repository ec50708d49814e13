/** Kafka's FileStream connectors (connect-file): a line-per-record file source and sink. */
import type { SinkConnector, SourceConnector } from '../../src/connect/index.js';
import type { PluginDescriptor } from '../../src/runtime/plugins.js';
import { FileStreamSinkConnector } from './file-stream-sink-connector.js';
import { FileStreamSourceConnector } from './file-stream-source-connector.js';
import { SLUICE_VERSION } from '../../src/runtime/version.js';

export { FileStreamSinkConnector } from './file-stream-sink-connector.js';
export { FileStreamSinkTask, type FileStreamSinkTaskOptions } from './file-stream-sink-task.js';
export { FileStreamSourceConnector, type ExactlyOnceSupport } from './file-stream-source-connector.js';
export {
  DEFAULT_IDLE_WAIT_MS,
  FILENAME_FIELD,
  FileStreamSourceTask,
  POSITION_FIELD,
  type FileStreamSourceTaskOptions,
} from './file-stream-source-task.js';
export { SINK_CONFIG_DEF } from './file-stream-sink-config.js';
export { DEFAULT_TASK_BATCH_SIZE, FILE_CONFIG, SOURCE_CONFIG_DEF, TASK_BATCH_SIZE_CONFIG, TOPIC_CONFIG } from './file-stream-source-config.js';

export const FILE_STREAM_SOURCE: PluginDescriptor<SourceConnector> = {
  className: FileStreamSourceConnector.CLASS_NAME,
  kind: 'source',
  version: SLUICE_VERSION,
  create: () => new FileStreamSourceConnector(),
};

export const FILE_STREAM_SINK: PluginDescriptor<SinkConnector> = {
  className: FileStreamSinkConnector.CLASS_NAME,
  kind: 'sink',
  version: SLUICE_VERSION,
  create: () => new FileStreamSinkConnector(),
};
