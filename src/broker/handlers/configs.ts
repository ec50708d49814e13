/** DescribeConfigs, AlterConfigs and IncrementalAlterConfigs for topics (and a read-only broker view). */
import { describeTopicConfigs, type ConfigEntry } from '../log/config-description.js';
import { ErrorCode } from '../protocol/error-codes.js';
import type { AlterConfigsRequest, AlterConfigsResponse } from '../protocol/messages/alter-configs.js';
import type { DescribeConfigsRequest, DescribeConfigsResourceResult, DescribeConfigsResponse, DescribeConfigsResult } from '../protocol/messages/describe-configs.js';
import type { IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse } from '../protocol/messages/incremental-alter-configs.js';
import type { RequestContext } from '../server/router.js';
import { TopicError } from '../topics.js';
import type { BrokerContext } from './context.js';

const TOPIC = 2;
const BROKER = 4;
/** ConfigSource values (DescribeConfigs v1+). */
const DYNAMIC_TOPIC_CONFIG = 1;
const STATIC_BROKER_CONFIG = 4;
const DEFAULT_CONFIG = 5;

const SET = 0;
const DELETE = 1;
const APPEND = 2;
const SUBTRACT = 3;

export function describeConfigsHandler(broker: BrokerContext) {
  return (req: DescribeConfigsRequest, ctx: RequestContext): DescribeConfigsResponse => ({
    throttleTimeMs: 0,
    results: req.resources.map((r): DescribeConfigsResult => {
      const base = { resourceType: r.resourceType, resourceName: r.resourceName };
      let entries: ConfigEntry[];
      if (r.resourceType === TOPIC) {
        const topic = broker.topics.get(r.resourceName);
        if (topic === undefined) {
          return { ...base, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: `Topic '${r.resourceName}' does not exist.`, configs: [] };
        }
        entries = describeTopicConfigs(topic.configs);
      } else if (r.resourceType === BROKER && (r.resourceName === '' || r.resourceName === String(broker.settings.nodeId))) {
        entries = brokerConfigs(broker).map(([name, value]) => ({ name, value, explicit: true, sensitive: false }));
      } else {
        return { ...base, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unsupported resource ${r.resourceType}:${r.resourceName}`, configs: [] };
      }
      const wanted = r.configurationKeys === null ? null : new Set(r.configurationKeys);
      const isBroker = r.resourceType === BROKER;
      const configs = entries
        .filter((e) => wanted === null || wanted.has(e.name))
        .map((e): DescribeConfigsResourceResult => {
          const source = isBroker ? STATIC_BROKER_CONFIG : e.explicit ? DYNAMIC_TOPIC_CONFIG : DEFAULT_CONFIG;
          return {
            name: e.name,
            value: e.sensitive ? null : e.value,
            readOnly: isBroker,
            isDefault: !e.explicit,
            configSource: source,
            isSensitive: e.sensitive,
            synonyms: req.includeSynonyms && ctx.header.apiVersion >= 1 ? [{ name: e.name, value: e.value, source }] : [],
          };
        });
      return { ...base, errorCode: ErrorCode.NONE, errorMessage: null, configs };
    }),
  });
}

function brokerConfigs(broker: BrokerContext): [string, string][] {
  const s = broker.settings;
  return [
    ['broker.id', String(s.nodeId)],
    ['node.id', String(s.nodeId)],
    ['auto.create.topics.enable', String(s.autoCreateTopics)],
    ['num.partitions', String(s.defaultPartitions)],
    ['default.replication.factor', '1'],
    ['offsets.topic.replication.factor', '1'],
    ['advertised.listeners', `PLAINTEXT://${s.advertisedHost}:${s.advertisedPort}`],
  ];
}

interface AlterableResource<C> {
  resourceType: number;
  resourceName: string;
  configs: C[];
}

/**
 * Applies `compute` (current explicit configs -> new explicit configs) to each topic resource and
 * answers per resource; the broker's own settings are fixed at start-up.
 */
function alterResources<C>(
  broker: BrokerContext,
  resources: AlterableResource<C>[],
  validateOnly: boolean,
  compute: (current: Record<string, string>, configs: C[]) => Record<string, string>,
) {
  return resources.map((r) => {
    const base = { resourceType: r.resourceType, resourceName: r.resourceName };
    if (r.resourceType !== TOPIC) {
      return { ...base, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Only topic configs can be altered on the embedded broker' };
    }
    try {
      const topic = broker.topics.get(r.resourceName);
      if (topic === undefined) return { ...base, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: `Topic '${r.resourceName}' does not exist.` };
      broker.topics.setConfigs(r.resourceName, compute(topic.configs, r.configs), validateOnly);
      return { ...base, errorCode: ErrorCode.NONE, errorMessage: null };
    } catch (err) {
      if (err instanceof TopicError) return { ...base, errorCode: err.errorCode, errorMessage: err.message };
      throw err;
    }
  });
}

/** AlterConfigs replaces the whole set of explicit configs. */
export function alterConfigsHandler(broker: BrokerContext) {
  return (req: AlterConfigsRequest): AlterConfigsResponse => ({
    throttleTimeMs: 0,
    responses: alterResources(broker, req.resources, req.validateOnly, (_current, configs) =>
      Object.fromEntries(configs.filter((c) => c.value !== null).map((c) => [c.name, c.value as string])),
    ),
  });
}

/** IncrementalAlterConfigs applies SET/DELETE/APPEND/SUBTRACT per key to the current configs. */
export function incrementalAlterConfigsHandler(broker: BrokerContext) {
  return (req: IncrementalAlterConfigsRequest): IncrementalAlterConfigsResponse => ({
    throttleTimeMs: 0,
    responses: alterResources(broker, req.resources, req.validateOnly, (current, configs) => {
      const next = { ...current };
      for (const c of configs) {
        const list = (next[c.name] ?? '').split(',').filter((x) => x !== '');
        const items = (c.value ?? '').split(',').filter((x) => x !== '');
        if (c.configOperation === SET) next[c.name] = c.value ?? '';
        else if (c.configOperation === DELETE) delete next[c.name];
        else if (c.configOperation === APPEND) next[c.name] = [...list, ...items.filter((i) => !list.includes(i))].join(',');
        else if (c.configOperation === SUBTRACT) next[c.name] = list.filter((i) => !items.includes(i)).join(',');
        else throw new TopicError(ErrorCode.INVALID_REQUEST, `Unknown config operation ${c.configOperation} for ${c.name}`);
      }
      return next;
    }),
  });
}
