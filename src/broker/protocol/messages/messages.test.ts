import { describe, expect, it } from 'vitest';
import { Reader } from '../buffers.js';
import {
  decodeRequest,
  decodeRequestHeader,
  decodeResponse,
  decodeStruct,
  encodeRequestFrame,
  encodeResponseFrame,
  isFlexible,
  skipHeaderTags,
  type Message,
} from '../codec.js';
import { ErrorCode, errorName } from '../error-codes.js';
import { inRange, type FieldSpec, type MessageSpec } from '../schema.js';
import {
  AddOffsetsToTxn,
  AddPartitionsToTxn,
  AlterConfigs,
  ApiVersions,
  CreatePartitions,
  CreateTopics,
  DeleteGroups,
  DeleteRecords,
  DeleteTopics,
  DescribeConfigs,
  DescribeGroups,
  EndTxn,
  Fetch,
  FindCoordinator,
  Heartbeat,
  IncrementalAlterConfigs,
  InitProducerId,
  JoinGroup,
  LeaveGroup,
  ListGroups,
  ListOffsets,
  MESSAGE_SPECS,
  Metadata,
  OffsetCommit,
  OffsetFetch,
  Produce,
  SyncGroup,
  TxnOffsetCommit,
  type AddOffsetsToTxnRequest,
  type AddOffsetsToTxnResponse,
  type AddPartitionsToTxnRequest,
  type AddPartitionsToTxnResponse,
  type AlterConfigsRequest,
  type AlterConfigsResponse,
  type ApiVersionsRequest,
  type ApiVersionsResponse,
  type CreatePartitionsRequest,
  type CreatePartitionsResponse,
  type CreateTopicsRequest,
  type CreateTopicsResponse,
  type DeleteGroupsRequest,
  type DeleteGroupsResponse,
  type DeleteRecordsRequest,
  type DeleteRecordsResponse,
  type DeleteTopicsRequest,
  type DeleteTopicsResponse,
  type DescribeConfigsRequest,
  type DescribeConfigsResponse,
  type DescribeGroupsRequest,
  type DescribeGroupsResponse,
  type EndTxnRequest,
  type EndTxnResponse,
  type FetchRequest,
  type FetchResponse,
  type FindCoordinatorRequest,
  type FindCoordinatorResponse,
  type HeartbeatRequest,
  type HeartbeatResponse,
  type IncrementalAlterConfigsRequest,
  type IncrementalAlterConfigsResponse,
  type InitProducerIdRequest,
  type InitProducerIdResponse,
  type JoinGroupRequest,
  type JoinGroupResponse,
  type LeaveGroupRequest,
  type LeaveGroupResponse,
  type ListGroupsRequest,
  type ListGroupsResponse,
  type ListOffsetsRequest,
  type ListOffsetsResponse,
  type MetadataRequest,
  type MetadataResponse,
  type OffsetCommitRequest,
  type OffsetCommitResponse,
  type OffsetFetchRequest,
  type OffsetFetchResponse,
  type ProduceRequest,
  type ProduceResponse,
  type SyncGroupRequest,
  type SyncGroupResponse,
  type TxnOffsetCommitRequest,
  type TxnOffsetCommitResponse,
} from './index.js';

// ---------------------------------------------------------------------------------------------
// Representative messages: every field of every version in range, with values that differ from
// the defaults so that a field silently dropped or defaulted shows up.

interface Sample {
  spec: MessageSpec;
  request: object;
  response: object;
}

function sample<Req extends object, Res extends object>(spec: MessageSpec, request: Req, response: Res): Sample {
  return { spec, request, response };
}

const BIG = 2 ** 40 + 3;
const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

const SAMPLES: Sample[] = [
  sample<ProduceRequest, ProduceResponse>(
    Produce,
    {
      transactionalId: 'txn-1',
      acks: -1,
      timeoutMs: 30000,
      topicData: [
        { name: 'orders', partitionData: [{ index: 2, records: bytes('batch-bytes') }, { index: 3, records: null }] },
      ],
    },
    {
      responses: [
        {
          name: 'orders',
          partitionResponses: [
            { index: 2, errorCode: 0, baseOffset: BIG, logAppendTimeMs: 1_700_000_000_000, logStartOffset: 17 },
          ],
        },
      ],
      throttleTimeMs: 5,
    },
  ),
  sample<FetchRequest, FetchResponse>(
    Fetch,
    {
      replicaId: -1,
      maxWaitMs: 500,
      minBytes: 1,
      maxBytes: 52428800,
      isolationLevel: 1,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [
        {
          topic: 'orders',
          partitions: [
            { partition: 0, currentLeaderEpoch: 4, fetchOffset: BIG, logStartOffset: 9, partitionMaxBytes: 1048576 },
          ],
        },
      ],
      forgottenTopicsData: [{ topic: 'old', partitions: [1, 2] }],
      rackId: 'rack-a',
    },
    {
      throttleTimeMs: 3,
      errorCode: 0,
      sessionId: 0,
      responses: [
        {
          topic: 'orders',
          partitions: [
            {
              partitionIndex: 0,
              errorCode: 0,
              highWatermark: BIG + 10,
              lastStableOffset: BIG + 8,
              logStartOffset: 2,
              abortedTransactions: [{ producerId: 77, firstOffset: 12 }],
              preferredReadReplica: -1,
              records: bytes('record-batch'),
            },
          ],
        },
      ],
    },
  ),
  sample<ListOffsetsRequest, ListOffsetsResponse>(
    ListOffsets,
    { replicaId: -1, isolationLevel: 1, topics: [{ name: 'orders', partitions: [{ partitionIndex: 1, timestamp: -2 }] }] },
    {
      throttleTimeMs: 1,
      topics: [
        { name: 'orders', partitions: [{ partitionIndex: 1, errorCode: 0, timestamp: 1_700_000_000_123, offset: BIG }] },
      ],
    },
  ),
  sample<MetadataRequest, MetadataResponse>(
    Metadata,
    { topics: [{ name: 'orders' }, { name: 'payments' }], allowAutoTopicCreation: false, includeClusterAuthorizedOperations: true, includeTopicAuthorizedOperations: true },
    {
      throttleTimeMs: 2,
      brokers: [{ nodeId: 1, host: '127.0.0.1', port: 9092, rack: 'r1' }],
      clusterId: 'sluice-cluster',
      controllerId: 1,
      topics: [
        {
          errorCode: 0,
          name: 'orders',
          isInternal: true,
          partitions: [
            { errorCode: 0, partitionIndex: 0, leaderId: 1, leaderEpoch: 4, replicaNodes: [1], isrNodes: [1], offlineReplicas: [2] },
          ],
          topicAuthorizedOperations: 8,
        },
      ],
      clusterAuthorizedOperations: 16,
    },
  ),
  sample<OffsetCommitRequest, OffsetCommitResponse>(
    OffsetCommit,
    {
      groupId: 'g1',
      generationIdOrMemberEpoch: 3,
      memberId: 'm-1',
      groupInstanceId: 'static-1',
      retentionTimeMs: 86400000,
      topics: [
        {
          name: 'orders',
          partitions: [
            { partitionIndex: 0, committedOffset: BIG, committedLeaderEpoch: 6, committedMetadata: 'meta' },
            { partitionIndex: 1, committedOffset: 4, committedLeaderEpoch: 6, committedMetadata: null },
          ],
        },
      ],
    },
    {
      throttleTimeMs: 4,
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, errorCode: ErrorCode.REBALANCE_IN_PROGRESS }] }],
    },
  ),
  sample<OffsetFetchRequest, OffsetFetchResponse>(
    OffsetFetch,
    { groupId: 'g1', topics: [{ name: 'orders', partitionIndexes: [0, 1] }], requireStable: true },
    {
      throttleTimeMs: 6,
      topics: [
        {
          name: 'orders',
          partitions: [
            { partitionIndex: 0, committedOffset: BIG, committedLeaderEpoch: 2, metadata: 'm', errorCode: 0 },
            { partitionIndex: 1, committedOffset: -1, committedLeaderEpoch: 2, metadata: null, errorCode: 0 },
          ],
        },
      ],
      errorCode: ErrorCode.COORDINATOR_LOAD_IN_PROGRESS,
    },
  ),
  sample<FindCoordinatorRequest, FindCoordinatorResponse>(
    FindCoordinator,
    { key: 'g1', keyType: 1 },
    { throttleTimeMs: 7, errorCode: 0, errorMessage: 'fine', nodeId: 1, host: 'localhost', port: 9092 },
  ),
  sample<JoinGroupRequest, JoinGroupResponse>(
    JoinGroup,
    {
      groupId: 'g1',
      sessionTimeoutMs: 10000,
      rebalanceTimeoutMs: 30000,
      memberId: 'm-1',
      groupInstanceId: 'static-1',
      protocolType: 'consumer',
      protocols: [
        { name: 'range', metadata: bytes('range-meta') },
        { name: 'roundrobin', metadata: bytes('rr-meta') },
      ],
    },
    {
      throttleTimeMs: 8,
      errorCode: 0,
      generationId: 5,
      protocolName: 'range',
      leader: 'm-1',
      memberId: 'm-1',
      members: [{ memberId: 'm-1', groupInstanceId: 'static-1', metadata: bytes('range-meta') }],
    },
  ),
  sample<HeartbeatRequest, HeartbeatResponse>(
    Heartbeat,
    { groupId: 'g1', generationId: 5, memberId: 'm-1', groupInstanceId: 'static-1' },
    { throttleTimeMs: 9, errorCode: ErrorCode.REBALANCE_IN_PROGRESS },
  ),
  sample<LeaveGroupRequest, LeaveGroupResponse>(
    LeaveGroup,
    { groupId: 'g1', memberId: 'm-1', members: [{ memberId: 'm-2', groupInstanceId: 'static-2' }] },
    {
      throttleTimeMs: 10,
      errorCode: 0,
      members: [{ memberId: 'm-2', groupInstanceId: 'static-2', errorCode: ErrorCode.UNKNOWN_MEMBER_ID }],
    },
  ),
  sample<SyncGroupRequest, SyncGroupResponse>(
    SyncGroup,
    {
      groupId: 'g1',
      generationId: 5,
      memberId: 'm-1',
      groupInstanceId: 'static-1',
      assignments: [{ memberId: 'm-1', assignment: bytes('assignment-1') }],
    },
    { throttleTimeMs: 11, errorCode: 0, assignment: bytes('assignment-1') },
  ),
  sample<DescribeGroupsRequest, DescribeGroupsResponse>(
    DescribeGroups,
    { groups: ['g1', 'g2'], includeAuthorizedOperations: true },
    {
      throttleTimeMs: 12,
      groups: [
        {
          errorCode: 0,
          groupId: 'g1',
          groupState: 'Stable',
          protocolType: 'consumer',
          protocolData: 'range',
          members: [
            {
              memberId: 'm-1',
              groupInstanceId: 'static-1',
              clientId: 'client',
              clientHost: '/127.0.0.1',
              memberMetadata: bytes('md'),
              memberAssignment: bytes('as'),
            },
          ],
          authorizedOperations: 0x1f8,
        },
      ],
    },
  ),
  sample<ListGroupsRequest, ListGroupsResponse>(
    ListGroups,
    {},
    { throttleTimeMs: 13, errorCode: 0, groups: [{ groupId: 'g1', protocolType: 'consumer' }] },
  ),
  sample<ApiVersionsRequest, ApiVersionsResponse>(
    ApiVersions,
    { clientSoftwareName: 'sluice', clientSoftwareVersion: '0.1.0' },
    { errorCode: 0, apiKeys: [{ apiKey: 0, minVersion: 0, maxVersion: 7 }], throttleTimeMs: 14 },
  ),
  sample<CreateTopicsRequest, CreateTopicsResponse>(
    CreateTopics,
    {
      topics: [
        {
          name: 'orders',
          numPartitions: -1,
          replicationFactor: -1,
          assignments: [{ partitionIndex: 0, brokerIds: [1] }],
          configs: [
            { name: 'cleanup.policy', value: 'compact' },
            { name: 'retention.ms', value: null },
          ],
        },
      ],
      timeoutMs: 5000,
      validateOnly: true,
    },
    {
      throttleTimeMs: 15,
      topics: [{ name: 'orders', errorCode: ErrorCode.TOPIC_ALREADY_EXISTS, errorMessage: 'exists' }],
    },
  ),
  sample<DeleteTopicsRequest, DeleteTopicsResponse>(
    DeleteTopics,
    { topicNames: ['orders', 'payments'], timeoutMs: 5000 },
    { throttleTimeMs: 16, responses: [{ name: 'orders', errorCode: 0 }] },
  ),
  sample<DeleteRecordsRequest, DeleteRecordsResponse>(
    DeleteRecords,
    { topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, offset: BIG }] }], timeoutMs: 5000 },
    {
      throttleTimeMs: 17,
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, lowWatermark: BIG, errorCode: 0 }] }],
    },
  ),
  sample<InitProducerIdRequest, InitProducerIdResponse>(
    InitProducerId,
    { transactionalId: 'txn-1', transactionTimeoutMs: 60000 },
    { throttleTimeMs: 18, errorCode: 0, producerId: BIG, producerEpoch: 3 },
  ),
  sample<AddPartitionsToTxnRequest, AddPartitionsToTxnResponse>(
    AddPartitionsToTxn,
    {
      v3AndBelowTransactionalId: 'txn-1',
      v3AndBelowProducerId: BIG,
      v3AndBelowProducerEpoch: 3,
      v3AndBelowTopics: [{ name: 'orders', partitions: [0, 1] }],
    },
    {
      throttleTimeMs: 19,
      resultsByTopicV3AndBelow: [
        { name: 'orders', resultsByPartition: [{ partitionIndex: 0, partitionErrorCode: ErrorCode.INVALID_TXN_STATE }] },
      ],
    },
  ),
  sample<AddOffsetsToTxnRequest, AddOffsetsToTxnResponse>(
    AddOffsetsToTxn,
    { transactionalId: 'txn-1', producerId: BIG, producerEpoch: 3, groupId: 'g1' },
    { throttleTimeMs: 20, errorCode: ErrorCode.CONCURRENT_TRANSACTIONS },
  ),
  sample<EndTxnRequest, EndTxnResponse>(
    EndTxn,
    { transactionalId: 'txn-1', producerId: BIG, producerEpoch: 3, committed: true },
    { throttleTimeMs: 21, errorCode: 0 },
  ),
  sample<TxnOffsetCommitRequest, TxnOffsetCommitResponse>(
    TxnOffsetCommit,
    {
      transactionalId: 'txn-1',
      groupId: 'g1',
      producerId: BIG,
      producerEpoch: 3,
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: 42, committedMetadata: null }] }],
    },
    { throttleTimeMs: 22, topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, errorCode: 0 }] }] },
  ),
  sample<DescribeConfigsRequest, DescribeConfigsResponse>(
    DescribeConfigs,
    {
      resources: [
        { resourceType: 2, resourceName: 'orders', configurationKeys: ['cleanup.policy'] },
        { resourceType: 4, resourceName: '1', configurationKeys: null },
      ],
      includeSynonyms: true,
    },
    {
      throttleTimeMs: 23,
      results: [
        {
          errorCode: 0,
          errorMessage: null,
          resourceType: 2,
          resourceName: 'orders',
          configs: [
            {
              name: 'cleanup.policy',
              value: 'compact',
              readOnly: false,
              isDefault: true,
              configSource: 1,
              isSensitive: false,
              synonyms: [{ name: 'cleanup.policy', value: 'compact', source: 1 }],
            },
          ],
        },
      ],
    },
  ),
  sample<AlterConfigsRequest, AlterConfigsResponse>(
    AlterConfigs,
    {
      resources: [{ resourceType: 2, resourceName: 'orders', configs: [{ name: 'retention.ms', value: '1000' }] }],
      validateOnly: true,
    },
    {
      throttleTimeMs: 24,
      responses: [{ errorCode: ErrorCode.INVALID_CONFIG, errorMessage: 'bad', resourceType: 2, resourceName: 'orders' }],
    },
  ),
  sample<CreatePartitionsRequest, CreatePartitionsResponse>(
    CreatePartitions,
    {
      topics: [
        { name: 'orders', count: 4, assignments: [{ brokerIds: [1] }, { brokerIds: [1] }] },
        { name: 'payments', count: 2, assignments: null },
      ],
      timeoutMs: 5000,
      validateOnly: false,
    },
    { throttleTimeMs: 25, results: [{ name: 'orders', errorCode: ErrorCode.INVALID_PARTITIONS, errorMessage: 'no' }] },
  ),
  sample<DeleteGroupsRequest, DeleteGroupsResponse>(
    DeleteGroups,
    { groupsNames: ['g1', 'g2'] },
    { throttleTimeMs: 26, results: [{ groupId: 'g1', errorCode: ErrorCode.NON_EMPTY_GROUP }] },
  ),
  sample<IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse>(
    IncrementalAlterConfigs,
    {
      resources: [
        {
          resourceType: 2,
          resourceName: 'orders',
          configs: [
            { name: 'retention.ms', configOperation: 0, value: '1000' },
            { name: 'cleanup.policy', configOperation: 1, value: null },
          ],
        },
      ],
      validateOnly: false,
    },
    { throttleTimeMs: 27, responses: [{ errorCode: 0, errorMessage: null, resourceType: 2, resourceName: 'orders' }] },
  ),
];

// ---------------------------------------------------------------------------------------------
// Helpers

function isObject(v: unknown): v is Message {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}

/** Keeps only what exists on the wire in `version`: the part of `value` that must survive a round trip. */
function project(fields: FieldSpec[], value: Message, version: number): Message {
  const out: Message = {};
  for (const f of fields) {
    if (f.tag !== undefined || !inRange(f.versions, version)) continue;
    const v = value[f.name];
    if (Array.isArray(f.type) && Array.isArray(v)) {
      const sub = f.type;
      out[f.name] = v.map((item: unknown) => (isObject(item) ? project(sub, item, version) : item));
    } else if (Array.isArray(f.type) && isObject(v)) {
      out[f.name] = project(f.type, v, version);
    } else {
      out[f.name] = v;
    }
  }
  return out;
}

/** Field paths of the spec that the sample does not exercise. */
function missingFields(fields: FieldSpec[], value: Message, path: string): string[] {
  const missing: string[] = [];
  for (const f of fields) {
    const v = value[f.name];
    if (v === undefined) {
      missing.push(`${path}${f.name}`);
      continue;
    }
    if (Array.isArray(f.type)) {
      const first = Array.isArray(v) ? v.find(isObject) : v;
      if (!isObject(first)) missing.push(`${path}${f.name}[0]`);
      else missing.push(...missingFields(f.type, first, `${path}${f.name}.`));
    }
  }
  return missing;
}

function versionsOf(spec: MessageSpec): number[] {
  const out: number[] = [];
  for (let v = spec.validVersions.min; v <= (spec.validVersions.max ?? spec.validVersions.min); v++) out.push(v);
  return out;
}

function roundTripRequest(spec: MessageSpec, version: number, body: object): { body: Message; left: number } {
  const frame = encodeRequestFrame(spec, version, { correlationId: 99, clientId: 'test' }, body);
  expect(frame.readInt32BE(0)).toBe(frame.length - 4);
  const r = new Reader(frame, 4);
  const header = decodeRequestHeader(r);
  expect(header).toEqual({ apiKey: spec.apiKey, apiVersion: version, correlationId: 99, clientId: 'test' });
  const decoded = decodeRequest<Message>(spec, r, version);
  return { body: decoded, left: r.remaining() };
}

function responseFrame(spec: MessageSpec, version: number, body: object): Buffer {
  const frame = Buffer.concat(encodeResponseFrame(spec, version, 1234, body));
  expect(frame.readInt32BE(0)).toBe(frame.length - 4);
  return frame;
}

/** Bytes left over after decoding the response body (header skipped exactly as decodeResponse does). */
function responseLeftover(spec: MessageSpec, frame: Buffer, version: number): number {
  const r = new Reader(frame, 4);
  r.int32();
  const flexible = isFlexible(spec, version);
  if (flexible && spec.apiKey !== 18) skipHeaderTags(r);
  decodeStruct(spec.response, r, version, flexible);
  return r.remaining();
}

/** Hex with optional spaces, for hand-written byte expectations. */
function hex(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ''), 'hex');
}

/** Body of a non-flexible request frame with a null client id (size, key, version, correlation, clientId skipped). */
function requestBody(frame: Buffer): Buffer {
  return frame.subarray(4 + 2 + 2 + 4 + 2);
}

// ---------------------------------------------------------------------------------------------

describe('message registry', () => {
  it('holds every API the broker advertises, keyed by api key', () => {
    const expected: [number, number, number][] = [
      [0, 0, 7], [1, 4, 11], [2, 1, 3], [3, 0, 6], [8, 2, 7], [9, 1, 7], [10, 0, 2], [11, 0, 5], [12, 0, 3],
      [13, 0, 3], [14, 0, 3], [15, 0, 4], [16, 0, 2], [18, 0, 3], [19, 0, 4], [20, 0, 3], [21, 0, 1], [22, 0, 1],
      [24, 0, 1], [25, 0, 1], [26, 0, 1], [28, 0, 1], [32, 0, 2], [33, 0, 1], [37, 0, 1], [42, 0, 1], [44, 0, 1],
    ];
    expect([...MESSAGE_SPECS.keys()].sort((a, b) => a - b)).toEqual(expected.map(([k]) => k));
    for (const [key, min, max] of expected) {
      const spec = MESSAGE_SPECS.get(key);
      expect(spec?.apiKey).toBe(key);
      expect(spec?.validVersions).toEqual({ min, max });
    }
    const flexible = [...MESSAGE_SPECS.values()].filter((s) => s.flexibleFrom !== undefined).map((s) => [s.name, s.flexibleFrom]);
    expect(flexible.sort()).toEqual([['ApiVersions', 3], ['IncrementalAlterConfigs', 1], ['OffsetFetch', 6]]);
  });

  it('has a sample for every spec, and each sample exercises every declared field', () => {
    expect(SAMPLES.map((s) => s.spec.apiKey).sort((a, b) => a - b)).toEqual([...MESSAGE_SPECS.keys()].sort((a, b) => a - b));
    for (const s of SAMPLES) {
      expect(missingFields(s.spec.request, s.request as Message, `${s.spec.name}Request.`)).toEqual([]);
      expect(missingFields(s.spec.response, s.response as Message, `${s.spec.name}Response.`)).toEqual([]);
    }
  });
});

describe.each(SAMPLES.map((s) => [s.spec.name, s] as const))('%s round trip', (_name, s) => {
  it.each(versionsOf(s.spec))('request v%i', (version) => {
    const { body, left } = roundTripRequest(s.spec, version, s.request);
    expect(left).toBe(0);
    expect(body).toMatchObject(project(s.spec.request, s.request as Message, version));
    // Fields absent from this version are still present (with their default) after decoding.
    for (const f of s.spec.request) expect(body).toHaveProperty(f.name);
  });

  it.each(versionsOf(s.spec))('response v%i', (version) => {
    const frame = responseFrame(s.spec, version, s.response);
    const { correlationId, body } = decodeResponse<Message>(s.spec, frame.subarray(4), version);
    expect(correlationId).toBe(1234);
    expect(responseLeftover(s.spec, frame, version)).toBe(0);
    expect(body).toMatchObject(project(s.spec.response, s.response as Message, version));
    // Re-encoding what was decoded gives the same bytes.
    expect(responseFrame(s.spec, version, body)).toEqual(frame);
  });
});

describe('hand-checked layouts', () => {
  it('Produce v7 response puts throttleTimeMs after the topic array', () => {
    const body: ProduceResponse = {
      responses: [
        { name: 't', partitionResponses: [{ index: 0, errorCode: 0, baseOffset: 5, logAppendTimeMs: -1, logStartOffset: 0 }] },
      ],
      throttleTimeMs: 7,
    };
    const frame = responseFrame(Produce, 7, body);
    expect(frame.readInt32BE(4)).toBe(1234);
    expect(frame.subarray(8)).toEqual(
      hex(`
        00000001 0001 74
        00000001 00000000 0000
        0000000000000005 ffffffffffffffff 0000000000000000
        00000007`),
    );
  });

  it('Produce v3 request: nullable transactionalId first, records as int32-sized bytes', () => {
    const frame = encodeRequestFrame(Produce, 3, { correlationId: 1, clientId: null }, {
      transactionalId: null,
      acks: 1,
      timeoutMs: 1000,
      topicData: [{ name: 't', partitionData: [{ index: 0, records: hex('cafe') }] }],
    } satisfies ProduceRequest);
    expect(requestBody(frame)).toEqual(hex('ffff 0001 000003e8 00000001 0001 74 00000001 00000000 00000002 cafe'));
  });

  it('OffsetFetch v1 has no top-level error code; v2 puts it after the topics array; v3 adds throttle first', () => {
    const body: OffsetFetchResponse = {
      throttleTimeMs: 9,
      topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 42, metadata: '', errorCode: 0 }] }],
      errorCode: ErrorCode.NOT_COORDINATOR,
    };
    const topics = '00000001 0001 74 00000001 00000000 000000000000002a 0000 0000';
    expect(responseFrame(OffsetFetch, 1, body).subarray(8)).toEqual(hex(topics));
    expect(responseFrame(OffsetFetch, 2, body).subarray(8)).toEqual(hex(`${topics} 0010`));
    expect(responseFrame(OffsetFetch, 3, body).subarray(8)).toEqual(hex(`00000009 ${topics} 0010`));
    // v5 adds the leader epoch between offset and metadata (default -1 when omitted).
    expect(responseFrame(OffsetFetch, 5, body).subarray(8)).toEqual(
      hex('00000009 00000001 0001 74 00000001 00000000 000000000000002a ffffffff 0000 0000 0010'),
    );
  });

  it('OffsetFetch v2 request: null topics means every committed partition', () => {
    const frame = encodeRequestFrame(OffsetFetch, 2, { correlationId: 1, clientId: null }, { groupId: 'g', topics: null });
    expect(requestBody(frame)).toEqual(hex('0001 67 ffffffff'));
    const r = new Reader(frame, 4);
    decodeRequestHeader(r);
    expect(decodeRequest<OffsetFetchRequest>(OffsetFetch, r, 2).topics).toBeNull();
  });

  it('OffsetFetch v6 uses compact types and tag buffers in both directions', () => {
    const request = encodeRequestFrame(OffsetFetch, 6, { correlationId: 1, clientId: 'c' }, {
      groupId: 'g',
      topics: [{ name: 't', partitionIndexes: [0, 1] }],
    });
    expect(request.subarray(4)).toEqual(
      hex(`
        0009 0006 00000001 0001 63  00
        02 67
        02  02 74  03 00000000 00000001  00
        00`),
    );

    const response = responseFrame(OffsetFetch, 6, {
      throttleTimeMs: 0,
      topics: [
        {
          name: 't',
          partitions: [{ partitionIndex: 0, committedOffset: 42, committedLeaderEpoch: -1, metadata: '', errorCode: 0 }],
        },
      ],
      errorCode: 0,
    } satisfies OffsetFetchResponse);
    expect(response.subarray(4)).toEqual(
      hex(`
        000004d2 00
        00000000
        02  02 74
            02  00000000 000000000000002a ffffffff 01 0000  00
            00
        0000
        00`),
    );
    // v7 adds requireStable (one byte) before the request's final tag buffer.
    const v7 = encodeRequestFrame(OffsetFetch, 7, { correlationId: 1, clientId: null }, {
      groupId: 'g',
      topics: null,
      requireStable: true,
    });
    expect(v7.subarray(4 + 2 + 2 + 4 + 2)).toEqual(hex('00 02 67 00 01 00'));
  });

  it('OffsetFetch v6 request: unknown tagged fields are skipped', () => {
    // header (null client id), header tags, groupId "g", null topics, then one unknown tag (7, 2 bytes).
    const frame = hex('00000000 0009 0006 00000005 ffff 00 02 67 00 01 07 02 abcd');
    frame.writeInt32BE(frame.length - 4, 0);
    const r = new Reader(frame, 4);
    decodeRequestHeader(r);
    const body = decodeRequest<OffsetFetchRequest>(OffsetFetch, r, 6);
    expect(body).toEqual({ groupId: 'g', topics: null, requireStable: false });
    expect(r.remaining()).toBe(0);
  });

  it('Metadata v0 sends all-topics as an empty array, v1+ as a null array', () => {
    const v0 = encodeRequestFrame(Metadata, 0, { correlationId: 1, clientId: null }, { topics: [] });
    expect(v0.subarray(4)).toEqual(hex('0003 0000 00000001 ffff 00000000'));
    const v1 = encodeRequestFrame(Metadata, 1, { correlationId: 1, clientId: null }, { topics: null });
    expect(v1.subarray(4)).toEqual(hex('0003 0001 00000001 ffff ffffffff'));
    const v4 = encodeRequestFrame(Metadata, 4, { correlationId: 1, clientId: null }, { topics: null, allowAutoTopicCreation: false });
    expect(requestBody(v4)).toEqual(hex('ffffffff 00'));

    const decode = (frame: Buffer, version: number): MetadataRequest => {
      const r = new Reader(frame, 4);
      decodeRequestHeader(r);
      return decodeRequest<MetadataRequest>(Metadata, r, version);
    };
    // Fields of later versions (v8's authorized-operations flags) decode as their defaults.
    const later = { includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false };
    expect(decode(v1, 1)).toEqual({ topics: null, allowAutoTopicCreation: true, ...later });
    expect(decode(v0, 0)).toEqual({ topics: [], allowAutoTopicCreation: true, ...later });
    // A null array is not valid in v0.
    const badV0 = Buffer.from(v1);
    badV0.writeInt16BE(0, 6);
    expect(() => decode(badV0, 0)).toThrow(/not nullable/);
  });

  it('Metadata v1 response: rack and controller id, no cluster id, no throttle', () => {
    const frame = responseFrame(Metadata, 1, {
      brokers: [{ nodeId: 1, host: 'h', port: 9092, rack: null }],
      controllerId: 1,
      topics: [],
    } satisfies MetadataResponse);
    expect(frame.subarray(8)).toEqual(hex('00000001 00000001 0001 68 00002384 ffff 00000001 00000000'));
  });

  it('JoinGroup v5 groupInstanceId is a nullable string after memberId', () => {
    const base: JoinGroupRequest = {
      groupId: 'g',
      sessionTimeoutMs: 10000,
      rebalanceTimeoutMs: 30000,
      memberId: '',
      groupInstanceId: null,
      protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: hex('0102') }],
    };
    const tail = '0008 636f6e73756d6572 00000001 0005 72616e6765 00000002 0102';
    const withNull = encodeRequestFrame(JoinGroup, 5, { correlationId: 1, clientId: null }, base);
    expect(requestBody(withNull)).toEqual(hex(`0001 67 00002710 00007530 0000 ffff ${tail}`));
    const withId = encodeRequestFrame(JoinGroup, 5, { correlationId: 1, clientId: null }, { ...base, groupInstanceId: 'i' });
    expect(requestBody(withId)).toEqual(hex(`0001 67 00002710 00007530 0000 0001 69 ${tail}`));
    const v4 = encodeRequestFrame(JoinGroup, 4, { correlationId: 1, clientId: null }, { ...base, groupInstanceId: 'i' });
    expect(requestBody(v4)).toEqual(hex(`0001 67 00002710 00007530 0000 ${tail}`));
    const v0 = encodeRequestFrame(JoinGroup, 0, { correlationId: 1, clientId: null }, base);
    expect(requestBody(v0)).toEqual(hex(`0001 67 00002710 0000 ${tail}`));

    const r = new Reader(withNull, 4);
    decodeRequestHeader(r);
    expect(decodeRequest<JoinGroupRequest>(JoinGroup, r, 5).groupInstanceId).toBeNull();
    // Absent before v5: decodes as null, not as an empty string.
    const r0 = new Reader(v0, 4);
    decodeRequestHeader(r0);
    const old = decodeRequest<JoinGroupRequest>(JoinGroup, r0, 0);
    expect(old.groupInstanceId).toBeNull();
    expect(old.rebalanceTimeoutMs).toBe(-1);
  });

  it('JoinGroup v5 response members carry a nullable groupInstanceId', () => {
    const frame = responseFrame(JoinGroup, 5, {
      throttleTimeMs: 0,
      errorCode: 0,
      generationId: 1,
      protocolName: 'range',
      leader: 'm',
      memberId: 'm',
      members: [{ memberId: 'm', groupInstanceId: null, metadata: hex('01') }],
    } satisfies JoinGroupResponse);
    expect(frame.subarray(8)).toEqual(
      hex('00000000 0000 00000001 0005 72616e6765 0001 6d 0001 6d 00000001 0001 6d ffff 00000001 01'),
    );
  });

  it('LeaveGroup switches from a single memberId (v2) to a members array (v3)', () => {
    const body: LeaveGroupRequest = { groupId: 'g', memberId: 'a', members: [{ memberId: 'b', groupInstanceId: null }] };
    const v2 = encodeRequestFrame(LeaveGroup, 2, { correlationId: 1, clientId: null }, body);
    expect(requestBody(v2)).toEqual(hex('0001 67 0001 61'));
    const v3 = encodeRequestFrame(LeaveGroup, 3, { correlationId: 1, clientId: null }, body);
    expect(requestBody(v3)).toEqual(hex('0001 67 00000001 0001 62 ffff'));
  });

  it('Fetch v11 response: top-level error and session id, preferred read replica before records', () => {
    const frame = responseFrame(Fetch, 11, {
      throttleTimeMs: 0,
      errorCode: 0,
      sessionId: 0,
      responses: [
        {
          topic: 't',
          partitions: [
            {
              partitionIndex: 0,
              errorCode: 0,
              highWatermark: 10,
              lastStableOffset: 10,
              logStartOffset: 0,
              abortedTransactions: [],
              records: hex('aabb'),
            },
          ],
        },
      ],
    } satisfies FetchResponse);
    expect(frame.subarray(8)).toEqual(
      hex(`
        00000000 0000 00000000
        00000001 0001 74
        00000001 00000000 0000
        000000000000000a 000000000000000a 0000000000000000
        00000000 ffffffff 00000002 aabb`),
    );
  });

  it('Fetch response records may be several chunks, large ones passed by reference', () => {
    const big = Buffer.alloc(5000, 7);
    const small = hex('0102');
    const chunks = encodeResponseFrame(Fetch, 4, 1, {
      throttleTimeMs: 0,
      responses: [{ topic: 't', partitions: [{ partitionIndex: 0, errorCode: 0, highWatermark: 1, records: [small, big] }] }],
    } satisfies FetchResponse);
    expect(chunks).toContain(big);
    const frame = Buffer.concat(chunks);
    expect(frame.readInt32BE(0)).toBe(frame.length - 4);
    const decoded = decodeResponse<FetchResponse>(Fetch, frame.subarray(4), 4).body;
    const partition = decoded.responses[0].partitions[0];
    expect(partition.records).toEqual(Buffer.concat([small, big]));
    // Omitted v4 fields fall back to Kafka's defaults.
    expect(partition.lastStableOffset).toBe(-1);
    expect(partition.abortedTransactions).toEqual([]);
  });

  it('DescribeConfigs v0 carries isDefault where v1 carries configSource, and v1 adds synonyms', () => {
    const entry = { name: 'k', value: null, readOnly: true, isDefault: true, configSource: 5, isSensitive: false, synonyms: [] };
    const body: DescribeConfigsResponse = {
      throttleTimeMs: 0,
      results: [{ errorCode: 0, errorMessage: null, resourceType: 2, resourceName: 't', configs: [entry] }],
    };
    const head = '00000000 00000001 0000 ffff 02 0001 74 00000001 0001 6b ffff 01';
    expect(responseFrame(DescribeConfigs, 0, body).subarray(8)).toEqual(hex(`${head} 01 00`));
    expect(responseFrame(DescribeConfigs, 1, body).subarray(8)).toEqual(hex(`${head} 05 00 00000000`));
  });

  it('IncrementalAlterConfigs v1 is compact with tag buffers', () => {
    const frame = encodeRequestFrame(IncrementalAlterConfigs, 1, { correlationId: 1, clientId: null }, {
      resources: [{ resourceType: 2, resourceName: 't', configs: [{ name: 'k', configOperation: 1, value: null }] }],
      validateOnly: false,
    } satisfies IncrementalAlterConfigsRequest);
    expect(frame.subarray(4 + 2 + 2 + 4 + 2)).toEqual(hex('00 02 02 02 74 02 02 6b 01 00 00 00 00 00'));
    const response = responseFrame(IncrementalAlterConfigs, 1, {
      throttleTimeMs: 0,
      responses: [{ errorCode: 0, resourceType: 2, resourceName: 't' }],
    } satisfies IncrementalAlterConfigsResponse);
    expect(response.subarray(8)).toEqual(hex('00 00000000 02 0000 00 02 02 74 00 00'));
  });

  it('an omitted non-nullable bytes field is written empty, not null', () => {
    const frame = responseFrame(SyncGroup, 1, { throttleTimeMs: 0, errorCode: ErrorCode.REBALANCE_IN_PROGRESS });
    expect(frame.subarray(8)).toEqual(hex('00000000 001b 00000000'));
    expect(decodeResponse<SyncGroupResponse>(SyncGroup, frame.subarray(4), 1).body.assignment).toEqual(Buffer.alloc(0));
  });

  it('omitted optional error messages go out as null', () => {
    const frame = responseFrame(FindCoordinator, 1, { throttleTimeMs: 0, errorCode: 0, nodeId: 1, host: 'h', port: 1 });
    expect(frame.subarray(8)).toEqual(hex('00000000 0000 ffff 00000001 0001 68 00000001'));
  });
});

describe('error codes', () => {
  it('names codes both ways', () => {
    expect(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION).toBe(3);
    expect(ErrorCode.UNKNOWN_SERVER_ERROR).toBe(-1);
    expect(errorName(3)).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    expect(errorName(0)).toBe('NONE');
    expect(errorName(-1)).toBe('UNKNOWN_SERVER_ERROR');
    expect(errorName(88)).toBe('UNSTABLE_OFFSET_COMMIT');
    expect(errorName(12345)).toBe('ERROR_12345');
  });

  it('has no duplicate codes', () => {
    const codes = Object.values(ErrorCode);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
