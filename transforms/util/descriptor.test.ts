import { describe, expect, it } from 'vitest';
import { Schema, SchemaBuilder, SinkRecord, Struct } from '../../src/data/index.js';
import { buildTransformationChain } from '../../src/runtime/transformation-chain.js';
import { Plugins } from '../../src/runtime/plugins.js';
import * as cast from '../cast.js';
import * as extractField from '../extract-field.js';
import * as flatten from '../flatten.js';
import * as hoistField from '../hoist-field.js';
import * as insertField from '../insert-field.js';
import * as maskField from '../mask-field.js';
import * as replaceField from '../replace-field.js';
import * as setSchemaMetadata from '../set-schema-metadata.js';
import * as valueToKey from '../value-to-key.js';

const modules = [cast, extractField, flatten, hoistField, insertField, maskField, replaceField, setSchemaMetadata, valueToKey];

describe('transform descriptors', () => {
  const plugins = new Plugins().register(...modules.flatMap((m) => m.descriptors));

  it('resolve by class name and simple name', () => {
    expect(plugins.resolve('org.apache.kafka.connect.transforms.Cast$Value', ['transformation']).className).toBe(
      'org.apache.kafka.connect.transforms.Cast$Value',
    );
    expect(plugins.resolve('ValueToKey', ['transformation']).className).toBe('org.apache.kafka.connect.transforms.ValueToKey');
    expect(plugins.list(['transformation'])).toHaveLength(17);
  });

  it('run as a connector-configured chain', () => {
    const chain = buildTransformationChain(plugins, {
      transforms: 'flat,rename,mask,key,stamp',
      'transforms.flat.type': 'org.apache.kafka.connect.transforms.Flatten$Value',
      'transforms.flat.delimiter': '_',
      'transforms.rename.type': 'org.apache.kafka.connect.transforms.ReplaceField$Value',
      'transforms.rename.renames': 'user_name:name',
      'transforms.mask.type': 'org.apache.kafka.connect.transforms.MaskField$Value',
      'transforms.mask.fields': 'user_ssn',
      'transforms.key.type': 'org.apache.kafka.connect.transforms.ValueToKey',
      'transforms.key.fields': 'name',
      'transforms.stamp.type': 'org.apache.kafka.connect.transforms.InsertField$Value',
      'transforms.stamp.offset.field': 'offset',
    });
    const user = SchemaBuilder.struct().field('name', Schema.STRING_SCHEMA).field('ssn', Schema.STRING_SCHEMA).build();
    const schema = SchemaBuilder.struct().name('com.example.Signup').field('user', user).build();
    const value = new Struct(schema).put('user', new Struct(user).put('name', 'ada').put('ssn', '123-45-6789'));
    const out = chain.apply(new SinkRecord({ topic: 'signups', kafkaPartition: 0, kafkaOffset: 7n, valueSchema: schema, value }))!;
    expect((out.key() as Struct).get('name')).toBe('ada');
    const result = out.value() as Struct;
    expect(result.schema().name()).toBe('com.example.Signup');
    expect(result.schema().fields().map((f) => f.name())).toEqual(['name', 'user_ssn', 'offset']);
    expect(result.get('user_ssn')).toBe('');
    expect(result.get('offset')).toBe(7n);
  });
});
