import type { ConverterConfigs } from '../converter.js';
import { booleanSetting, intSetting } from '../converter-config.js';

/** Confluent's AvroDataConfig (and AbstractDataConfig): how Connect schemas and Avro schemas map. */
export interface AvroDataConfig {
  /** `connect.meta.data` (true): write `connect.name`, `connect.version`, ... props, and read them back. */
  readonly connectMetaData: boolean;
  /** `enhanced.avro.schema.support` (false): Avro enums round-trip, union fields named by full name. */
  readonly enhancedSchemaSupport: boolean;
  /** `generalized.sum.type.support` (false): unions and enums as Connect's generic Union/Enum parameters. */
  readonly generalizedSumTypeSupport: boolean;
  /** `ignore.default.for.nullables` (false): a null optional field is written as null, not as its default. */
  readonly ignoreDefaultForNullables: boolean;
  /** `scrub.invalid.names` (false): names Avro rejects are rewritten (URL-encoded, then `_`). */
  readonly scrubInvalidNames: boolean;
  /** `discard.type.doc.default` (false, deprecated): keep only field docs and defaults. */
  readonly discardTypeDocDefault: boolean;
  /** `allow.optional.map.keys` (false): an optional STRING key still makes an Avro map. */
  readonly allowOptionalMapKeys: boolean;
  /** `flatten.singleton.unions` (true): a one-branch union reads as that branch. */
  readonly flattenSingletonUnions: boolean;
  /** `schemas.cache.config` (1000, at least 1): converted schemas kept per direction. */
  readonly schemasCacheSize: number;
}

export const DEFAULT_AVRO_DATA_CONFIG: AvroDataConfig = Object.freeze({
  connectMetaData: true,
  enhancedSchemaSupport: false,
  generalizedSumTypeSupport: false,
  ignoreDefaultForNullables: false,
  scrubInvalidNames: false,
  discardTypeDocDefault: false,
  allowOptionalMapKeys: false,
  flattenSingletonUnions: true,
  schemasCacheSize: 1000,
});

export function parseAvroDataConfig(configs: ConverterConfigs): AvroDataConfig {
  const defaults = DEFAULT_AVRO_DATA_CONFIG;
  return {
    connectMetaData: booleanSetting(configs, 'connect.meta.data', defaults.connectMetaData),
    enhancedSchemaSupport: booleanSetting(configs, 'enhanced.avro.schema.support', defaults.enhancedSchemaSupport),
    generalizedSumTypeSupport: booleanSetting(configs, 'generalized.sum.type.support', defaults.generalizedSumTypeSupport),
    ignoreDefaultForNullables: booleanSetting(configs, 'ignore.default.for.nullables', defaults.ignoreDefaultForNullables),
    scrubInvalidNames: booleanSetting(configs, 'scrub.invalid.names', defaults.scrubInvalidNames),
    discardTypeDocDefault: booleanSetting(configs, 'discard.type.doc.default', defaults.discardTypeDocDefault),
    allowOptionalMapKeys: booleanSetting(configs, 'allow.optional.map.keys', defaults.allowOptionalMapKeys),
    flattenSingletonUnions: booleanSetting(configs, 'flatten.singleton.unions', defaults.flattenSingletonUnions),
    schemasCacheSize: Math.max(1, intSetting(configs, 'schemas.cache.config', defaults.schemasCacheSize)),
  };
}
