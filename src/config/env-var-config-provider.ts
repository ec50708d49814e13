import { ConfigException } from './config-exception.js';
import type { ConfigData, ConfigProvider } from './config-provider.js';
import { setOwn } from './own-record.js';

/**
 * `${env:NAME}`: an environment variable, from a snapshot taken when the provider is created.
 * `allowlist.pattern` (a regular expression the whole name must match) limits which are visible.
 */
export class EnvVarConfigProvider implements ConfigProvider {
  static readonly CLASS_NAME = 'org.apache.kafka.common.config.provider.EnvVarConfigProvider';

  readonly #environment: ReadonlyMap<string, string>;
  #visible: ReadonlyMap<string, string> | undefined;

  constructor(environment: Readonly<Record<string, string | undefined>> = process.env) {
    const snapshot = new Map<string, string>();
    for (const [name, value] of Object.entries(environment)) if (value !== undefined) snapshot.set(name, value);
    this.#environment = snapshot;
  }

  configure(params: Readonly<Record<string, string>>): void {
    const pattern = Object.hasOwn(params, 'allowlist.pattern') ? params['allowlist.pattern'] : undefined;
    let allowed: RegExp;
    try {
      allowed = new RegExp(`^(?:${pattern ?? '.*'})$`);
    } catch (error) {
      throw ConfigException.invalidValue('allowlist.pattern', pattern, (error as Error).message);
    }
    this.#visible = new Map([...this.#environment].filter(([name]) => allowed.test(name)));
  }

  get(path: string, keys: ReadonlySet<string>): ConfigData {
    if (this.#visible === undefined) throw new Error('The provider has not been configured yet.');
    if (path !== '') throw new ConfigException(`Path is not supported for EnvVarConfigProvider, invalid value '${path}'`);
    const data: Record<string, string> = {};
    for (const key of keys) {
      const value = this.#visible.get(key);
      if (value !== undefined) setOwn(data, key, value);
    }
    return { data };
  }
}
