import { stat } from 'node:fs/promises';
import { isAbsolute, normalize } from 'node:path';
import { ConfigException } from './config-exception.js';

/**
 * The `allowed.paths` restriction of Kafka's file and directory providers: absolute, existing
 * directories or files; a requested path is allowed when, normalized, it lies within one of them
 * (whole path components, so /data does not allow /database).
 */
export class AllowedPaths {
  private constructor(private readonly roots: readonly string[] | null) {}

  /** From the `allowed.paths` parameter; unset or empty allows every path. */
  static async fromConfig(value: string | undefined): Promise<AllowedPaths> {
    if (value === undefined || value === '') return new AllowedPaths(null);
    const roots: string[] = [];
    for (const entry of value.split(',').map((part) => part.trim())) {
      const root = normalize(entry);
      if (!isAbsolute(root)) throw new ConfigException(`Path ${root} is not absolute`);
      try {
        await stat(root);
      } catch {
        throw new ConfigException(`Path ${root} does not exist`);
      }
      roots.push(root);
    }
    return new AllowedPaths(roots);
  }

  /** The path to read, or null when it is outside the allowed roots. */
  resolve(untrusted: string): string | null {
    if (this.roots === null) return untrusted;
    const path = normalize(untrusted);
    const allowed = this.roots.some((root) => path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`));
    return allowed ? path : null;
  }
}
