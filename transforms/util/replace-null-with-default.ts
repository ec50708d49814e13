import { ConfigType, Importance, type ConfigKeyDefinition } from '../../src/config/index.js';
import type { Field, Struct } from '../../src/data/index.js';

export const REPLACE_NULL_WITH_DEFAULT_CONFIG = 'replace.null.with.default';

/** The `replace.null.with.default` key (default true) as Kafka's transforms define it. */
export const REPLACE_NULL_WITH_DEFAULT_DEFINITION: ConfigKeyDefinition = {
  name: REPLACE_NULL_WITH_DEFAULT_CONFIG,
  type: ConfigType.BOOLEAN,
  defaultValue: true,
  importance: Importance.MEDIUM,
  documentation:
    'Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.',
};

/** A field's value, with a null replaced by the field's default when `replaceNullWithDefault`. */
export function fieldValue(struct: Struct, field: Field, replaceNullWithDefault: boolean): unknown {
  return replaceNullWithDefault ? struct.get(field) : struct.getWithoutDefault(field.name());
}
