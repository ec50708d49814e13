/** Group membership APIs, mapped onto the version-independent GroupCoordinator. */
import { ErrorCode } from '../protocol/error-codes.js';
import type { DeleteGroupsRequest, DeleteGroupsResponse } from '../protocol/messages/delete-groups.js';
import type { DescribeGroupsRequest, DescribeGroupsResponse } from '../protocol/messages/describe-groups.js';
import type { FindCoordinatorRequest, FindCoordinatorResponse } from '../protocol/messages/find-coordinator.js';
import type { HeartbeatRequest, HeartbeatResponse } from '../protocol/messages/heartbeat.js';
import type { JoinGroupRequest, JoinGroupResponse } from '../protocol/messages/join-group.js';
import type { LeaveGroupRequest, LeaveGroupResponse } from '../protocol/messages/leave-group.js';
import type { ListGroupsResponse } from '../protocol/messages/list-groups.js';
import type { SyncGroupRequest, SyncGroupResponse } from '../protocol/messages/sync-group.js';
import type { RequestContext } from '../server/router.js';
import type { BrokerContext } from './context.js';

/** We coordinate every group (and would every transaction): always answer with ourselves. */
export function findCoordinatorHandler(broker: BrokerContext) {
  return (_req: FindCoordinatorRequest): FindCoordinatorResponse => ({
    throttleTimeMs: 0,
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    nodeId: broker.settings.nodeId,
    host: broker.settings.advertisedHost,
    port: broker.settings.advertisedPort,
  });
}

export function joinGroupHandler(broker: BrokerContext) {
  return async (req: JoinGroupRequest, ctx: RequestContext): Promise<JoinGroupResponse> => {
    const version = ctx.header.apiVersion;
    const result = await broker.groups.joinGroup({
      groupId: req.groupId,
      memberId: req.memberId,
      groupInstanceId: req.groupInstanceId,
      clientId: ctx.header.clientId ?? '',
      clientHost: `/${ctx.clientHost}`,
      sessionTimeoutMs: req.sessionTimeoutMs,
      // v0 has no rebalance timeout; Kafka then uses the session timeout.
      rebalanceTimeoutMs: version === 0 ? req.sessionTimeoutMs : req.rebalanceTimeoutMs,
      protocolType: req.protocolType,
      protocols: req.protocols,
      requireKnownMemberId: version >= 4,
    });
    return {
      throttleTimeMs: 0,
      errorCode: result.errorCode,
      generationId: result.generationId,
      protocolName: result.protocolName ?? '',
      leader: result.leader,
      memberId: result.memberId,
      members: result.members,
    };
  };
}

export function syncGroupHandler(broker: BrokerContext) {
  return async (req: SyncGroupRequest): Promise<SyncGroupResponse> => {
    const result = await broker.groups.syncGroup({
      groupId: req.groupId,
      generationId: req.generationId,
      memberId: req.memberId,
      groupInstanceId: req.groupInstanceId,
      assignments: req.assignments,
    });
    return { throttleTimeMs: 0, errorCode: result.errorCode, assignment: result.assignment };
  };
}

export function heartbeatHandler(broker: BrokerContext) {
  return (req: HeartbeatRequest): HeartbeatResponse => ({ throttleTimeMs: 0, ...broker.groups.heartbeat(req) });
}

export function leaveGroupHandler(broker: BrokerContext) {
  return (req: LeaveGroupRequest, ctx: RequestContext): LeaveGroupResponse => {
    // v0-v2 name a single member; v3 a list with per-member results.
    const members = ctx.header.apiVersion >= 3 ? req.members : [{ memberId: req.memberId, groupInstanceId: null }];
    const result = broker.groups.leaveGroup({ groupId: req.groupId, members });
    const single = ctx.header.apiVersion < 3 ? (result.members[0]?.errorCode ?? ErrorCode.NONE) : ErrorCode.NONE;
    return { throttleTimeMs: 0, errorCode: result.errorCode !== ErrorCode.NONE ? result.errorCode : single, members: result.members };
  };
}

export function describeGroupsHandler(broker: BrokerContext) {
  return (req: DescribeGroupsRequest): DescribeGroupsResponse => ({
    throttleTimeMs: 0,
    groups: req.groups.map((id) => {
      const g = broker.groups.describeGroup(id);
      return {
        errorCode: g.errorCode,
        groupId: g.groupId,
        groupState: g.state,
        protocolType: g.protocolType ?? '',
        protocolData: g.protocolData ?? '',
        members: g.members.map((m) => ({
          memberId: m.memberId,
          groupInstanceId: m.groupInstanceId,
          clientId: m.clientId,
          clientHost: m.clientHost,
          memberMetadata: m.metadata,
          memberAssignment: m.assignment,
        })),
        authorizedOperations: -2147483648,
      };
    }),
  });
}

export function listGroupsHandler(broker: BrokerContext) {
  return (): ListGroupsResponse => ({
    throttleTimeMs: 0,
    errorCode: ErrorCode.NONE,
    groups: broker.groups.listGroups().map((g) => ({ groupId: g.groupId, protocolType: g.protocolType })),
  });
}

export function deleteGroupsHandler(broker: BrokerContext) {
  return (req: DeleteGroupsRequest): DeleteGroupsResponse => ({
    throttleTimeMs: 0,
    results: broker.groups.deleteGroups(req.groupsNames),
  });
}
