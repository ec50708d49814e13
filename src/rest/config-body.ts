import type { FastifyRequest } from 'fastify';
import { JsonNumber, parseJsonText, type JsonObject, type JsonValue } from '../config/json-text.js';
import { setOwn } from '../config/own-record.js';
import type { ConnectorConfig, TargetState } from '../runtime/herder.js';
import { BadRequestError } from '../runtime/errors.js';
import type { ConfigMask } from './context.js';
import { jsonBodyText } from './json-body.js';

/** POST /connectors body (Kafka's CreateConnectorRequest), read as Jackson would. */
export interface CreateConnectorRequest {
  name: string;
  config: ConnectorConfig;
  initialState?: TargetState;
}

const INITIAL_STATES: Readonly<Record<string, TargetState>> = { RUNNING: 'STARTED', PAUSED: 'PAUSED', STOPPED: 'STOPPED' };

export function readCreateConnectorRequest(request: FastifyRequest): CreateConnectorRequest {
  const body = bodyObject(request);
  const rawName = body.get('name');
  const name = rawName === undefined || rawName === null ? '' : scalarText('name', rawName).trim();
  const config = body.get('config');
  if (!(config instanceof Map)) throw new BadRequestError("Request body must contain a 'config' object");
  const result: CreateConnectorRequest = { name, config: configFrom(config) };
  const initialState = body.get('initial_state');
  if (initialState !== undefined && initialState !== null) {
    const text = scalarText('initial_state', initialState);
    const state = INITIAL_STATES[text.toUpperCase()];
    if (state === undefined) {
      throw new BadRequestError(`Invalid initial_state '${text}'; expected one of RUNNING, PAUSED, STOPPED`);
    }
    result.initialState = state;
  }
  return result;
}

/** A flat config map body (PUT .../config, validate). JSON numbers and booleans become their text. */
export function readConnectorConfig(request: FastifyRequest): ConnectorConfig {
  return configFrom(bodyObject(request));
}

/** A PATCH .../config body: like a config map, but null removes the key (KIP-477). */
export function readConfigPatch(request: FastifyRequest): Record<string, string | null> {
  const patch: Record<string, string | null> = {};
  for (const [key, value] of bodyObject(request)) setOwn(patch, key, value === null ? null : scalarText(key, value));
  return patch;
}

/**
 * Kafka Connect requires `name` in a config to equal the connector's name, and adds it when absent
 * (ConnectorsResource.checkAndPutConnectorConfigName).
 */
export function withConnectorName(name: string, config: ConnectorConfig): ConnectorConfig {
  const included = config['name'];
  if (included !== undefined) {
    checkConnectorName(name, included);
    return config;
  }
  const named = { ...config };
  setOwn(named, 'name', name);
  return named;
}

export function checkConnectorName(name: string, included: string): void {
  if (included !== name) {
    throw new BadRequestError(`Connector name configuration (${included}) doesn't match connector name in the URL (${name})`);
  }
}

/** POST /connectors with no name: the error Kafka's name validator (NonEmptyStringWithoutControlChars) gives. */
export function checkConnectorNameNotEmpty(name: string): void {
  if (name === '') throw new BadRequestError(invalidConfigMessage(['Invalid value  for configuration name: String may not be empty']));
}

/**
 * A config must name its connector class; Kafka's herder says so with the whole map in the message,
 * masked here so that passwords stay out of it.
 */
export function checkHasConnectorClass(config: ConnectorConfig, maskConfig: ConfigMask, connector: string): void {
  const connectorClass = config['connector.class'];
  if (connectorClass === undefined || connectorClass.trim() === '') {
    throw new BadRequestError(`Connector config ${javaMapText(maskConfig(config, connector))} contains no connector type`);
  }
}

/** A map as Java's Map.toString prints it, which is what Kafka Connect puts in its messages. */
export function javaMapText(config: ConnectorConfig): string {
  return `{${Object.entries(config)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')}}`;
}

/** Kafka's message for a config that fails validation on create/update (AbstractHerder). */
export function invalidConfigMessage(errors: readonly string[]): string {
  return [
    `Connector configuration is invalid and contains the following ${errors.length} error(s):`,
    ...errors,
    'You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`',
  ].join('\n');
}

function configFrom(body: JsonObject): ConnectorConfig {
  const config: ConnectorConfig = {};
  const nullKeys: string[] = [];
  for (const [key, value] of body) {
    if (value === null) nullKeys.push(key);
    else setOwn(config, key, scalarText(key, value));
  }
  // Kafka reports null values as validation errors on their keys; Herder configs are string-valued, so
  // they stop here with the same message.
  if (nullKeys.length > 0) {
    throw new BadRequestError(
      invalidConfigMessage(
        nullKeys.map((k) => `Invalid value null for configuration ${k}: Null value can not be supplied as the configuration value.`),
      ),
    );
  }
  return config;
}

function scalarText(key: string, value: JsonValue): string {
  if (typeof value === 'string') return value;
  if (value instanceof JsonNumber) return value.text;
  if (typeof value === 'boolean') return String(value);
  const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : 'an object';
  throw new BadRequestError(`Invalid value for configuration ${key}: expected a string, number or boolean, not ${kind}`);
}

function bodyObject(request: FastifyRequest): JsonObject {
  const text = jsonBodyText(request);
  const body = text === undefined ? undefined : parseJsonText(text);
  if (!(body instanceof Map)) throw new BadRequestError('Request body must be a JSON object');
  return body;
}
