// Hiding secrets in configs before they reach a REST response or a log line.
import type { ConfigDef } from './config-def.js';
import { isConfigVariableReference } from './config-variables.js';
import { setOwn } from './own-record.js';
import { Password } from './password.js';

/**
 * Keys not in the definition are judged by name: the last dot-separated word is `password`,
 * `secret` or `key` (any case), so `ssl.key.password`, `aws.secret.key` and a bare `password` are
 * hidden while `key.converter` or `key.ignore` are not. Two Kafka/Confluent PASSWORD-typed client
 * keys that often appear under prefixes (`producer.override.sasl.jaas.config`) are hidden too.
 */
const SENSITIVE_LAST_WORDS = new Set(['password', 'secret', 'key']);
const SENSITIVE_SUFFIXES = ['sasl.jaas.config', 'basic.auth.user.info'];

/** Whether a key holds a secret: PASSWORD-typed in `def`, or (when `def` does not define it) by name. */
export function isSensitiveConfigKey(name: string, def?: ConfigDef): boolean {
  const key = def?.configKey(name);
  if (key !== undefined) return key.type === 'PASSWORD';
  const lower = name.toLowerCase();
  const lastWord = lower.slice(lower.lastIndexOf('.') + 1);
  return SENSITIVE_LAST_WORDS.has(lastWord) || SENSITIVE_SUFFIXES.some((suffix) => lower === suffix || lower.endsWith(`.${suffix}`));
}

/**
 * A copy of a raw config with secret values replaced by `[hidden]`. A secret whose whole value is
 * one provider reference (`${file:/creds.properties:db.password}`) is shown as written: the
 * reference is no secret, it tells an operator where the value comes from, and it is what Kafka
 * Connect itself returns for such values. A reference mixed with other text (`user:pw@${env:HOST}`)
 * is hidden, since the rest may be secret. Give it the raw config, never a resolved one.
 */
export function maskConfig(config: Readonly<Record<string, string>>, def?: ConfigDef): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const [name, value] of Object.entries(config)) {
    const hidden = isSensitiveConfigKey(name, def) && !isConfigVariableReference(value);
    setOwn(masked, name, hidden ? Password.HIDDEN : value);
  }
  return masked;
}
