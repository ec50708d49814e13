import { describe, expect, it } from 'vitest';
import { ConfigDef } from './config-def.js';
import { ConfigException } from './config-exception.js';
import { buildConfigInfos, toConfigKeyInfo, toConfigKeyInfos } from './config-info.js';
import type { Recommender } from './config-key.js';
import { Importance, NO_DEFAULT_VALUE, Width } from './config-types.js';
import { ConfigValue } from './config-value.js';
import { ParsedConfig } from './parsed-config.js';
import { Password } from './password.js';
import { NonEmptyString, Range, ValidString } from './validators.js';

// Connector settings in the shape Connect uses: a required name, an int with a range, and a
// mode whose choice decides which of two dependent keys is shown.
const modeRecommender: Recommender = {
  validValues: () => ['bulk', 'incrementing'],
  visible: () => true,
};
const columnRecommender: Recommender = {
  validValues: (_name, parsed) => (parsed.get('mode') === 'incrementing' ? ['id', 'seq'] : []),
  visible: (_name, parsed) => parsed.get('mode') === 'incrementing',
};

function sampleDef(): ConfigDef {
  return new ConfigDef()
    .define({ name: 'name', type: 'STRING', validator: new NonEmptyString(), importance: 'HIGH', documentation: 'Connector name.' })
    .define({
      name: 'tasks.max',
      type: 'INT',
      defaultValue: 1,
      validator: Range.atLeast(1),
      importance: Importance.HIGH,
      documentation: 'Maximum number of tasks.',
      group: 'Common',
      orderInGroup: 3,
      width: Width.SHORT,
      displayName: 'Tasks max',
    })
    .define({
      name: 'mode',
      type: 'STRING',
      defaultValue: 'bulk',
      validator: ValidString.in('bulk', 'incrementing'),
      importance: 'MEDIUM',
      documentation: 'How to poll.',
      group: 'Mode',
      orderInGroup: 1,
      width: 'MEDIUM',
      displayName: 'Mode',
      dependents: ['incrementing.column.name'],
      recommender: modeRecommender,
    })
    .define({
      name: 'incrementing.column.name',
      type: 'STRING',
      defaultValue: '',
      importance: 'MEDIUM',
      documentation: 'Column to track.',
      group: 'Mode',
      orderInGroup: 2,
      width: 'MEDIUM',
      displayName: 'Incrementing Column Name',
      recommender: columnRecommender,
    })
    .define({ name: 'topics', type: 'LIST', defaultValue: '', importance: 'HIGH', documentation: 'Topics.', group: 'Common', orderInGroup: 4, width: 'LONG', displayName: 'Topics' })
    .define({ name: 'connection.password', type: 'PASSWORD', defaultValue: null, importance: 'HIGH', documentation: 'Password.' })
    .define({ name: 'offset.flush.timeout.ms', type: 'LONG', defaultValue: 5000, importance: 'LOW', documentation: 'Flush timeout.' });
}

describe('ConfigDef.define', () => {
  it('rejects a key defined twice, a bad default, and a default the validator refuses', () => {
    const def = sampleDef();
    expect(() => def.define({ name: 'name', type: 'STRING', importance: 'LOW', documentation: null })).toThrow(
      'Configuration name is defined twice.',
    );
    expect(() => new ConfigDef().define({ name: 'x', type: 'INT', defaultValue: 'nope', importance: 'LOW', documentation: null })).toThrow(
      'Invalid value nope for configuration x: Not a number of type INT',
    );
    expect(() =>
      new ConfigDef().define({ name: 'x', type: 'INT', defaultValue: 0, validator: Range.atLeast(1), importance: 'LOW', documentation: null }),
    ).toThrow('Invalid value 0 for configuration x: Value must be at least 1');
  });

  it('keeps groups in first-definition order and reports defaults', () => {
    const def = sampleDef();
    expect(def.groups()).toEqual(['Common', 'Mode']);
    expect(def.configKey('name')?.hasDefault()).toBe(false);
    expect(def.configKey('name')?.defaultValue).toBe(NO_DEFAULT_VALUE);
    expect(def.defaultValues().get('offset.flush.timeout.ms')).toBe(5000n);
    expect(def.defaultValues().has('name')).toBe(false);
  });
});

describe('ConfigDef.parse', () => {
  it('parses supplied values, fills defaults and ignores unknown keys', () => {
    const values = sampleDef().parse({ name: ' my-conn ', 'tasks.max': '3', topics: 'a, b', 'connection.password': 'pw', extra: 'x' });
    expect(values.get('name')).toBe('my-conn');
    expect(values.get('tasks.max')).toBe(3);
    expect(values.get('mode')).toBe('bulk');
    expect(values.get('topics')).toEqual(['a', 'b']);
    expect(values.get('offset.flush.timeout.ms')).toBe(5000n);
    expect((values.get('connection.password') as Password).value()).toBe('pw');
    expect(values.has('extra')).toBe(false);
  });

  it('throws naming the key for a missing required value, a bad value, or a validator failure', () => {
    const def = sampleDef();
    expect(() => def.parse({})).toThrow('Missing required configuration "name" which has no default value.');
    try {
      def.parse({ name: 'n', 'tasks.max': 'many' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigException);
      expect((error as ConfigException).configName).toBe('tasks.max');
      expect((error as Error).message).toBe('Invalid value many for configuration tasks.max: Not a number of type INT');
    }
    expect(() => def.parse({ name: 'n', 'tasks.max': '0' })).toThrow('Invalid value 0 for configuration tasks.max: Value must be at least 1');
    expect(() => def.parse({ name: '' })).toThrow('Invalid value  for configuration name: String must be non-empty');
  });

  it('treats an explicit null as set, and undefined as absent', () => {
    const def = new ConfigDef().define({ name: 'r', type: 'STRING', importance: 'LOW', documentation: null });
    expect(def.parse({ r: null }).get('r')).toBeNull();
    expect(() => def.parse({ r: undefined })).toThrow('Missing required configuration "r"');
  });

  it('refuses dependents that are not defined', () => {
    const def = new ConfigDef().define({ name: 'a', type: 'STRING', defaultValue: '', importance: 'LOW', documentation: null, dependents: ['ghost'] });
    expect(() => def.parse({})).toThrow('Some configurations in are referred in the dependents, but not defined: ghost');
    const ghost = def.validateAll({}).get('ghost');
    expect(ghost?.errorMessages).toEqual(['ghost is referred in the dependents, but not defined.']);
    expect(ghost?.visible).toBe(false);
  });

  it('handles a key named __proto__ like any other', () => {
    const def = new ConfigDef().define({ name: '__proto__', type: 'STRING', importance: 'LOW', documentation: null });
    const props = JSON.parse('{"__proto__": "x"}') as Record<string, string>;
    expect(def.parse(props).get('__proto__')).toBe('x');
  });
});

describe('ConfigDef.validateAll', () => {
  it('collects every error at once, with recommendations and visibility', () => {
    const results = sampleDef().validateAll({ 'tasks.max': 'lots', mode: 'incrementing', topics: 'a,b' });
    expect([...results.keys()]).toEqual(sampleDef().names());
    expect(results.get('name')?.errorMessages).toEqual(['Missing required configuration "name" which has no default value.']);
    expect(results.get('tasks.max')?.errorMessages).toEqual([
      'Invalid value lots for configuration tasks.max: Not a number of type INT',
      'Invalid value null for configuration tasks.max: Value must be non-null',
    ]);
    expect(results.get('tasks.max')?.value).toBeNull();
    expect(results.get('mode')?.recommendedValues).toEqual(['bulk', 'incrementing']);
    const column = results.get('incrementing.column.name');
    expect(column?.visible).toBe(true);
    expect(column?.recommendedValues).toEqual(['id', 'seq']);
    expect(column?.errorMessages).toEqual([]);
    expect(results.get('topics')?.value).toEqual(['a', 'b']);

    const bulk = sampleDef().validateAll({ name: 'n', mode: 'Bulk' });
    expect(bulk.get('mode')?.errorMessages).toEqual(['Invalid value Bulk for configuration mode: String must be one of: bulk, incrementing']);
    expect(bulk.get('incrementing.column.name')?.visible).toBe(false);
    expect(bulk.get('incrementing.column.name')?.recommendedValues).toEqual([]);
    expect(bulk.get('name')?.errorMessages).toEqual([]);
  });

  it('records a recommender ConfigException as an error of that key', () => {
    const def = new ConfigDef().define({
      name: 'k',
      type: 'STRING',
      defaultValue: 'v',
      importance: 'LOW',
      documentation: null,
      recommender: {
        validValues: () => {
          throw new ConfigException('cannot list values');
        },
        visible: () => true,
      },
    });
    expect(def.validate({})[0]?.errorMessages).toEqual(['cannot list values']);
  });
});

describe('ConfigDef.embed and merge', () => {
  it('embeds a child definition under a prefix and group, as Connect does for transforms', () => {
    const transform = new ConfigDef()
      .define({ name: 'regex', type: 'STRING', importance: 'HIGH', documentation: 'Regex.', validator: new NonEmptyString() })
      .define({ name: 'replacement', type: 'STRING', defaultValue: '', importance: 'HIGH', documentation: 'Replacement.' });
    const def = new ConfigDef().embed('transforms.route.', 'Transforms: route', 2, transform);
    const regex = def.configKey('transforms.route.regex');
    expect(regex?.group).toBe('Transforms: route');
    expect(regex?.orderInGroup).toBe(2);
    expect(def.configKey('transforms.route.replacement')?.orderInGroup).toBe(3);
    expect(def.groups()).toEqual(['Transforms: route']);
    // Kafka hands the child's validator the unprefixed name.
    expect(def.validateAll({ 'transforms.route.regex': '' }).get('transforms.route.regex')?.errorMessages).toEqual([
      'Invalid value  for configuration regex: String must be non-empty',
    ]);
    expect(def.validateAll({}).get('transforms.route.regex')?.errorMessages).toEqual([
      'Missing required configuration "transforms.route.regex" which has no default value.',
    ]);
  });

  it('passes unprefixed parsed values to an embedded recommender', () => {
    const child = new ConfigDef()
      .define({ name: 'a', type: 'STRING', defaultValue: 'x', importance: 'LOW', documentation: null, dependents: ['b'] })
      .define({
        name: 'b',
        type: 'STRING',
        defaultValue: '',
        importance: 'LOW',
        documentation: null,
        recommender: { validValues: (name, parsed) => [`${name}:${String(parsed.get('a'))}`], visible: () => false },
      });
    const def = new ConfigDef().embed('p.', 'P', 0, child);
    const b = def.validateAll({ 'p.a': 'y' }).get('p.b');
    expect(b?.recommendedValues).toEqual(['b:y']);
    expect(b?.visible).toBe(false);
    expect(def.configKey('p.a')?.dependents).toEqual(['p.b']);
  });

  it('merges definitions with a chosen conflict rule and copies without touching the base', () => {
    const base = new ConfigDef()
      .define({ name: 'name', type: 'STRING', importance: 'HIGH', documentation: 'base', group: 'Common' })
      .define({ name: 'tasks.max', type: 'INT', defaultValue: 1, importance: 'HIGH', documentation: 'base', group: 'Common' });
    const plugin = new ConfigDef()
      .define({ name: 'file', type: 'STRING', defaultValue: null, importance: 'HIGH', documentation: 'plugin' })
      .define({ name: 'tasks.max', type: 'INT', defaultValue: 2, importance: 'HIGH', documentation: 'plugin' });
    expect(() => new ConfigDef(base).merge(plugin)).toThrow('Configuration tasks.max is defined twice.');
    const kept = new ConfigDef(plugin).merge(base, 'keep');
    expect(kept.names()).toEqual(['file', 'tasks.max', 'name']);
    expect(kept.configKey('tasks.max')?.documentation).toBe('plugin');
    const replaced = new ConfigDef(base).merge(plugin, 'replace');
    expect(replaced.names()).toEqual(['name', 'tasks.max', 'file']);
    expect(replaced.configKey('tasks.max')?.documentation).toBe('plugin');
    expect(base.names()).toEqual(['name', 'tasks.max']);
  });

  it('sorts keys in documentation order', () => {
    const def = new ConfigDef()
      .define({ name: 'z', type: 'STRING', defaultValue: '', importance: 'LOW', documentation: null, group: 'G', orderInGroup: 1 })
      .define({ name: 'b', type: 'STRING', defaultValue: '', importance: 'LOW', documentation: null })
      .define({ name: 'a', type: 'STRING', defaultValue: '', importance: 'HIGH', documentation: null })
      .define({ name: 'r', type: 'STRING', importance: 'LOW', documentation: null });
    expect(def.sortedKeys().map((key) => key.name)).toEqual(['r', 'a', 'b', 'z']);
  });
});

describe('REST shapes', () => {
  it('renders definitions as GET /connector-plugins/{plugin}/config does', () => {
    const def = sampleDef();
    expect(JSON.stringify(toConfigKeyInfo(def.configKey('topics')!))).toBe(
      '{"name":"topics","type":"LIST","required":false,"default_value":"","importance":"HIGH","documentation":"Topics.",' +
        '"group":"Common","width":"LONG","display_name":"Topics","dependents":[],"order":4}',
    );
    expect(toConfigKeyInfo(def.configKey('name')!)).toEqual({
      name: 'name',
      type: 'STRING',
      required: true,
      default_value: null,
      importance: 'HIGH',
      documentation: 'Connector name.',
      group: null,
      width: 'NONE',
      display_name: 'name',
      dependents: [],
      order: -1,
    });
    expect(toConfigKeyInfo(def.configKey('connection.password')!).default_value).toBeNull();
    expect(toConfigKeyInfo(def.configKey('offset.flush.timeout.ms')!).default_value).toBe('5000');
    expect(toConfigKeyInfo(def.configKey('mode')!).dependents).toEqual(['incrementing.column.name']);
    const hiddenDefault = new ConfigDef().define({ name: 'p', type: 'PASSWORD', defaultValue: 'secret', importance: 'LOW', documentation: null });
    expect(toConfigKeyInfo(hiddenDefault.configKey('p')!).default_value).toBe('[hidden]');
    expect(toConfigKeyInfos(def).map((info) => info.name)).toEqual(def.names());
  });

  it('builds the validate response with masked passwords and an error count', () => {
    const def = sampleDef();
    const values = def.validate({ 'tasks.max': '0', mode: 'incrementing', topics: 'a,b', 'connection.password': 'hunter2' });
    const infos = buildConfigInfos('org.example.SampleConnector', def.configKeys(), values, def.groups());
    expect(infos.name).toBe('org.example.SampleConnector');
    expect(infos.error_count).toBe(2);
    expect(infos.groups).toEqual(['Common', 'Mode']);
    const byName = new Map(infos.configs.map((config) => [config.definition?.name ?? config.value?.name, config]));
    expect(byName.get('connection.password')?.value).toEqual({
      name: 'connection.password',
      value: '[hidden]',
      recommended_values: [],
      errors: [],
      visible: true,
    });
    expect(byName.get('topics')?.value?.value).toBe('a,b');
    expect(byName.get('offset.flush.timeout.ms')?.value?.value).toBe('5000');
    expect(byName.get('incrementing.column.name')?.value).toEqual({
      name: 'incrementing.column.name',
      value: '',
      recommended_values: ['id', 'seq'],
      errors: [],
      visible: true,
    });
    expect(byName.get('tasks.max')?.value?.errors).toEqual(['Invalid value 0 for configuration tasks.max: Value must be at least 1']);
    expect(JSON.stringify(infos.configs[0])).toMatch(/^\{"definition":\{"name":"name",.*\},"value":\{"name":"name","value":null,"recommended_values":\[\],"errors":\["Missing required/);
    expect(JSON.stringify(infos).includes('hunter2')).toBe(false);
  });

  it('lists values without a definition first, with definition null', () => {
    const def = sampleDef();
    const values = def.validate({ name: 'n' });
    const orphan = new ConfigValue('unknown.key', 'v', [], ['Null value can not be supplied as the configuration value.']);
    const infos = buildConfigInfos('C', def.configKeys(), [...values, orphan], def.groups());
    expect(infos.configs[0]).toEqual({
      definition: null,
      value: { name: 'unknown.key', value: 'v', recommended_values: [], errors: ['Null value can not be supplied as the configuration value.'], visible: true },
    });
    expect(infos.error_count).toBe(1);
  });
});

describe('ParsedConfig', () => {
  it('gives typed values and refuses unknown keys or wrong types', () => {
    const config = new ParsedConfig(sampleDef(), { name: 'n', 'tasks.max': '2', 'producer.override.acks': 'all', 'producer.override.linger.ms': '5' });
    expect(config.getString('name')).toBe('n');
    expect(config.getInt('tasks.max')).toBe(2);
    expect(config.getLong('offset.flush.timeout.ms')).toBe(5000n);
    expect(config.getLongAsNumber('offset.flush.timeout.ms')).toBe(5000);
    expect(config.getList('topics')).toEqual([]);
    expect(config.getPassword('connection.password')).toBeNull();
    expect(() => config.get('nope')).toThrow("Unknown configuration 'nope'");
    expect(() => config.getInt('name')).toThrow("Configuration 'name' is of type STRING, not INT");
    expect(config.originalsWithPrefix('producer.override.')).toEqual({ acks: 'all', 'linger.ms': '5' });
  });
});
