/** The DescribeConfigs view of a topic: every known key with its effective value and whether it was set. */
import { TOPIC_CONFIG_DEFS } from './config.js';

export interface ConfigEntry {
  name: string;
  value: string;
  /** Set on the topic rather than inherited from the defaults. */
  explicit: boolean;
  sensitive: boolean;
}

export function describeTopicConfigs(overrides: Readonly<Record<string, string>>, brokerDefaults: Readonly<Record<string, string>> = {}): ConfigEntry[] {
  return TOPIC_CONFIG_DEFS.map((def) => {
    const explicit = Object.hasOwn(overrides, def.key);
    return {
      name: def.key,
      value: explicit ? overrides[def.key] : (brokerDefaults[def.key] ?? def.default),
      explicit,
      sensitive: false,
    };
  });
}
