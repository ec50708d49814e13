import { describe, expect, it } from 'vitest';
import { BUILTIN_CONNECTORS } from '../../connectors/index.js';
import { BUILTIN_PREDICATES, BUILTIN_TRANSFORMS } from '../../transforms/index.js';
import { BUILTIN_CONVERTERS } from '../converters/builtin-converters.js';
import { isConverter, isHeaderConverter } from '../converters/converter.js';
import { DEFERRED_BUILTINS, loadPlugins } from './builtin-plugins.js';
import type { PluginDescriptor } from './plugins.js';
import { SLUICE_VERSION } from './version.js';

const identity = (d: { className: string; kind: string; version: string }): string => `${d.kind} ${d.className} ${d.version}`;

describe('built-in plugins', () => {
  it('names the connectors, converters, transforms and predicates of the lists of record', () => {
    const converters = BUILTIN_CONVERTERS.flatMap(([className, factory]) => {
      const sample = factory();
      return [...(isConverter(sample) ? ['converter'] : []), ...(isHeaderConverter(sample) ? ['header_converter'] : [])].map((kind) => ({ className, kind, version: SLUICE_VERSION }));
    });
    const ofRecord = [...BUILTIN_CONNECTORS, ...converters, ...BUILTIN_TRANSFORMS, ...BUILTIN_PREDICATES].map(identity).sort();
    expect(DEFERRED_BUILTINS.map(identity).sort()).toEqual(ofRecord);
  });

  it('loads each deferred plugin from a module that defines it', async () => {
    for (const d of DEFERRED_BUILTINS) {
      const found = (await d.load()).find((l: PluginDescriptor) => l.className === d.className && l.kind === d.kind);
      expect(found, d.className).toBeDefined();
    }
  });

  it('creates a plugin once a config naming it is prepared, not before', async () => {
    const plugins = await loadPlugins();
    const config = {
      'connector.class': 'FileStreamSource',
      transforms: 'mask',
      'transforms.mask.type': 'org.apache.kafka.connect.transforms.MaskField$Value',
      'transforms.mask.predicate': 'tomb',
      'predicates.tomb.type': 'RecordIsTombstone',
    };
    expect(() => plugins.resolve('RecordIsTombstone', ['predicate']).create()).toThrow(/used before its module was loaded/);
    await plugins.prepare(config);
    expect(plugins.resolve('FileStreamSource', ['source', 'sink']).create()).toHaveProperty('kind', 'source');
    expect(plugins.resolve('org.apache.kafka.connect.transforms.MaskField$Value', ['transformation']).create()).toHaveProperty('apply');
    expect(plugins.resolve('RecordIsTombstone', ['predicate']).create()).toHaveProperty('test');
    expect((await plugins.load('Filter', ['transformation'])).create()).toHaveProperty('apply');
    expect((await plugins.load('StringConverter', ['converter'])).create()).toHaveProperty('fromConnectData');
    expect((await plugins.load('SimpleHeaderConverter', ['header_converter'])).create()).toHaveProperty('toConnectHeader');
    await expect(plugins.prepare({ 'connector.class': 'Nope', 'transforms.x.type': 'Nope' })).resolves.toBeUndefined();
  });
});
