import { describe, expect, it } from 'vitest';
import { BUILTIN_CONNECTORS } from '../../connectors/index.js';
import { BUILTIN_PREDICATES, BUILTIN_TRANSFORMS } from '../../transforms/index.js';
import { DEFERRED_BUILTINS, loadPlugins } from './builtin-plugins.js';
import type { PluginDescriptor } from './plugins.js';

const identity = (d: { className: string; kind: string; version: string }): string => `${d.kind} ${d.className} ${d.version}`;

describe('built-in plugins', () => {
  it('names the connectors, transforms and predicates of connectors/index.ts and transforms/index.ts', () => {
    const ofRecord = [...BUILTIN_CONNECTORS, ...BUILTIN_TRANSFORMS, ...BUILTIN_PREDICATES].map(identity).sort();
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
    await expect(plugins.prepare({ 'connector.class': 'Nope', 'transforms.x.type': 'Nope' })).resolves.toBeUndefined();
  });
});
