import {
  NO_DEFAULT_VALUE,
  Width,
  type ConfigType,
  type Importance,
  type NoDefaultValue,
  type ParsedConfigValues,
  type ParsedValue,
  type RawConfigValue,
} from './config-types.js';
import { parseType } from './parse-type.js';
import type { Validator } from './validators.js';

/** Suggests values and visibility for a key from the rest of the parsed config (Kafka's Recommender). */
export interface Recommender {
  validValues(name: string, parsedConfig: ParsedConfigValues): ParsedValue[];
  visible(name: string, parsedConfig: ParsedConfigValues): boolean;
}

/** What `ConfigDef.define` takes. Leaving out `defaultValue` makes the key required; `null` is a real default. */
export interface ConfigKeyDefinition {
  readonly name: string;
  readonly type: ConfigType;
  readonly defaultValue?: RawConfigValue | NoDefaultValue;
  readonly validator?: Validator | null;
  readonly importance: Importance;
  readonly documentation: string | null;
  readonly group?: string | null;
  /** Position within the group; Kafka's default is -1. */
  readonly orderInGroup?: number;
  readonly width?: Width;
  /** Defaults to the key name. */
  readonly displayName?: string | null;
  /** Keys whose recommendations depend on this one. */
  readonly dependents?: readonly string[];
  readonly recommender?: Recommender | null;
  /** Internal keys are parsed like any other but left out of generated docs. */
  readonly internal?: boolean;
}

/** One defined key. The default is parsed (and validated) when the key is defined, as Kafka does. */
export class ConfigKey {
  readonly name: string;
  readonly type: ConfigType;
  readonly defaultValue: ParsedValue | NoDefaultValue;
  readonly validator: Validator | null;
  readonly importance: Importance;
  readonly documentation: string | null;
  readonly group: string | null;
  readonly orderInGroup: number;
  readonly width: Width;
  readonly displayName: string | null;
  readonly dependents: readonly string[];
  readonly recommender: Recommender | null;
  readonly internal: boolean;

  constructor(definition: ConfigKeyDefinition) {
    this.name = definition.name;
    this.type = definition.type;
    const rawDefault = definition.defaultValue === undefined ? NO_DEFAULT_VALUE : definition.defaultValue;
    this.defaultValue = rawDefault === NO_DEFAULT_VALUE ? NO_DEFAULT_VALUE : parseType(this.name, rawDefault, this.type);
    this.validator = definition.validator ?? null;
    if (this.validator !== null && this.defaultValue !== NO_DEFAULT_VALUE) {
      this.validator.ensureValid(this.name, this.defaultValue);
    }
    this.importance = definition.importance;
    this.documentation = definition.documentation;
    this.group = definition.group ?? null;
    this.orderInGroup = definition.orderInGroup ?? -1;
    this.width = definition.width ?? Width.NONE;
    this.displayName = definition.displayName === undefined ? this.name : definition.displayName;
    this.dependents = [...(definition.dependents ?? [])];
    this.recommender = definition.recommender ?? null;
    this.internal = definition.internal ?? false;
  }

  hasDefault(): boolean {
    return this.defaultValue !== NO_DEFAULT_VALUE;
  }

  /** The fields as a definition, to derive a changed copy. Defaults stay parsed values, which parse to themselves. */
  toDefinition(): ConfigKeyDefinition {
    return {
      name: this.name,
      type: this.type,
      defaultValue: this.defaultValue,
      validator: this.validator,
      importance: this.importance,
      documentation: this.documentation,
      group: this.group,
      orderInGroup: this.orderInGroup,
      width: this.width,
      displayName: this.displayName,
      dependents: this.dependents,
      recommender: this.recommender,
      internal: this.internal,
    };
  }
}
