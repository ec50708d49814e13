// Worker and connector config files as Kafka Connect accepts them: Java .properties, a flat JSON
// object of settings, or the REST create request {"name", "config", "initial_state"}.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { ConfigException } from './config-exception.js';
import { JsonNumber, JsonSyntaxError, parseJsonText, type JsonObject, type JsonValue } from './json-text.js';
import { setOwn } from './own-record.js';
import { parseProperties } from './properties.js';

export type ConfigFileFormat = 'properties' | 'json';
/** `flat`: the settings themselves; `create-request`: the body of `POST /connectors`. */
export type ConfigFileShape = 'flat' | 'create-request';
export type InitialState = 'RUNNING' | 'PAUSED' | 'STOPPED';

export interface ConfigFile {
  readonly format: ConfigFileFormat;
  readonly shape: ConfigFileShape;
  /** The connector name: `name` of a create request, else the `name` setting, if any. */
  readonly name: string | undefined;
  /** Every value a string, as Connect stores them. A create request's name is filled in when absent. */
  readonly config: Record<string, string>;
  readonly initialState: InitialState | undefined;
}

export interface ConfigTextOptions {
  /** Named in error messages. */
  readonly source?: string;
  /** `auto` tries JSON first and falls back to properties, as Connect's standalone CLI does. */
  readonly format?: ConfigFileFormat | 'auto';
}

/**
 * Reads a config file: `.json` as JSON, `.properties` as properties, anything else JSON when it
 * parses as a JSON object and properties otherwise. Throws ConfigException naming the file.
 */
export async function parseConfigFile(path: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigException(`Could not read config file ${path}: ${(error as Error).message}`, { cause: error });
  }
  const extension = extname(path).toLowerCase();
  const format = extension === '.json' ? 'json' : extension === '.properties' ? 'properties' : 'auto';
  return parseConfigText(text, { source: path, format });
}

export function parseConfigText(text: string, options: ConfigTextOptions = {}): ConfigFile {
  const source = options.source ?? 'config';
  const format = options.format ?? 'auto';
  if (format === 'properties') return fromProperties(text, source);
  let json: JsonValue;
  try {
    json = parseJsonText(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    if (format === 'auto') return fromProperties(text, source);
    throw new ConfigException(`Could not parse ${source} as JSON: ${error.message}`, { cause: error });
  }
  if (!(json instanceof Map)) {
    if (format === 'auto') return fromProperties(text, source);
    throw new ConfigException(`${source} must hold a JSON object`);
  }
  return fromJson(json, source);
}

/**
 * Reads a connector config file for the standalone CLI, with Connect's checks: the connector
 * must have a name, and a create request's `config.name`, when given, must match its `name`.
 */
export async function readConnectorConfigFile(path: string): Promise<ConfigFile & { readonly name: string }> {
  const file = await parseConfigFile(path);
  if (file.name === undefined) {
    throw new ConfigException(`Connector configuration at '${path}' is missing the mandatory 'name' configuration`);
  }
  return { ...file, name: file.name };
}

function fromProperties(text: string, source: string): ConfigFile {
  const config = parseProperties(text, { source });
  return { format: 'properties', shape: 'flat', name: ownValue(config, 'name'), config, initialState: undefined };
}

function fromJson(root: JsonObject, source: string): ConfigFile {
  if ([...root.values()].every(isScalar)) {
    const config = stringMap(root, source);
    return { format: 'json', shape: 'flat', name: ownValue(config, 'name'), config, initialState: undefined };
  }
  const rawConfig = root.get('config');
  if (!(rawConfig instanceof Map)) {
    throw new ConfigException(
      `${source} must be a JSON object of settings, or {"name": ..., "config": {...}} as sent to POST /connectors`,
    );
  }
  const config = stringMap(rawConfig, source);
  const rawName = root.get('name');
  if (rawName !== undefined && rawName !== null && !isScalar(rawName)) throw new ConfigException(`"name" in ${source} must be a string`);
  const name = rawName === undefined || rawName === null ? undefined : scalarText(rawName);
  if (name !== undefined) {
    const configName = ownValue(config, 'name');
    if (configName === undefined) setOwn(config, 'name', name);
    else if (configName !== name) {
      throw new ConfigException(`Connector name configuration in 'config' doesn't match the one specified in 'name' at '${source}'`);
    }
  }
  return {
    format: 'json',
    shape: 'create-request',
    name: name ?? ownValue(config, 'name'),
    config,
    initialState: initialState(root.get('initial_state'), source),
  };
}

function initialState(value: JsonValue | undefined, source: string): InitialState | undefined {
  if (value === undefined || value === null) return undefined;
  const state = typeof value === 'string' ? value.toUpperCase() : undefined;
  if (state === 'RUNNING' || state === 'PAUSED' || state === 'STOPPED') return state;
  throw new ConfigException(`Invalid initial_state in ${source}: expected RUNNING, PAUSED or STOPPED`);
}

type JsonScalar = string | boolean | null | JsonNumber;

function isScalar(value: JsonValue): value is JsonScalar {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || value instanceof JsonNumber;
}

function scalarText(value: Exclude<JsonScalar, null>): string {
  return value instanceof JsonNumber ? value.text : String(value);
}

/** Numbers and booleans become their JSON text, as Jackson coerces them into Map<String, String>. */
function stringMap(object: JsonObject, source: string): Record<string, string> {
  const config: Record<string, string> = {};
  for (const [key, value] of object) {
    if (value === null) {
      throw new ConfigException(
        `Invalid value null for configuration ${key}: Null value can not be supplied as the configuration value. (${source})`,
        { configName: key },
      );
    }
    if (!isScalar(value)) throw new ConfigException(`Config value for '${key}' in ${source} must be a string, number or boolean`, { configName: key });
    setOwn(config, key, scalarText(value));
  }
  return config;
}

function ownValue(config: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(config, key) ? config[key] : undefined;
}
