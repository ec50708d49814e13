import { javaToString } from './java-text.js';

/** A configuration error. Messages follow Kafka's, since users search for them and tools match on them. */
export class ConfigException extends Error {
  /** The key at fault, when there is one. */
  readonly configName: string | undefined;

  constructor(message: string, options: { configName?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConfigException';
    this.configName = options.configName;
  }

  /** Kafka's `Invalid value <value> for configuration <name>[: <reason>]`. */
  static invalidValue(name: string, value: unknown, reason?: string): ConfigException {
    const suffix = reason === undefined ? '' : `: ${reason}`;
    return new ConfigException(`Invalid value ${javaToString(value)} for configuration ${name}${suffix}`, {
      configName: name,
    });
  }

  /** Kafka's message for a required key that is absent. */
  static missingRequired(name: string): ConfigException {
    return new ConfigException(`Missing required configuration "${name}" which has no default value.`, {
      configName: name,
    });
  }
}
