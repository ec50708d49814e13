import type { Logger } from 'pino';
import type { AppendNotifier } from '../append-notifier.js';
import type { GroupCoordinator } from '../groups/coordinator.js';
import type { ProducerStateManager } from '../producer-state.js';
import type { TopicRegistry } from '../topics.js';

export interface BrokerSettings {
  nodeId: number;
  clusterId: string;
  /** Host and port clients are told to connect to (the bound port once listening). */
  advertisedHost: string;
  advertisedPort: number;
  autoCreateTopics: boolean;
  defaultPartitions: number;
}

/** What request handlers share: the broker's state, owned by broker.ts. */
export interface BrokerContext {
  settings: BrokerSettings;
  topics: TopicRegistry;
  groups: GroupCoordinator;
  producers: ProducerStateManager;
  appends: AppendNotifier;
  logger: Logger;
}

export function partitionKey(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}
