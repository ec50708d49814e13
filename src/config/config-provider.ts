/** What a provider returns for one path. */
export interface ConfigData {
  readonly data: Readonly<Record<string, string>>;
  /** Milliseconds after which the values should be read again (Kafka's TTL; Connect restarts the connector). */
  readonly ttl?: number;
  /** Problems worth logging that did not stop the lookup, e.g. a path outside `allowed.paths`. */
  readonly warnings?: readonly string[];
}

/**
 * A source of config values referenced as `${alias:path:key}` (Kafka's ConfigProvider). Built
 * from `config.providers.<alias>.class`; `configure` receives `config.providers.<alias>.param.*`
 * with the prefix removed. `get` throws ConfigException when the lookup itself fails (an
 * unreadable file); keys it simply does not have are left out of `data`.
 */
export interface ConfigProvider {
  configure(params: Readonly<Record<string, string>>): void | Promise<void>;
  get(path: string, keys: ReadonlySet<string>): ConfigData | Promise<ConfigData>;
  close?(): void | Promise<void>;
}

/** Anything that finds a provider by alias: WorkerConfigProviders, or a plain Map. */
export interface ConfigProviderLookup {
  get(alias: string): ConfigProvider | undefined;
}
