import { ConfigException, ParsedConfig, type ConfigDef, type ConfigProps } from '../../src/config/index.js';

/**
 * Kafka's SimpleConfig: a transform's config parsed against its ConfigDef (throws ConfigException
 * naming the key at the first problem), with getters for keys that cannot be null.
 */
export class SimpleConfig extends ParsedConfig {
  constructor(definition: ConfigDef, originals: ConfigProps) {
    super(definition, originals);
  }

  /** A STRING key that is required or has a non-null default. */
  requireString(key: string): string {
    return nonNull(key, this.getString(key));
  }

  requireBoolean(key: string): boolean {
    return nonNull(key, this.getBoolean(key));
  }

  requireInt(key: string): number {
    return nonNull(key, this.getInt(key));
  }

  requireList(key: string): readonly string[] {
    return nonNull(key, this.getList(key));
  }
}

function nonNull<T>(key: string, value: T | null): T {
  if (value === null) throw ConfigException.invalidValue(key, null, 'Value must be non-null');
  return value;
}
