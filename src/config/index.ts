// Sluice's configuration layer: Kafka's ConfigDef rules, Connect's REST shapes for definitions and
// validation results, .properties and JSON config files, config providers and secret masking.
export { ConfigDef, type MergeConflict } from './config-def.js';
export { ConfigException } from './config-exception.js';
export {
  buildConfigInfos,
  mergeConfigInfos,
  prefixedConfigInfos,
  toConfigInfo,
  toConfigKeyInfo,
  toConfigKeyInfos,
  toConfigValueInfo,
  type ConfigInfo,
  type ConfigInfos,
  type ConfigKeyInfo,
  type ConfigValueInfo,
} from './config-info.js';
export { ConfigKey, type ConfigKeyDefinition, type Recommender } from './config-key.js';
export {
  ConfigType,
  Importance,
  NO_DEFAULT_VALUE,
  Width,
  type ConfigProps,
  type NoDefaultValue,
  type ParsedConfigValues,
  type ParsedValue,
  type RawConfigValue,
} from './config-types.js';
export { ConfigValue } from './config-value.js';
export {
  parseConfigFile,
  parseConfigText,
  readConnectorConfigFile,
  type ConfigFile,
  type ConfigFileFormat,
  type ConfigFileShape,
  type ConfigTextOptions,
  type InitialState,
} from './config-file.js';
export { findConfigVariables, isConfigVariableReference, type ConfigVariable } from './config-variables.js';
export { isSensitiveConfigKey, maskConfig } from './masking.js';
export { convertToString, parseType, type ParseOptions } from './parse-type.js';
export { ParsedConfig } from './parsed-config.js';
export { withPrefix } from './prefixed.js';
export { Password } from './password.js';
export { formatProperties, parseProperties, type PropertiesFormatOptions, type PropertiesParseOptions } from './properties.js';
export {
  CONFIG_PROVIDERS_CONFIG,
  ConfigProviderRegistry,
  DirectoryConfigProvider,
  EnvVarConfigProvider,
  FileConfigProvider,
  WorkerConfigProviders,
  resolveConfig,
  type ConfigData,
  type ConfigProvider,
  type ConfigProviderFactory,
  type ConfigProviderLookup,
  type ResolvedConfig,
} from './providers.js';
export {
  CaseInsensitiveValidString,
  CompositeValidator,
  LambdaValidator,
  ListSize,
  NonEmptyString,
  NonEmptyStringWithoutControlChars,
  NonNullValidator,
  Range,
  ValidList,
  ValidString,
  type Validator,
} from './validators.js';
