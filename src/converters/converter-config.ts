import type { ConverterConfigs, ConverterType } from './converter.js';

/**
 * A converter setting that does not parse (Kafka's ConfigException, with its messages).
 * Kept here so converters need nothing from the worker's config layer.
 */
export class ConverterConfigException extends Error {
  readonly configName: string;

  constructor(configName: string, message: string) {
    super(message);
    this.name = 'ConfigException';
    this.configName = configName;
  }

  static invalidValue(name: string, value: string, reason: string): ConverterConfigException {
    return new ConverterConfigException(name, `Invalid value ${value} for configuration ${name}: ${reason}`);
  }
}

/** Java's String.trim. */
function javaTrim(text: string): string {
  return text.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

export function booleanSetting(configs: ConverterConfigs, name: string, defaultValue: boolean): boolean {
  const raw = configs[name];
  if (raw === undefined) return defaultValue;
  const text = javaTrim(String(raw)).toLowerCase();
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw ConverterConfigException.invalidValue(name, String(raw), 'Expected value to be either true or false');
}

export function intSetting(configs: ConverterConfigs, name: string, defaultValue: number): number {
  const raw = configs[name];
  if (raw === undefined) return defaultValue;
  const text = javaTrim(String(raw));
  const value = /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value > 2147483647 || value < -2147483648) {
    throw ConverterConfigException.invalidValue(name, String(raw), 'Not a number of type INT');
  }
  return value;
}

export function stringSetting(configs: ConverterConfigs, name: string, defaultValue: string): string {
  const raw = configs[name];
  return raw === undefined ? defaultValue : javaTrim(String(raw));
}

/** The `converter.type` setting, required by Kafka's ConverterConfig. */
export function converterTypeSetting(configs: ConverterConfigs): ConverterType {
  const raw = configs['converter.type'];
  if (raw === undefined) {
    throw new ConverterConfigException('converter.type', 'Missing required configuration "converter.type" which has no default value.');
  }
  const text = javaTrim(String(raw));
  if (text === 'key' || text === 'value' || text === 'header') return text;
  throw ConverterConfigException.invalidValue('converter.type', String(raw), 'String must be one of: key, value, header');
}

/** The settings with `converter.type` set, as Java's configure(Map, boolean) does. */
export function withConverterType(configs: ConverterConfigs, isKey: boolean): ConverterConfigs {
  return { ...configs, 'converter.type': isKey ? 'key' : 'value' };
}
