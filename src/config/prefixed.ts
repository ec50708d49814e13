import { setOwn } from './own-record.js';

/**
 * The settings under `prefix`, with the prefix removed (Kafka's originalsWithPrefix): what a
 * converter, client, provider or transform receives from `key.converter.*`, `producer.*`,
 * `config.providers.<alias>.param.*`, `transforms.<alias>.*`. The bare prefix itself is skipped.
 */
export function withPrefix(config: Readonly<Record<string, string>>, prefix: string): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(prefix) && key.length > prefix.length) setOwn(settings, key.slice(prefix.length), value);
  }
  return settings;
}
