import type { ConverterConfigs } from '../converter.js';
import { booleanSetting, ConverterConfigException, intSetting, stringSetting } from '../converter-config.js';
import { parseAvroDataConfig, type AvroDataConfig } from './avro-data-config.js';
import type { CredentialsSource } from './registry-client.js';
import { DEFAULT_SUBJECT_NAME_STRATEGY, subjectNameStrategy, type SubjectNameStrategy } from './subject-name-strategy.js';

const REQUEST_HEADER_PREFIX = 'request.header.';

/**
 * The AvroConverter's settings (AvroConverterConfig = AbstractKafkaSchemaSerDeConfig plus
 * AvroDataConfig), as given under `key.converter.` / `value.converter.`.
 */
export interface AvroConverterConfig {
  /** `schema.registry.url` (required): comma-separated, tried in order. */
  readonly schemaRegistryUrls: readonly string[];
  /** `auto.register.schemas` (true). */
  readonly autoRegisterSchemas: boolean;
  /** `use.latest.version` (false): write with, and read into, the subject's latest schema. */
  readonly useLatestVersion: boolean;
  /** `latest.compatibility.strict` (true): the latest schema must be able to read the record's schema. */
  readonly latestCompatibilityStrict: boolean;
  /** `use.schema.id` (-1 = off): write with this registered schema. */
  readonly useSchemaId: number;
  /** `id.compatibility.strict` (true): that schema must be able to read the record's schema. */
  readonly idCompatibilityStrict: boolean;
  /** `normalize.schemas` (false): the registry normalizes before registering or looking up. */
  readonly normalizeSchemas: boolean;
  readonly keySubjectNameStrategy: SubjectNameStrategy;
  readonly valueSubjectNameStrategy: SubjectNameStrategy;
  /** `basic.auth.credentials.source` (URL) with `basic.auth.user.info`, or `bearer.auth.token`. */
  readonly credentials: CredentialsSource;
  /** `request.header.<name>` settings. */
  readonly requestHeaders: Readonly<Record<string, string>>;
  /** `max.schemas.per.subject` (1000): registry answers cached per subject. */
  readonly maxSchemasPerSubject: number;
  /** `latest.cache.ttl.sec` (-1 = forever), in ms or null. */
  readonly latestCacheTtlMs: number | null;
  /** `http.read.timeout.ms` (60000). */
  readonly httpReadTimeoutMs: number;
  /** `max.retries` (3), `retries.wait.ms` (1000), `retries.max.wait.ms` (20000). */
  readonly maxRetries: number;
  readonly retriesWaitMs: number;
  readonly retriesMaxWaitMs: number;
  /** `avro.fail.on.trailing.data` (false): bytes left after the datum are an error. */
  readonly failOnTrailingData: boolean;
  readonly avroData: AvroDataConfig;
}

export function parseAvroConverterConfig(configs: ConverterConfigs): AvroConverterConfig {
  const urls = stringSetting(configs, 'schema.registry.url', '')
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url !== '');
  if (configs['schema.registry.url'] === undefined) {
    throw new ConverterConfigException('schema.registry.url', 'Missing required configuration "schema.registry.url" which has no default value.');
  }
  if (urls.length === 0) throw ConverterConfigException.invalidValue('schema.registry.url', configs['schema.registry.url'], 'Expected at least one URL');
  for (const url of urls) {
    if (!/^https?:\/\//i.test(url)) throw ConverterConfigException.invalidValue('schema.registry.url', url, 'Only http and https URLs are supported');
  }
  const latestTtl = intSetting(configs, 'latest.cache.ttl.sec', -1);
  return {
    schemaRegistryUrls: urls,
    autoRegisterSchemas: booleanSetting(configs, 'auto.register.schemas', true),
    useLatestVersion: booleanSetting(configs, 'use.latest.version', false),
    latestCompatibilityStrict: booleanSetting(configs, 'latest.compatibility.strict', true),
    useSchemaId: intSetting(configs, 'use.schema.id', -1),
    idCompatibilityStrict: booleanSetting(configs, 'id.compatibility.strict', true),
    normalizeSchemas: booleanSetting(configs, 'normalize.schemas', false),
    keySubjectNameStrategy: subjectNameStrategy('key.subject.name.strategy', stringSetting(configs, 'key.subject.name.strategy', DEFAULT_SUBJECT_NAME_STRATEGY)),
    valueSubjectNameStrategy: subjectNameStrategy(
      'value.subject.name.strategy',
      stringSetting(configs, 'value.subject.name.strategy', DEFAULT_SUBJECT_NAME_STRATEGY),
    ),
    credentials: credentialsOf(configs),
    requestHeaders: requestHeadersOf(configs),
    maxSchemasPerSubject: intSetting(configs, 'max.schemas.per.subject', 1000),
    latestCacheTtlMs: latestTtl < 0 ? null : latestTtl * 1000,
    httpReadTimeoutMs: intSetting(configs, 'http.read.timeout.ms', 60_000),
    maxRetries: intSetting(configs, 'max.retries', 3),
    retriesWaitMs: intSetting(configs, 'retries.wait.ms', 1000),
    retriesMaxWaitMs: intSetting(configs, 'retries.max.wait.ms', 20_000),
    failOnTrailingData: booleanSetting(configs, 'avro.fail.on.trailing.data', false),
    avroData: parseAvroDataConfig(configs),
  };
}

function credentialsOf(configs: ConverterConfigs): CredentialsSource {
  const bearerToken = stringSetting(configs, 'bearer.auth.token', '');
  if (bearerToken !== '' && stringSetting(configs, 'bearer.auth.credentials.source', 'STATIC_TOKEN') === 'STATIC_TOKEN') {
    return { kind: 'bearer', token: bearerToken };
  }
  const source = stringSetting(configs, 'basic.auth.credentials.source', 'URL');
  switch (source) {
    case 'URL':
      return { kind: 'url' };
    case 'USER_INFO': {
      // The deprecated key wins when both are set, as in Confluent's UserInfoCredentialProvider.
      const userInfo = stringSetting(configs, 'schema.registry.basic.auth.user.info', '') || stringSetting(configs, 'basic.auth.user.info', '');
      if (userInfo === '') {
        throw new ConverterConfigException('basic.auth.user.info', 'UserInfo must be provided when basic.auth.credentials.source is set to USER_INFO');
      }
      return { kind: 'basic', userInfo };
    }
    case 'SASL_INHERIT':
      throw ConverterConfigException.invalidValue(
        'basic.auth.credentials.source',
        source,
        'SASL_INHERIT needs the Kafka client SASL/PLAIN settings, which Sluice does not pass to converters; use USER_INFO',
      );
    default:
      throw ConverterConfigException.invalidValue('basic.auth.credentials.source', source, 'String must be one of: URL, USER_INFO, SASL_INHERIT');
  }
}

function requestHeadersOf(configs: ConverterConfigs): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(configs)) {
    if (key.startsWith(REQUEST_HEADER_PREFIX)) headers[key.slice(REQUEST_HEADER_PREFIX.length)] = String(value);
  }
  return headers;
}
