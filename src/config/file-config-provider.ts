import { readFile } from 'node:fs/promises';
import { AllowedPaths } from './allowed-paths.js';
import { ConfigException } from './config-exception.js';
import type { ConfigData, ConfigProvider } from './config-provider.js';
import { setOwn } from './own-record.js';
import { parseProperties } from './properties.js';

/** `${file:/path/creds.properties:key}`: a key of a .properties file, read as UTF-8 on every lookup. */
export class FileConfigProvider implements ConfigProvider {
  static readonly CLASS_NAME = 'org.apache.kafka.common.config.provider.FileConfigProvider';

  #allowedPaths: AllowedPaths | undefined;

  async configure(params: Readonly<Record<string, string>>): Promise<void> {
    this.#allowedPaths = await AllowedPaths.fromConfig(params['allowed.paths']);
  }

  async get(path: string, keys: ReadonlySet<string>): Promise<ConfigData> {
    if (this.#allowedPaths === undefined) throw new Error('The provider has not been configured yet.');
    if (path === '') return { data: {} };
    const filePath = this.#allowedPaths.resolve(path);
    if (filePath === null) return { data: {}, warnings: [`The path ${path} is not allowed to be accessed`] };
    let properties: Record<string, string>;
    try {
      properties = parseProperties(await readFile(filePath, 'utf8'), { source: path });
    } catch (error) {
      throw new ConfigException(`Could not read properties from file ${path}: ${(error as Error).message}`, { cause: error });
    }
    const data: Record<string, string> = {};
    for (const key of keys) if (Object.hasOwn(properties, key)) setOwn(data, key, properties[key]!);
    return { data };
  }
}
