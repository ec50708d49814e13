export { GroupCoordinator, type GroupCoordinatorOptions } from './coordinator.js';
export { OffsetStore, type OffsetStoreOptions, type CommittedOffset, type StoredOffset, type OffsetToStore } from './offset-store.js';
export { ErrorCode } from '../protocol/error-codes.js';
export type * from './types.js';
