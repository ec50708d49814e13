import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Plugins, type PluginDescriptor } from './plugins.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const plugin = (className: string, kind: PluginDescriptor['kind']): PluginDescriptor => ({ className, kind, version: '1.0', create: () => ({}) });

describe('Plugins', () => {
  const plugins = new Plugins().register(
    plugin('org.apache.kafka.connect.file.FileStreamSinkConnector', 'sink'),
    plugin('org.apache.kafka.connect.file.FileStreamSourceConnector', 'source'),
    plugin('org.apache.kafka.connect.json.JsonConverter', 'converter'),
    plugin('com.example.FileStreamSinkConnector', 'sink'),
  );

  it('resolves class names, simple names and names without the kind suffix', () => {
    expect(plugins.resolve('org.apache.kafka.connect.file.FileStreamSourceConnector', ['source', 'sink']).kind).toBe('source');
    expect(plugins.resolve('FileStreamSourceConnector', ['source', 'sink']).className).toMatch(/FileStreamSourceConnector$/);
    expect(plugins.resolve('FileStreamSource', ['source', 'sink']).className).toMatch(/FileStreamSourceConnector$/);
    expect(plugins.resolve('Json', ['converter']).className).toBe('org.apache.kafka.connect.json.JsonConverter');
  });

  it('reports ambiguity and unknown names as Kafka Connect does', () => {
    expect(() => plugins.resolve('FileStreamSink', ['source', 'sink'])).toThrow(/More than one connector matches alias FileStreamSink/);
    expect(() => plugins.resolve('Nope', ['source', 'sink'])).toThrow(/Failed to find any class that implements Connector and which name matches Nope/);
    expect(() => plugins.resolve('Nope', ['converter'])).toThrow('Unknown plugin Nope.');
    expect(plugins.find('JsonConverter', ['source', 'sink'])).toBeUndefined();
  });

  it('loads plugin packages from plugin.path', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sluice-plugins-'));
    dirs.push(root);
    const pkg = join(root, 'my-plugin');
    mkdirSync(pkg);
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'my-plugin', type: 'module', sluice: { plugin: './index.js' } }));
    writeFileSync(join(pkg, 'index.js'), "export const plugins = [{ className: 'com.example.UpperCase', kind: 'transformation', version: '2.0', create: () => ({}) }];\n");
    mkdirSync(join(root, 'not-a-plugin'));
    const p = new Plugins();
    expect(await p.loadPluginPath([root])).toEqual([pkg]);
    expect(p.resolve('UpperCase', ['transformation']).version).toBe('2.0');
    await expect(p.loadPluginPath([join(root, 'missing')])).rejects.toThrow(/not a directory/);
  });
});
