/**
 * Worker configuration (Kafka Connect's WorkerConfig and StandaloneConfig): the keys a
 * connect-standalone.properties file holds, parsed with Kafka's rules and errors.
 */
import { CaseInsensitiveValidString, ConfigDef, ConfigType, Importance, ParsedConfig, Range } from '../config/index.js';

const def = (): ConfigDef =>
  new ConfigDef()
    .define({ name: 'bootstrap.servers', type: ConfigType.LIST, defaultValue: 'localhost:9092', importance: Importance.HIGH, documentation: 'A list of host/port pairs used to establish the initial connection to the Kafka cluster.' })
    .define({ name: 'key.converter', type: ConfigType.CLASS, importance: Importance.HIGH, documentation: 'Converter class used to convert between Kafka Connect format and the serialized form that is written to Kafka (keys).' })
    .define({ name: 'value.converter', type: ConfigType.CLASS, importance: Importance.HIGH, documentation: 'Converter class used to convert between Kafka Connect format and the serialized form that is written to Kafka (values).' })
    .define({ name: 'header.converter', type: ConfigType.CLASS, defaultValue: 'org.apache.kafka.connect.storage.SimpleHeaderConverter', importance: Importance.LOW, documentation: 'HeaderConverter class used for record headers.' })
    .define({ name: 'offset.flush.interval.ms', type: ConfigType.LONG, defaultValue: '60000', validator: Range.atLeast(0), importance: Importance.LOW, documentation: 'Interval at which to try committing offsets for tasks.' })
    .define({ name: 'offset.flush.timeout.ms', type: ConfigType.LONG, defaultValue: '5000', validator: Range.atLeast(0), importance: Importance.LOW, documentation: 'Maximum number of milliseconds to wait for records to flush and partition offset data to be committed to offset storage before cancelling the process.' })
    .define({ name: 'task.shutdown.graceful.timeout.ms', type: ConfigType.LONG, defaultValue: '5000', validator: Range.atLeast(0), importance: Importance.LOW, documentation: 'Amount of time to wait for tasks to shutdown gracefully.' })
    .define({ name: 'plugin.path', type: ConfigType.LIST, defaultValue: null, importance: Importance.LOW, documentation: 'List of directories holding Sluice plugin packages.' })
    .define({ name: 'listeners', type: ConfigType.LIST, defaultValue: 'http://:8083', importance: Importance.LOW, documentation: 'List of comma-separated URIs the REST API will listen on.' })
    .define({ name: 'rest.advertised.host.name', type: ConfigType.STRING, defaultValue: null, importance: Importance.LOW, documentation: 'If this is set, this is the hostname that will be given out to other workers to connect to.' })
    .define({ name: 'rest.advertised.port', type: ConfigType.INT, defaultValue: null, importance: Importance.LOW, documentation: 'If this is set, this is the port that will be given out to other workers to connect to.' })
    .define({ name: 'rest.advertised.listener', type: ConfigType.STRING, defaultValue: null, importance: Importance.LOW, documentation: 'Sets the advertised listener (HTTP or HTTPS).' })
    .define({ name: 'admin.listeners', type: ConfigType.LIST, defaultValue: null, importance: Importance.LOW, documentation: 'List of comma-separated URIs the Admin REST API will listen on.' })
    .define({ name: 'access.control.allow.origin', type: ConfigType.STRING, defaultValue: '', importance: Importance.LOW, documentation: 'Value to set the Access-Control-Allow-Origin header to for REST API requests.' })
    .define({ name: 'access.control.allow.methods', type: ConfigType.STRING, defaultValue: '', importance: Importance.LOW, documentation: 'Sets the methods supported for cross origin requests.' })
    .define({ name: 'response.http.headers.config', type: ConfigType.STRING, defaultValue: '', importance: Importance.LOW, documentation: 'Rules for REST API HTTP response headers.' })
    .define({ name: 'config.providers', type: ConfigType.LIST, defaultValue: '', importance: Importance.LOW, documentation: 'Comma-separated names of ConfigProvider classes.' })
    .define({ name: 'connector.client.config.override.policy', type: ConfigType.STRING, defaultValue: 'All', importance: Importance.MEDIUM, documentation: 'Class name or alias of implementation of ConnectorClientConfigOverridePolicy (None, Principal, All).' })
    .define({ name: 'topic.creation.enable', type: ConfigType.BOOLEAN, defaultValue: 'true', importance: Importance.LOW, documentation: 'Whether to allow automatic creation of topics used by source connectors.' })
    .define({ name: 'topic.tracking.enable', type: ConfigType.BOOLEAN, defaultValue: 'true', importance: Importance.LOW, documentation: 'Enable tracking the set of active topics per connector during runtime.' })
    .define({ name: 'topic.tracking.allow.reset', type: ConfigType.BOOLEAN, defaultValue: 'true', importance: Importance.LOW, documentation: 'If set to true, it allows user requests to reset the set of active topics per connector.' })
    .define({ name: 'client.id', type: ConfigType.STRING, defaultValue: '', importance: Importance.LOW, documentation: 'An id string to pass to the server when making requests.' });

const overridePolicy = CaseInsensitiveValidString.in('All', 'None', 'Principal');

export type OverridePolicy = 'All' | 'None' | 'Principal';

/** A parsed, validated worker config; `originals` keeps every key for client settings. */
export class WorkerConfig {
  readonly parsed: ParsedConfig;

  constructor(readonly originals: Readonly<Record<string, string>>, extra?: (d: ConfigDef) => ConfigDef) {
    const d = extra ? extra(def()) : def();
    this.parsed = new ParsedConfig(d, originals);
  }

  get bootstrapServers(): string {
    return (this.parsed.getList('bootstrap.servers') ?? []).join(',');
  }
  get offsetFlushIntervalMs(): number {
    return this.parsed.getLongAsNumber('offset.flush.interval.ms') ?? 60_000;
  }
  get offsetFlushTimeoutMs(): number {
    return this.parsed.getLongAsNumber('offset.flush.timeout.ms') ?? 5000;
  }
  get gracefulShutdownTimeoutMs(): number {
    return this.parsed.getLongAsNumber('task.shutdown.graceful.timeout.ms') ?? 5000;
  }
  get pluginPath(): readonly string[] {
    return this.parsed.getList('plugin.path') ?? [];
  }
  get listeners(): readonly string[] {
    return this.parsed.getList('listeners') ?? ['http://:8083'];
  }
  get topicCreationEnabled(): boolean {
    return this.parsed.getBoolean('topic.creation.enable') ?? true;
  }
  get topicTrackingEnabled(): boolean {
    return this.parsed.getBoolean('topic.tracking.enable') ?? true;
  }
  get topicTrackingResetAllowed(): boolean {
    return this.parsed.getBoolean('topic.tracking.allow.reset') ?? true;
  }
  get overridePolicy(): OverridePolicy {
    const raw = this.parsed.getString('connector.client.config.override.policy') ?? 'All';
    const simple = raw.slice(raw.lastIndexOf('.') + 1).replace(/ConnectorClientConfigOverridePolicy$/, '');
    overridePolicy.ensureValid('connector.client.config.override.policy', simple);
    return (simple.charAt(0).toUpperCase() + simple.slice(1).toLowerCase()) as OverridePolicy;
  }
  get clientId(): string {
    return this.parsed.getString('client.id') ?? '';
  }
}

/** connect-standalone's extra key. */
export function standaloneWorkerConfig(originals: Readonly<Record<string, string>>): WorkerConfig {
  return new WorkerConfig(originals, (d) =>
    d.define({ name: 'offset.storage.file.filename', type: ConfigType.STRING, importance: Importance.HIGH, documentation: 'File to store offset data in' }),
  );
}
