import type { ConfigProviderLookup } from './config-provider.js';
import { findConfigVariables, type ConfigVariable } from './config-variables.js';
import { setOwn } from './own-record.js';

export interface ResolvedConfig {
  /** Every key of the input, with resolvable references replaced. */
  readonly config: Record<string, string>;
  /** Reload delays in ms by path, from providers that set a TTL. */
  readonly ttls: ReadonlyMap<string, number>;
  /** One line per reference left unresolved or path refused; references only, never values. */
  readonly warnings: readonly string[];
}

/**
 * Replaces `${provider:path:key}` references in config values (Kafka's ConfigTransformer). Each
 * provider is asked once per path for all keys wanted there. A reference to an unknown provider,
 * or to a key the provider does not have, stays as written, as in Kafka, with a warning. A
 * provider whose lookup fails (unreadable file, a path given to the env provider) rejects the
 * whole resolution with its ConfigException. Replacements are not scanned again.
 *
 * Resolve only where the value is used (starting connectors and tasks, validation); store and show
 * the raw config, so that secrets stay behind their references.
 */
export async function resolveConfig(raw: Readonly<Record<string, string>>, providers: ConfigProviderLookup): Promise<ResolvedConfig> {
  const variablesByKey = new Map<string, ConfigVariable[]>();
  const wanted = new Map<string, Map<string, Set<string>>>();
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string') continue;
    const variables = findConfigVariables(value);
    if (variables.length === 0) continue;
    variablesByKey.set(key, variables);
    for (const variable of variables) {
      const byPath = wanted.get(variable.provider) ?? new Map<string, Set<string>>();
      wanted.set(variable.provider, byPath);
      const keys = byPath.get(variable.path) ?? new Set<string>();
      byPath.set(variable.path, keys);
      keys.add(variable.key);
    }
  }

  const warnings = new Set<string>();
  const ttls = new Map<string, number>();
  const found = new Map<string, Map<string, Readonly<Record<string, string>>>>();
  for (const [alias, byPath] of wanted) {
    const provider = providers.get(alias);
    if (provider === undefined) continue;
    const dataByPath = new Map<string, Readonly<Record<string, string>>>();
    found.set(alias, dataByPath);
    for (const [path, keys] of byPath) {
      const result = await provider.get(path, keys);
      dataByPath.set(path, result.data);
      if (result.ttl !== undefined && result.ttl >= 0) ttls.set(path, result.ttl);
      for (const warning of result.warnings ?? []) warnings.add(warning);
    }
  }

  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const variables = variablesByKey.get(key);
    setOwn(config, key, variables === undefined ? value : substitute(key, value, variables, found, warnings));
  }
  return { config, ttls, warnings: [...warnings] };
}

function substitute(
  configKey: string,
  value: string,
  variables: readonly ConfigVariable[],
  found: ReadonlyMap<string, ReadonlyMap<string, Readonly<Record<string, string>>>>,
  warnings: Set<string>,
): string {
  let out = '';
  let position = 0;
  for (const variable of variables) {
    out += value.slice(position, variable.index);
    position = variable.index + variable.text.length;
    const data = found.get(variable.provider)?.get(variable.path);
    if (data === undefined) {
      warnings.add(`Config '${configKey}' refers to ${variable.text}, but no config provider '${variable.provider}' is configured; left unresolved`);
      out += variable.text;
    } else if (!Object.hasOwn(data, variable.key)) {
      warnings.add(`Config '${configKey}' refers to ${variable.text}, which provider '${variable.provider}' could not resolve; left unresolved`);
      out += variable.text;
    } else {
      out += data[variable.key];
    }
  }
  return out + value.slice(position);
}
