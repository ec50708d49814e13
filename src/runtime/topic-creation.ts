/**
 * KIP-158: source connectors may create their topics with per-group settings
 * (`topic.creation.default.*`, `topic.creation.<group>.include/exclude/...`).
 */
export interface NewTopicSettings {
  numPartitions: number;
  replicationFactor: number;
  configEntries: { name: string; value: string }[];
}

const GROUP_KEYS = new Set(['include', 'exclude', 'replication.factor', 'partitions']);

/** Whether the connector asked for topic creation at all (any topic.creation.* key besides groups). */
export function topicCreationRequested(config: Readonly<Record<string, string>>): boolean {
  return Object.keys(config).some((k) => k.startsWith('topic.creation.') && k !== 'topic.creation.groups');
}

function fullMatch(patterns: string, topic: string): boolean {
  const list = patterns.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
  return list.length > 0 && new RegExp(`^(?:${list.join('|')})$`).test(topic);
}

/** The settings for `topic`: the first listed group that includes and does not exclude it, else `default`. */
export function topicSettingsFor(config: Readonly<Record<string, string>>, topic: string): NewTopicSettings {
  const groups = (config['topic.creation.groups'] ?? '').split(',').map((g) => g.trim()).filter((g) => g.length > 0 && g !== 'default');
  const chosen =
    groups.find((g) => fullMatch(config[`topic.creation.${g}.include`] ?? '', topic) && !fullMatch(config[`topic.creation.${g}.exclude`] ?? '', topic)) ??
    'default';
  const setting = (key: string): string | undefined => config[`topic.creation.${chosen}.${key}`] ?? config[`topic.creation.default.${key}`];
  const configEntries: { name: string; value: string }[] = [];
  const prefix = `topic.creation.${chosen}.`;
  for (const [k, v] of Object.entries(config)) {
    if (!k.startsWith(prefix)) continue;
    const name = k.slice(prefix.length);
    if (!GROUP_KEYS.has(name)) configEntries.push({ name, value: v });
  }
  return {
    numPartitions: Number(setting('partitions') ?? -1),
    replicationFactor: Number(setting('replication.factor') ?? -1),
    configEntries,
  };
}
