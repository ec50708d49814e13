// Config providers for a worker: the registry of provider classes, and the providers a worker
// config sets up with config.providers=<aliases> and config.providers.<alias>.class / .param.*.
import { ConfigException } from './config-exception.js';
import type { ConfigProvider, ConfigProviderLookup } from './config-provider.js';
import { DirectoryConfigProvider } from './directory-config-provider.js';
import { EnvVarConfigProvider } from './env-var-config-provider.js';
import { FileConfigProvider } from './file-config-provider.js';
import { withPrefix } from './prefixed.js';

export type { ConfigData, ConfigProvider, ConfigProviderLookup } from './config-provider.js';
export { resolveConfig, type ResolvedConfig } from './config-transformer.js';
export { DirectoryConfigProvider, EnvVarConfigProvider, FileConfigProvider };

export const CONFIG_PROVIDERS_CONFIG = 'config.providers';

export type ConfigProviderFactory = () => ConfigProvider;

/**
 * Provider classes by name. As Connect's plugin aliases do, each class is also found by its
 * simple name and by that name without `ConfigProvider` (FileConfigProvider, File), unless
 * two classes claim the same alias.
 */
export class ConfigProviderRegistry {
  readonly #factories = new Map<string, ConfigProviderFactory>();
  readonly #aliases = new Map<string, Set<string>>();

  /** The registry with Kafka's three providers; `environment` feeds the env provider (default: process.env). */
  static withBuiltIns(options: { environment?: Readonly<Record<string, string | undefined>> } = {}): ConfigProviderRegistry {
    return new ConfigProviderRegistry()
      .register(FileConfigProvider.CLASS_NAME, () => new FileConfigProvider())
      .register(EnvVarConfigProvider.CLASS_NAME, () => new EnvVarConfigProvider(options.environment))
      .register(DirectoryConfigProvider.CLASS_NAME, () => new DirectoryConfigProvider());
  }

  register(className: string, factory: ConfigProviderFactory): this {
    if (this.#factories.has(className)) throw new ConfigException(`Config provider ${className} is already registered`);
    this.#factories.set(className, factory);
    const simpleName = className.slice(className.lastIndexOf('.') + 1);
    const aliases = [simpleName];
    if (simpleName.endsWith('ConfigProvider') && simpleName !== 'ConfigProvider') aliases.push(simpleName.slice(0, -'ConfigProvider'.length));
    for (const alias of aliases) {
      const classes = this.#aliases.get(alias) ?? new Set<string>();
      classes.add(className);
      this.#aliases.set(alias, classes);
    }
    return this;
  }

  /** The factory for a class name or an unambiguous alias. */
  factoryFor(classOrAlias: string): ConfigProviderFactory | undefined {
    const direct = this.#factories.get(classOrAlias);
    if (direct !== undefined) return direct;
    const classes = this.#aliases.get(classOrAlias);
    if (classes === undefined || classes.size !== 1) return undefined;
    const [className] = classes;
    return className === undefined ? undefined : this.#factories.get(className);
  }

  classNames(): string[] {
    return [...this.#factories.keys()];
  }
}

/** The providers a worker set up, by alias. Close them when the worker stops. */
export class WorkerConfigProviders implements ConfigProviderLookup {
  readonly #providers: ReadonlyMap<string, ConfigProvider>;
  /** Aliases listed without a class, and the like: worth a log line, not a failure (as in Connect). */
  readonly warnings: readonly string[];

  constructor(providers: ReadonlyMap<string, ConfigProvider>, warnings: readonly string[] = []) {
    this.#providers = providers;
    this.warnings = warnings;
  }

  /**
   * Creates and configures the providers a worker config names. Reads the raw worker config;
   * parameters are passed without variable resolution, as Connect does. Throws ConfigException
   * for a class that no registered provider matches.
   */
  static async fromWorkerConfig(
    workerConfig: Readonly<Record<string, string>>,
    registry: ConfigProviderRegistry = ConfigProviderRegistry.withBuiltIns(),
  ): Promise<WorkerConfigProviders> {
    const listed = Object.hasOwn(workerConfig, CONFIG_PROVIDERS_CONFIG) ? workerConfig[CONFIG_PROVIDERS_CONFIG] ?? '' : '';
    const aliases = listed.split(',').map((alias) => alias.trim()).filter((alias) => alias !== '');
    const providers = new Map<string, ConfigProvider>();
    const warnings: string[] = [];
    for (const alias of aliases) {
      const prefix = `${CONFIG_PROVIDERS_CONFIG}.${alias}`;
      const classKey = `${prefix}.class`;
      if (!Object.hasOwn(workerConfig, classKey)) {
        warnings.push(`Config provider '${alias}' is listed in ${CONFIG_PROVIDERS_CONFIG} but ${classKey} is not set; its references stay unresolved`);
        continue;
      }
      const className = (workerConfig[classKey] ?? '').trim();
      const factory = registry.factoryFor(className);
      if (factory === undefined) {
        throw new ConfigException(
          `Failed to find any class that implements ConfigProvider and which name matches ${className}, ` +
            `available ConfigProviders are: ${registry.classNames().join(', ')}`,
          { configName: classKey },
        );
      }
      const provider = factory();
      await provider.configure(withPrefix(workerConfig, `${prefix}.param.`));
      providers.set(alias, provider);
    }
    return new WorkerConfigProviders(providers, warnings);
  }

  get(alias: string): ConfigProvider | undefined {
    return this.#providers.get(alias);
  }

  aliases(): string[] {
    return [...this.#providers.keys()];
  }

  /** Closes every provider, even when one fails; then throws the failures together. */
  async close(): Promise<void> {
    const failures: unknown[] = [];
    for (const provider of this.#providers.values()) {
      try {
        await provider.close?.();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, 'Closing config providers failed');
  }
}

