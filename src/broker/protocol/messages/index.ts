// Every API the embedded broker speaks, keyed by api key.
import type { MessageSpec } from '../schema.js';
import { AddOffsetsToTxn } from './add-offsets-to-txn.js';
import { AddPartitionsToTxn } from './add-partitions-to-txn.js';
import { AlterConfigs } from './alter-configs.js';
import { ApiVersions } from './api-versions.js';
import { CreatePartitions } from './create-partitions.js';
import { CreateTopics } from './create-topics.js';
import { DeleteGroups } from './delete-groups.js';
import { DeleteRecords } from './delete-records.js';
import { DeleteTopics } from './delete-topics.js';
import { DescribeConfigs } from './describe-configs.js';
import { DescribeGroups } from './describe-groups.js';
import { EndTxn } from './end-txn.js';
import { Fetch } from './fetch.js';
import { FindCoordinator } from './find-coordinator.js';
import { Heartbeat } from './heartbeat.js';
import { IncrementalAlterConfigs } from './incremental-alter-configs.js';
import { InitProducerId } from './init-producer-id.js';
import { JoinGroup } from './join-group.js';
import { LeaveGroup } from './leave-group.js';
import { ListGroups } from './list-groups.js';
import { ListOffsets } from './list-offsets.js';
import { Metadata } from './metadata.js';
import { OffsetCommit } from './offset-commit.js';
import { OffsetFetch } from './offset-fetch.js';
import { Produce } from './produce.js';
import { SyncGroup } from './sync-group.js';
import { TxnOffsetCommit } from './txn-offset-commit.js';

export * from './add-offsets-to-txn.js';
export * from './add-partitions-to-txn.js';
export * from './alter-configs.js';
export * from './api-versions.js';
export * from './create-partitions.js';
export * from './create-topics.js';
export * from './delete-groups.js';
export * from './delete-records.js';
export * from './delete-topics.js';
export * from './describe-configs.js';
export * from './describe-groups.js';
export * from './end-txn.js';
export * from './fetch.js';
export * from './find-coordinator.js';
export * from './heartbeat.js';
export * from './incremental-alter-configs.js';
export * from './init-producer-id.js';
export * from './join-group.js';
export * from './leave-group.js';
export * from './list-groups.js';
export * from './list-offsets.js';
export * from './metadata.js';
export * from './offset-commit.js';
export * from './offset-fetch.js';
export * from './produce.js';
export * from './sync-group.js';
export * from './txn-offset-commit.js';

/** In api-key order, as ApiVersions lists them. */
export const ALL_SPECS: readonly MessageSpec[] = [
  Produce,
  Fetch,
  ListOffsets,
  Metadata,
  OffsetCommit,
  OffsetFetch,
  FindCoordinator,
  JoinGroup,
  Heartbeat,
  LeaveGroup,
  SyncGroup,
  DescribeGroups,
  ListGroups,
  ApiVersions,
  CreateTopics,
  DeleteTopics,
  DeleteRecords,
  InitProducerId,
  AddPartitionsToTxn,
  AddOffsetsToTxn,
  EndTxn,
  TxnOffsetCommit,
  DescribeConfigs,
  AlterConfigs,
  CreatePartitions,
  DeleteGroups,
  IncrementalAlterConfigs,
];

export const MESSAGE_SPECS: ReadonlyMap<number, MessageSpec> = new Map(ALL_SPECS.map((s) => [s.apiKey, s]));
