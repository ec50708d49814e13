import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Sluice package version, which the built-in connectors report as Kafka's report the Kafka
 * version (AppInfoParser). Looked up from this module's location so it works both from the
 * sources and from `dist/`.
 */
export const SLUICE_VERSION: string = findPackageVersion(dirname(fileURLToPath(import.meta.url)));

function findPackageVersion(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const version = sluiceVersionIn(dir);
    if (version !== null) return version;
    if (dirname(dir) === dir) return 'unknown';
  }
}

function sluiceVersionIn(dir: string): string | null {
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
    return pkg.name === 'sluice' && typeof pkg.version === 'string' ? pkg.version : null;
  } catch {
    return null;
  }
}
