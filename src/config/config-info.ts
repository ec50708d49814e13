// Kafka Connect's REST shapes for config definitions and validation results (ConfigKeyInfo,
// ConfigValueInfo, ConfigInfo, ConfigInfos), as plain JSON-ready data. Property order matches the
// order Jackson writes them in.
import type { ConfigDef } from './config-def.js';
import type { ConfigKey } from './config-key.js';
import { NO_DEFAULT_VALUE, type ConfigType } from './config-types.js';
import { ConfigValue } from './config-value.js';
import { convertToString } from './parse-type.js';

/** An entry of `GET /connector-plugins/{plugin}/config`, and the `definition` of a validation entry. */
export interface ConfigKeyInfo {
  name: string;
  type: ConfigType;
  required: boolean;
  default_value: string | null;
  importance: string;
  documentation: string | null;
  group: string | null;
  width: string;
  display_name: string | null;
  dependents: string[];
  order: number;
}

/** The `value` of a validation entry. */
export interface ConfigValueInfo {
  name: string;
  value: string | null;
  recommended_values: Array<string | null>;
  errors: string[];
  visible: boolean;
}

export interface ConfigInfo {
  definition: ConfigKeyInfo | null;
  value: ConfigValueInfo | null;
}

/** The body of `PUT /connector-plugins/{plugin}/config/validate`. */
export interface ConfigInfos {
  name: string;
  error_count: number;
  groups: string[];
  configs: ConfigInfo[];
}

/** A key's definition as REST shows it: required when it has no default; default rendered as a string. */
export function toConfigKeyInfo(key: ConfigKey, prefix = ''): ConfigKeyInfo {
  const defaultValue = key.defaultValue;
  return {
    name: prefix + key.name,
    type: key.type,
    required: defaultValue === NO_DEFAULT_VALUE,
    default_value: defaultValue === NO_DEFAULT_VALUE ? null : convertToString(defaultValue, key.type),
    importance: key.importance,
    documentation: key.documentation,
    group: key.group,
    width: key.width,
    display_name: key.displayName,
    dependents: [...key.dependents],
    order: key.orderInGroup,
  };
}

/** Every key of a definition, in definition order. */
export function toConfigKeyInfos(def: ConfigDef): ConfigKeyInfo[] {
  return [...def.configKeys().values()].map((key) => toConfigKeyInfo(key));
}

/**
 * A validated value as REST shows it: rendered by the key's type (passwords as `[hidden]`, lists
 * comma-joined); recommendations of a LIST key are rendered as single strings.
 */
export function toConfigValueInfo(value: ConfigValue, type: ConfigType | null): ConfigValueInfo {
  const recommendationType = type === 'LIST' ? 'STRING' : type;
  return {
    name: value.name,
    value: convertToString(value.value, type),
    recommended_values: value.recommendedValues.map((recommended) => convertToString(recommended, recommendationType)),
    errors: [...value.errorMessages],
    visible: value.visible,
  };
}

export function toConfigInfo(key: ConfigKey | null, value: ConfigValue | null): ConfigInfo {
  return {
    definition: key === null ? null : toConfigKeyInfo(key),
    value: value === null ? null : toConfigValueInfo(value, key?.type ?? null),
  };
}

/**
 * Kafka's AbstractHerder.generateResult: values without a definition first (definition null),
 * then one entry per defined key in definition order (value null when it was not validated).
 * error_count counts error messages.
 */
export function buildConfigInfos(
  connectorClass: string,
  configKeys: ReadonlyMap<string, ConfigKey>,
  configValues: Iterable<ConfigValue>,
  groups: readonly string[],
): ConfigInfos {
  let errorCount = 0;
  const configs: ConfigInfo[] = [];
  const valuesByName = new Map<string, ConfigValue>();
  for (const value of configValues) {
    valuesByName.set(value.name, value);
    if (!configKeys.has(value.name)) {
      configs.push(toConfigInfo(null, value));
      errorCount += value.errorMessages.length;
    }
  }
  for (const [name, key] of configKeys) {
    const value = valuesByName.get(name) ?? null;
    if (value !== null) errorCount += value.errorMessages.length;
    configs.push(toConfigInfo(key, value));
  }
  return { name: connectorClass, error_count: errorCount, groups: [...groups], configs };
}

/**
 * Kafka's prefixedConfigInfos, used for converter and client-override sections: names get the
 * prefix, visibility is reset to true (as Kafka rebuilds the values), and error_count counts keys
 * with errors rather than messages. The name is empty; mergeConfigInfos supplies the real one.
 */
export function prefixedConfigInfos(
  configKeys: ReadonlyMap<string, ConfigKey>,
  configValues: Iterable<ConfigValue>,
  prefix: string,
): ConfigInfos {
  let errorCount = 0;
  const groups: string[] = [];
  const configs: ConfigInfo[] = [];
  for (const validated of configValues) {
    const key = configKeys.get(validated.name) ?? null;
    if (key?.group != null && !groups.includes(key.group)) groups.push(key.group);
    const value = new ConfigValue(prefix + validated.name, validated.value, validated.recommendedValues, [...validated.errorMessages]);
    if (value.errorMessages.length > 0) errorCount++;
    configs.push({
      definition: key === null ? null : toConfigKeyInfo(key, prefix),
      value: toConfigValueInfo(value, key?.type ?? null),
    });
  }
  return { name: '', error_count: errorCount, groups, configs };
}

/** Concatenates validation sections under one connector class name, summing error counts and uniting groups. */
export function mergeConfigInfos(connectorClass: string, ...sections: ReadonlyArray<ConfigInfos | null | undefined>): ConfigInfos {
  let errorCount = 0;
  const groups: string[] = [];
  const configs: ConfigInfo[] = [];
  for (const section of sections) {
    if (section == null) continue;
    errorCount += section.error_count;
    configs.push(...section.configs);
    for (const group of section.groups) if (!groups.includes(group)) groups.push(group);
  }
  return { name: connectorClass, error_count: errorCount, groups, configs };
}
