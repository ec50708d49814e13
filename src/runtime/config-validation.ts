/**
 * Connector config validation as Kafka Connect's AbstractHerder.validateConnectorConfig: framework
 * keys (enriched per transform and predicate alias), the connector's own keys and checks, converter
 * classes and client overrides, in the validate endpoint's ConfigInfos shape.
 */
import { buildConfigInfos, ConfigDef, ConfigType, ConfigValue, Importance, Width, type ConfigInfos } from '../config/index.js';
import type { Connector } from '../connect/connector.js';
import type { Predicate, Transformation } from '../connect/transformation.js';
import { JavaPattern } from '../../transforms/java-regex.js';
import { overridePolicyErrors } from './client-configs.js';
import { sinkConnectorConfigDef, sourceConnectorConfigDef } from './connector-config.js';
import { BadRequestError } from './errors.js';
import type { PluginKind, Plugins } from './plugins.js';
import type { OverridePolicy } from './worker-config.js';

function aliases(config: Readonly<Record<string, string>>, key: string): string[] {
  return (config[key] ?? '').split(',').map((a) => a.trim()).filter((a) => a.length > 0);
}

/** Adds `transforms.<alias>.*` / `predicates.<alias>.*` keys for each alias, with the plugin's own keys. */
function enrich(def: ConfigDef, config: Readonly<Record<string, string>>, plugins: Plugins, kind: 'transformation' | 'predicate'): void {
  const listKey = kind === 'transformation' ? 'transforms' : 'predicates';
  const groupName = kind === 'transformation' ? 'Transforms' : 'Predicates';
  for (const alias of aliases(config, listKey)) {
    const prefix = `${listKey}.${alias}.`;
    const group = `${groupName}: ${alias}`;
    def.define({ name: `${prefix}type`, type: ConfigType.CLASS, importance: Importance.HIGH, documentation: `Class for the '${alias}' ${kind}.`, group, orderInGroup: 0, width: Width.LONG, displayName: `${kind === 'transformation' ? 'Transformation' : 'Predicate'} type for ${alias}` });
    if (kind === 'transformation') {
      def.define({ name: `${prefix}negate`, type: ConfigType.BOOLEAN, defaultValue: 'false', importance: Importance.MEDIUM, documentation: 'Whether the configured predicate should be negated.', group, orderInGroup: 1, width: Width.SHORT, displayName: 'Negate' });
      def.define({ name: `${prefix}predicate`, type: ConfigType.STRING, defaultValue: null, importance: Importance.MEDIUM, documentation: 'The alias of a predicate used to determine whether to apply this transformation.', group, orderInGroup: 2, width: Width.MEDIUM, displayName: 'Predicate' });
    }
    const type = config[`${prefix}type`];
    if (type === undefined) continue;
    const found = plugins.find(type, [kind as PluginKind]);
    if (found === undefined) continue;
    const own = (found.create() as Transformation | Predicate).config();
    const child = new ConfigDef();
    for (const key of own.configKeys().values()) if (!['type', 'negate', 'predicate'].includes(key.name)) child.define(key);
    def.embed(prefix, group, 3, child);
  }
}

export interface ValidationContext {
  plugins: Plugins;
  overridePolicy: OverridePolicy;
  /** Worker-level converter settings, used when the connector does not set its own. */
  workerConfig: Readonly<Record<string, string>>;
}

export async function validateConnectorConfig(config: Readonly<Record<string, string>>, ctx: ValidationContext): Promise<{ infos: ConfigInfos; connector: Connector }> {
  const connectorClass = config['connector.class'];
  if (connectorClass === undefined || connectorClass.trim() === '') {
    throw new BadRequestError(`Connector config ${JSON.stringify(config)} contains no connector type`);
  }
  const connector = ctx.plugins.resolve(connectorClass, ['source', 'sink']).create() as Connector;
  const def = connector.kind === 'sink' ? sinkConnectorConfigDef() : sourceConnectorConfigDef();
  enrich(def, config, ctx.plugins, 'transformation');
  enrich(def, config, ctx.plugins, 'predicate');
  const values = def.validateAll(config);

  const addError = (name: string, message: string): void => {
    let v = values.get(name);
    if (v === undefined) values.set(name, (v = new ConfigValue(name, config[name] ?? null)));
    v.addErrorMessage(message);
  };
  checkPluginClasses(config, ctx, addError);
  if (connector.kind === 'sink') checkSinkTopics(config, addError);
  for (const [key, message] of overridePolicyErrors(ctx.overridePolicy, config)) addError(key, message);

  const ownDef = connector.config();
  const ownValues = connector.validate ? await connector.validate({ ...config }) : ownDef.validate(config);
  const keys = new Map(def.configKeys());
  for (const [name, key] of ownDef.configKeys()) if (!keys.has(name)) keys.set(name, key);
  for (const v of ownValues) {
    const existing = values.get(v.name);
    if (existing === undefined) values.set(v.name, v);
    else for (const m of v.errorMessages) if (!existing.errorMessages.includes(m)) existing.addErrorMessage(m);
  }
  const groups = [...def.groups(), ...ownDef.groups().filter((g) => !def.groups().includes(g))];
  return { infos: buildConfigInfos(connectorClass, keys, values.values(), groups), connector };
}

function checkPluginClasses(config: Readonly<Record<string, string>>, ctx: ValidationContext, addError: (name: string, message: string) => void): void {
  const check = (key: string, kinds: readonly PluginKind[], what: string): void => {
    const value = config[key];
    if (value === undefined || value === '') return;
    try {
      if (ctx.plugins.find(value, kinds) === undefined) addError(key, `Invalid value ${value} for configuration ${key}: Class ${value} could not be found.`);
    } catch (err) {
      addError(key, `Invalid value ${value} for configuration ${key}: ${(err as Error).message} (${what})`);
    }
  };
  check('key.converter', ['converter'], 'converter');
  check('value.converter', ['converter'], 'converter');
  check('header.converter', ['header_converter', 'converter'], 'header converter');
  for (const alias of aliases(config, 'transforms')) {
    check(`transforms.${alias}.type`, ['transformation'], 'transformation');
    const predicate = config[`transforms.${alias}.predicate`];
    if ((config[`transforms.${alias}.negate`] ?? '') !== '' && (predicate === undefined || predicate === '')) {
      addError(`transforms.${alias}.negate`, `Config 'transforms.${alias}.negate' was provided but there is no config 'transforms.${alias}.predicate' defining a predicate to be negated.`);
    }
    if (predicate !== undefined && predicate !== '' && !aliases(config, 'predicates').includes(predicate)) {
      addError(`transforms.${alias}.predicate`, `Invalid value ${predicate} for configuration transforms.${alias}.predicate: Predicate '${predicate}' is not defined in 'predicates'.`);
    }
  }
  for (const alias of aliases(config, 'predicates')) check(`predicates.${alias}.type`, ['predicate'], 'predicate');
}

function checkSinkTopics(config: Readonly<Record<string, string>>, addError: (name: string, message: string) => void): void {
  const topics = (config['topics'] ?? '').split(',').map((t) => t.trim()).filter((t) => t.length > 0);
  const regex = (config['topics.regex'] ?? '').trim();
  if (topics.length > 0 && regex !== '') {
    const message = 'topics and topics.regex are mutually exclusive options, but both are set.';
    addError('topics', message);
    addError('topics.regex', message);
  } else if (topics.length === 0 && regex === '') {
    const message = 'Must configure one of topics or topics.regex';
    addError('topics', message);
    addError('topics.regex', message);
  }
  const dlq = (config['errors.deadletterqueue.topic.name'] ?? '').trim();
  if (dlq === '') return;
  if (topics.includes(dlq)) {
    addError('errors.deadletterqueue.topic.name', `The DLQ topic '${dlq}' may not be included in the list of topics ('topics=[${topics.join(', ')}]') consumed by the connector`);
  } else if (regex !== '' && matchesJava(regex, dlq)) {
    addError('errors.deadletterqueue.topic.name', `The DLQ topic '${dlq}' may not be matched by the regex for the topics ('topics.regex=${regex}') consumed by the connector`);
  }
}

function matchesJava(regex: string, topic: string): boolean {
  try {
    return JavaPattern.compile(regex).matches(topic);
  } catch {
    return false; // an invalid regex is reported on topics.regex already
  }
}

/**
 * Kafka Connect's 400 text for a config with errors. Kafka prints the bare messages; a message that
 * does not mention its key (e.g. "String may not be empty") gets the key in front, so every line
 * names what to fix.
 */
export function invalidConfigMessage(infos: ConfigInfos): string {
  const lines: string[] = [];
  for (const c of infos.configs) {
    const key = c.value?.name ?? c.definition?.name ?? '';
    for (const e of c.value?.errors ?? []) lines.push(e.includes(key) ? e : `${key}: ${e}`);
  }
  return (
    `Connector configuration is invalid and contains the following ${infos.error_count} error(s):\n${lines.join('\n')}\n` +
    'You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`'
  );
}
