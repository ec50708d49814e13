import { ConfigException } from './config-exception.js';
import { ConfigKey, type ConfigKeyDefinition, type Recommender } from './config-key.js';
import { type ConfigProps, type ParsedConfigValues, type ParsedValue, type RawConfigValue } from './config-types.js';
import { ConfigValue } from './config-value.js';
import { parseType, type ParseOptions } from './parse-type.js';
import { LambdaValidator, type Validator } from './validators.js';

/** What to do when merging a definition that has a key this one already has. */
export type MergeConflict = 'error' | 'keep' | 'replace';

/**
 * The definition of a set of config keys (Kafka's ConfigDef): types, defaults, validators,
 * documentation and the grouping that Connect's REST API reports. Keys keep definition order.
 */
export class ConfigDef {
  readonly #keys: Map<string, ConfigKey>;
  readonly #groups: string[];

  /** An empty definition, or a copy of `base` that can be extended without touching it. */
  constructor(base?: ConfigDef) {
    this.#keys = base === undefined ? new Map() : new Map(base.#keys);
    this.#groups = base === undefined ? [] : [...base.#groups];
  }

  define(key: ConfigKeyDefinition | ConfigKey): this {
    const configKey = key instanceof ConfigKey ? key : new ConfigKey(key);
    if (this.#keys.has(configKey.name)) throw new ConfigException(`Configuration ${configKey.name} is defined twice.`);
    this.#add(configKey);
    return this;
  }

  #add(key: ConfigKey): void {
    if (key.group !== null && !this.#groups.includes(key.group)) this.#groups.push(key.group);
    this.#keys.set(key.name, key);
  }

  configKeys(): ReadonlyMap<string, ConfigKey> {
    return this.#keys;
  }

  configKey(name: string): ConfigKey | undefined {
    return this.#keys.get(name);
  }

  /** Group names in order of first definition. */
  groups(): readonly string[] {
    return this.#groups;
  }

  names(): string[] {
    return [...this.#keys.keys()];
  }

  defaultValues(): Map<string, ParsedValue> {
    const defaults = new Map<string, ParsedValue>();
    for (const key of this.#keys.values()) {
      if (key.hasDefault()) defaults.set(key.name, key.defaultValue as ParsedValue);
    }
    return defaults;
  }

  /**
   * Parses every defined key; throws ConfigException at the first bad, missing or invalid value.
   * Keys not defined here are ignored.
   */
  parse(props: ConfigProps, options: ParseOptions = {}): Map<string, ParsedValue> {
    const undefinedDependents = this.#undefinedDependents();
    if (undefinedDependents.length > 0) {
      throw new ConfigException(
        `Some configurations in are referred in the dependents, but not defined: ${undefinedDependents.join(',')}`,
      );
    }
    const values = new Map<string, ParsedValue>();
    for (const key of this.#keys.values()) values.set(key.name, parseValue(key, props, options));
    return values;
  }

  /**
   * Validates without stopping at the first problem: one ConfigValue per key with every parse,
   * required-key and validator error, then the recommenders' values and visibility computed from
   * everything parsed (Kafka's validateAll). Keys in definition order.
   */
  validateAll(props: ConfigProps, options: ParseOptions = {}): Map<string, ConfigValue> {
    const results = new Map<string, ConfigValue>();
    const parsed = new Map<string, ParsedValue>();
    for (const key of this.#keys.values()) {
      const result = new ConfigValue(key.name);
      parseForValidate(key, props, options, result);
      results.set(key.name, result);
      parsed.set(key.name, result.value);
    }
    for (const key of this.#keys.values()) {
      const result = results.get(key.name);
      if (key.recommender !== null && result !== undefined) applyRecommender(key.name, key.recommender, parsed, result);
    }
    for (const name of this.#undefinedDependents()) {
      const result = new ConfigValue(name);
      result.addErrorMessage(`${name} is referred in the dependents, but not defined.`);
      result.visible = false;
      results.set(name, result);
    }
    return results;
  }

  validate(props: ConfigProps, options: ParseOptions = {}): ConfigValue[] {
    return [...this.validateAll(props, options).values()];
  }

  /**
   * Adds `child`'s keys under `keyPrefix`, in the group `groupPrefix` (or `groupPrefix: childGroup`),
   * numbered from `startingOrder` in the child's documentation order. This is how Connect adds a
   * transform's keys as `transforms.<alias>.*` in the group `Transforms: <alias>`. As in Kafka, the
   * child's validators still see the unprefixed key name, so their messages name it that way.
   */
  embed(keyPrefix: string, groupPrefix: string, startingOrder: number, child: ConfigDef): this {
    let order = startingOrder;
    for (const key of child.sortedKeys()) {
      this.define({
        ...key.toDefinition(),
        name: keyPrefix + key.name,
        validator: embeddedValidator(keyPrefix, key.validator),
        group: groupPrefix + (key.group === null ? '' : `: ${key.group}`),
        orderInGroup: order++,
        dependents: key.dependents.map((dependent) => keyPrefix + dependent),
        recommender: embeddedRecommender(keyPrefix, key.recommender),
      });
    }
    return this;
  }

  /**
   * Adds `other`'s keys (and groups) to this definition. On a shared key: `error` throws as define
   * does, `keep` keeps this definition's key, `replace` takes `other`'s in the same position.
   */
  merge(other: ConfigDef, onConflict: MergeConflict = 'error'): this {
    for (const key of other.#keys.values()) {
      if (!this.#keys.has(key.name)) this.#add(key);
      else if (onConflict === 'replace') this.#add(key);
      else if (onConflict === 'error') throw new ConfigException(`Configuration ${key.name} is defined twice.`);
    }
    for (const group of other.#groups) if (!this.#groups.includes(group)) this.#groups.push(group);
    return this;
  }

  /**
   * Keys in Kafka's documentation order: ungrouped first, then by group (definition order of the
   * groups), by order in group, required before optional, by importance, by name.
   */
  sortedKeys(): ConfigKey[] {
    const groupOrder = new Map(this.#groups.map((group, index) => [group, index]));
    const importanceRank = { HIGH: 0, MEDIUM: 1, LOW: 2 } as const;
    return [...this.#keys.values()].sort((a, b) => {
      if (a.group !== b.group) {
        if (a.group === null) return -1;
        if (b.group === null) return 1;
        return (groupOrder.get(a.group) ?? 0) - (groupOrder.get(b.group) ?? 0);
      }
      if (a.orderInGroup !== b.orderInGroup) return a.orderInGroup - b.orderInGroup;
      if (a.hasDefault() !== b.hasDefault()) return a.hasDefault() ? 1 : -1;
      if (a.importance !== b.importance) return importanceRank[a.importance] - importanceRank[b.importance];
      return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    });
  }

  #undefinedDependents(): string[] {
    const missing = new Set<string>();
    for (const key of this.#keys.values()) {
      for (const dependent of key.dependents) if (!this.#keys.has(dependent)) missing.add(dependent);
    }
    return [...missing];
  }
}

function suppliedValue(props: ConfigProps, name: string): { set: true; value: RawConfigValue } | { set: false } {
  if (!Object.hasOwn(props, name)) return { set: false };
  const value = props[name];
  return value === undefined ? { set: false } : { set: true, value };
}

function parseValue(key: ConfigKey, props: ConfigProps, options: ParseOptions): ParsedValue {
  const supplied = suppliedValue(props, key.name);
  let value: ParsedValue;
  if (supplied.set) value = parseType(key.name, supplied.value, key.type, options);
  else if (key.hasDefault()) value = key.defaultValue as ParsedValue;
  else throw ConfigException.missingRequired(key.name);
  key.validator?.ensureValid(key.name, value);
  return value;
}

// As Kafka does, the validator also runs after a parse error or a missing value (seeing null), so a
// bad number can carry both "Not a number" and "Value must be non-null".
function parseForValidate(key: ConfigKey, props: ConfigProps, options: ParseOptions, result: ConfigValue): void {
  const supplied = suppliedValue(props, key.name);
  let value: ParsedValue = null;
  if (supplied.set) {
    try {
      value = parseType(key.name, supplied.value, key.type, options);
    } catch (error) {
      if (!(error instanceof ConfigException)) throw error;
      result.addErrorMessage(error.message);
    }
  } else if (key.hasDefault()) {
    value = key.defaultValue as ParsedValue;
  } else {
    result.addErrorMessage(ConfigException.missingRequired(key.name).message);
  }
  if (key.validator !== null) {
    try {
      key.validator.ensureValid(key.name, value);
    } catch (error) {
      if (!(error instanceof ConfigException)) throw error;
      result.addErrorMessage(error.message);
    }
  }
  result.value = value;
}

function applyRecommender(name: string, recommender: Recommender, parsed: ParsedConfigValues, result: ConfigValue): void {
  try {
    result.recommendedValues = [...recommender.validValues(name, parsed)];
    result.visible = recommender.visible(name, parsed);
  } catch (error) {
    if (!(error instanceof ConfigException)) throw error;
    result.addErrorMessage(error.message);
  }
}

function embeddedValidator(keyPrefix: string, base: Validator | null): Validator | null {
  if (base === null) return null;
  return LambdaValidator.with(
    (name, value) => base.ensureValid(name.slice(keyPrefix.length), value),
    () => base.toString(),
  );
}

function embeddedRecommender(keyPrefix: string, base: Recommender | null): Recommender | null {
  if (base === null) return null;
  const unprefixed = (parsed: ParsedConfigValues): Map<string, ParsedValue> => {
    const result = new Map<string, ParsedValue>();
    for (const [name, value] of parsed) if (name.startsWith(keyPrefix)) result.set(name.slice(keyPrefix.length), value);
    return result;
  };
  return {
    validValues: (name, parsed) => base.validValues(name.slice(keyPrefix.length), unprefixed(parsed)),
    visible: (name, parsed) => base.visible(name.slice(keyPrefix.length), unprefixed(parsed)),
  };
}
