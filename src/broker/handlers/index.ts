import * as api from '../protocol/messages/index.js';
import type { Router } from '../server/router.js';
import { alterConfigsHandler, describeConfigsHandler, incrementalAlterConfigsHandler } from './configs.js';
import type { BrokerContext } from './context.js';
import { fetchHandler } from './fetch.js';
import {
  deleteGroupsHandler,
  describeGroupsHandler,
  findCoordinatorHandler,
  heartbeatHandler,
  joinGroupHandler,
  leaveGroupHandler,
  listGroupsHandler,
  syncGroupHandler,
} from './groups.js';
import { listOffsetsHandler } from './list-offsets.js';
import { metadataHandler } from './metadata.js';
import { offsetCommitHandler, offsetFetchHandler } from './offsets.js';
import { produceHandler } from './produce.js';
import { initProducerIdHandler } from './producer-id.js';
import { createPartitionsHandler, createTopicsHandler, deleteRecordsHandler, deleteTopicsHandler } from './topics-admin.js';

/** Every API the broker answers. ApiVersions is answered by the connection itself from this table. */
export function registerHandlers(router: Router, broker: BrokerContext): Router {
  return router
    .add(api.Produce, produceHandler(broker))
    .add(api.Fetch, fetchHandler(broker))
    .add(api.ListOffsets, listOffsetsHandler(broker))
    .add(api.Metadata, metadataHandler(broker))
    .add(api.OffsetCommit, offsetCommitHandler(broker))
    .add(api.OffsetFetch, offsetFetchHandler(broker))
    .add(api.FindCoordinator, findCoordinatorHandler(broker))
    .add(api.JoinGroup, joinGroupHandler(broker))
    .add(api.Heartbeat, heartbeatHandler(broker))
    .add(api.LeaveGroup, leaveGroupHandler(broker))
    .add(api.SyncGroup, syncGroupHandler(broker))
    .add(api.DescribeGroups, describeGroupsHandler(broker))
    .add(api.ListGroups, listGroupsHandler(broker))
    .add(api.CreateTopics, createTopicsHandler(broker))
    .add(api.DeleteTopics, deleteTopicsHandler(broker))
    .add(api.DeleteRecords, deleteRecordsHandler(broker))
    .add(api.InitProducerId, initProducerIdHandler(broker))
    .add(api.DescribeConfigs, describeConfigsHandler(broker))
    .add(api.AlterConfigs, alterConfigsHandler(broker))
    .add(api.CreatePartitions, createPartitionsHandler(broker))
    .add(api.DeleteGroups, deleteGroupsHandler(broker))
    .add(api.IncrementalAlterConfigs, incrementalAlterConfigsHandler(broker));
}
