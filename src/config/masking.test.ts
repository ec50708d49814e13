import { describe, expect, it } from 'vitest';
import { ConfigDef } from './config-def.js';
import { isSensitiveConfigKey, maskConfig } from './masking.js';

describe('maskConfig', () => {
  const def = new ConfigDef()
    .define({ name: 'connection.password', type: 'PASSWORD', defaultValue: null, importance: 'HIGH', documentation: null })
    .define({ name: 'api.key', type: 'STRING', defaultValue: '', importance: 'LOW', documentation: 'Not a secret in this connector.' })
    .define({ name: 'credentials', type: 'PASSWORD', defaultValue: null, importance: 'HIGH', documentation: null });

  it('hides PASSWORD-typed keys and unknown keys named like secrets', () => {
    const raw = {
      'connection.password': 'hunter2',
      credentials: 'user:pw',
      'api.key': 'visible-by-definition',
      'ssl.key.password': 'kp',
      'aws.secret': 's',
      'S3.Customer.KEY': 'k',
      password: 'bare',
      'producer.override.sasl.jaas.config': 'org.apache.kafka.common.security.plain.PlainLoginModule required password="x";',
      'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'key.ignore': 'true',
      'transforms.mask.fields': 'password',
      name: 'conn',
    };
    expect(maskConfig(raw, def)).toEqual({
      'connection.password': '[hidden]',
      credentials: '[hidden]',
      'api.key': 'visible-by-definition',
      'ssl.key.password': '[hidden]',
      'aws.secret': '[hidden]',
      'S3.Customer.KEY': '[hidden]',
      password: '[hidden]',
      'producer.override.sasl.jaas.config': '[hidden]',
      'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'key.ignore': 'true',
      'transforms.mask.fields': 'password',
      name: 'conn',
    });
  });

  it('judges by name alone without a definition', () => {
    expect(maskConfig({ 'api.key': 'k', 'connection.password': 'p', credentials: 'c' })).toEqual({
      'api.key': '[hidden]',
      'connection.password': '[hidden]',
      credentials: 'c',
    });
    expect(isSensitiveConfigKey('my.passwords')).toBe(false);
    expect(isSensitiveConfigKey('client.SECRET')).toBe(true);
  });

  it('shows a secret that is exactly one provider reference, and hides references mixed with text', () => {
    expect(
      maskConfig(
        {
          'connection.password': '${file:/etc/kafka/creds.properties:db.password}',
          'other.password': 'prefix-${env:PW}',
          'connection.url': 'jdbc:postgresql://${env:DB_HOST}/db',
        },
        def,
      ),
    ).toEqual({
      'connection.password': '${file:/etc/kafka/creds.properties:db.password}',
      'other.password': '[hidden]',
      'connection.url': 'jdbc:postgresql://${env:DB_HOST}/db',
    });
  });

  it('does not change the input', () => {
    const raw = { 'a.password': 'x' };
    maskConfig(raw);
    expect(raw).toEqual({ 'a.password': 'x' });
  });
});
