/**
 * The client settings of a connector's tasks (Kafka Connect's Worker.baseProducerConfigs etc.):
 * `bootstrap.servers`, then worker `producer.`/`consumer.`/`admin.` keys, then the connector's
 * `*.override.*` keys as the override policy allows.
 */
import { BadRequestError } from './errors.js';
import { withPrefix } from '../config/prefixed.js';
import type { OverridePolicy } from './worker-config.js';

export type ClientKind = 'producer' | 'consumer' | 'admin';

const PRINCIPAL_KEYS = new Set(['sasl.jaas.config', 'sasl.mechanism', 'security.protocol']);

/** Errors for overrides the policy refuses, keyed by the full config key (for validation). */
export function overridePolicyErrors(policy: OverridePolicy, connectorConfig: Readonly<Record<string, string>>): Map<string, string> {
  const errors = new Map<string, string>();
  for (const kind of ['producer', 'consumer', 'admin'] as const) {
    for (const key of Object.keys(withPrefix(connectorConfig, `${kind}.override.`))) {
      const full = `${kind}.override.${key}`;
      if (policy === 'None' || (policy === 'Principal' && !PRINCIPAL_KEYS.has(key))) {
        errors.set(full, `The '${policy}' policy does not allow '${full}' to be overridden in the connector configuration.`);
      }
    }
  }
  return errors;
}

export function clientConfig(
  kind: ClientKind,
  workerOriginals: Readonly<Record<string, string>>,
  connectorConfig: Readonly<Record<string, string>>,
  policy: OverridePolicy,
): Record<string, string> {
  const errors = overridePolicyErrors(policy, connectorConfig);
  if (errors.size > 0) throw new BadRequestError([...errors.values()].join(' '));
  const base: Record<string, string> = { 'bootstrap.servers': workerOriginals['bootstrap.servers'] ?? 'localhost:9092' };
  if (kind === 'admin') {
    // Admin clients inherit the worker's top-level client settings (security included).
    for (const [k, v] of Object.entries(workerOriginals)) if (!/^(producer|consumer|admin)\./.test(k)) base[k] = v;
  }
  return { ...base, ...withPrefix(workerOriginals, `${kind}.`), ...withPrefix(connectorConfig, `${kind}.override.`) };
}
