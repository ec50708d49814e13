/** The public API for connector, transform and plugin authors. */
export * from './connector.js';
export type { PluginDescriptor, PluginKind, PluginModule } from '../runtime/plugins.js';
export { OffsetStorageReader } from '../runtime/offset-storage.js';
export { ConnectError, RetriableError } from '../runtime/errors.js';
