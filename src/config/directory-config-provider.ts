import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AllowedPaths } from './allowed-paths.js';
import { ConfigException } from './config-exception.js';
import type { ConfigData, ConfigProvider } from './config-provider.js';
import { setOwn } from './own-record.js';

/**
 * `${directory:/run/secrets:db-password}`: the whole content of a file in a directory (UTF-8, as
 * is: a trailing newline stays), as Kubernetes and Docker mount secrets. Only regular files
 * listed in the directory count (symlinks followed), so a key cannot climb out with `..`.
 */
export class DirectoryConfigProvider implements ConfigProvider {
  static readonly CLASS_NAME = 'org.apache.kafka.common.config.provider.DirectoryConfigProvider';

  #allowedPaths: AllowedPaths | undefined;

  async configure(params: Readonly<Record<string, string>>): Promise<void> {
    this.#allowedPaths = await AllowedPaths.fromConfig(params['allowed.paths']);
  }

  async get(path: string, keys: ReadonlySet<string>): Promise<ConfigData> {
    if (this.#allowedPaths === undefined) throw new Error('The provider has not been configured yet.');
    if (path === '') return { data: {} };
    const dir = this.#allowedPaths.resolve(path);
    if (dir === null) return { data: {}, warnings: [`The path ${path} is not allowed to be accessed`] };
    const isDirectory = await stat(dir).then((s) => s.isDirectory(), () => false);
    if (!isDirectory) return { data: {}, warnings: [`The path ${path} is not a directory`] };
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      throw new ConfigException(`Could not list directory ${dir}`, { cause: error });
    }
    const data: Record<string, string> = {};
    for (const name of names) {
      if (!keys.has(name)) continue;
      const file = join(dir, name);
      const isFile = await stat(file).then((s) => s.isFile(), () => false);
      if (!isFile) continue;
      try {
        setOwn(data, name, await readFile(file, 'utf8'));
      } catch (error) {
        throw new ConfigException(`Could not read file ${file} for property ${name}`, { cause: error });
      }
    }
    return { data };
  }
}
