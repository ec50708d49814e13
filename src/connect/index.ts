/** The public API for connector, transform and plugin authors. */
export * from './connector.js';
export * from './transformation.js';
export type { PluginDescriptor, PluginKind, PluginModule } from '../runtime/plugins.js';
export { OffsetStorageReader } from '../runtime/offset-storage.js';
export { ConnectError, RetriableError, UnsupportedOperationError } from '../runtime/errors.js';
