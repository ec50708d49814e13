import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigException } from './config-exception.js';
import { findConfigVariables, isConfigVariableReference } from './config-variables.js';
import {
  ConfigProviderRegistry,
  DirectoryConfigProvider,
  FileConfigProvider,
  WorkerConfigProviders,
  resolveConfig,
  type ConfigProvider,
} from './providers.js';

const dir = mkdtempSync(join(tmpdir(), 'sluice-providers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const credsPath = join(dir, 'creds.properties');
writeFileSync(credsPath, '# database credentials\ndb.user=app\ndb.password = s3cr:et\n');
const secretsDir = join(dir, 'secrets');
mkdirSync(secretsDir);
writeFileSync(join(secretsDir, 'api-token'), 'tok-123\n');
writeFileSync(join(secretsDir, 'real-file'), 'linked');
symlinkSync(join(secretsDir, 'real-file'), join(secretsDir, 'link'));
mkdirSync(join(secretsDir, 'subdir'));

const environment = { DB_HOST: 'db.internal', APP_PORT: '5432', HOME: '/root' };

async function workerProviders(extra: Record<string, string> = {}): Promise<WorkerConfigProviders> {
  return WorkerConfigProviders.fromWorkerConfig(
    {
      'config.providers': 'file, env,directory',
      'config.providers.file.class': 'org.apache.kafka.common.config.provider.FileConfigProvider',
      'config.providers.env.class': 'org.apache.kafka.common.config.provider.EnvVarConfigProvider',
      'config.providers.directory.class': 'org.apache.kafka.common.config.provider.DirectoryConfigProvider',
      ...extra,
    },
    ConfigProviderRegistry.withBuiltIns({ environment }),
  );
}

describe('config variables', () => {
  it("finds references with Kafka's pattern", () => {
    expect(findConfigVariables('jdbc:postgresql://${env:DB_HOST}:${env:APP_PORT}/db')).toMatchObject([
      { text: '${env:DB_HOST}', provider: 'env', path: '', key: 'DB_HOST' },
      { text: '${env:APP_PORT}', provider: 'env', path: '', key: 'APP_PORT' },
    ]);
    expect(findConfigVariables('${file:/a/b.properties:x.y}')).toMatchObject([{ provider: 'file', path: '/a/b.properties', key: 'x.y' }]);
    expect(findConfigVariables('${file:/a:b:c}')).toMatchObject([{ provider: 'file', path: '/a', key: 'b:c' }]);
    expect(findConfigVariables('$ {env:X} ${noColon}')).toEqual([]);
    expect(isConfigVariableReference('${file:/p:k}')).toBe(true);
    expect(isConfigVariableReference('x${file:/p:k}')).toBe(false);
  });
});

describe('resolveConfig with the built-in providers', () => {
  it('resolves file, env and directory references, also inside larger strings', async () => {
    const providers = await workerProviders();
    const raw = {
      'connection.url': 'jdbc:postgresql://${env:DB_HOST}:${env:APP_PORT}/db',
      'connection.user': `\${file:${credsPath}:db.user}`,
      'connection.password': `\${file:${credsPath}:db.password}`,
      'api.token': `\${directory:${secretsDir}:api-token}`,
      'linked.value': `\${directory:${secretsDir}:link}`,
      'plain': 'no references',
    };
    const resolved = await resolveConfig(raw, providers);
    expect(resolved.config).toEqual({
      'connection.url': 'jdbc:postgresql://db.internal:5432/db',
      'connection.user': 'app',
      'connection.password': 's3cr:et',
      'api.token': 'tok-123\n',
      'linked.value': 'linked',
      'plain': 'no references',
    });
    expect(resolved.warnings).toEqual([]);
    expect(raw['connection.password']).toContain('${file:');
  });

  it('leaves references to unknown providers and missing keys as written, with warnings', async () => {
    const providers = await workerProviders();
    const raw = {
      a: '${vault:secret/db:password}',
      b: `x-\${file:${credsPath}:db.missing}-y`,
      c: '${env:NOT_SET}',
      d: `\${directory:${secretsDir}:subdir}`,
      e: `\${directory:${secretsDir}:../creds.properties}`,
    };
    const resolved = await resolveConfig(raw, providers);
    expect(resolved.config).toEqual(raw);
    expect(resolved.warnings).toEqual([
      "Config 'a' refers to ${vault:secret/db:password}, but no config provider 'vault' is configured; left unresolved",
      `Config 'b' refers to \${file:${credsPath}:db.missing}, which provider 'file' could not resolve; left unresolved`,
      "Config 'c' refers to ${env:NOT_SET}, which provider 'env' could not resolve; left unresolved",
      `Config 'd' refers to \${directory:${secretsDir}:subdir}, which provider 'directory' could not resolve; left unresolved`,
      `Config 'e' refers to \${directory:${secretsDir}:../creds.properties}, which provider 'directory' could not resolve; left unresolved`,
    ]);
    for (const warning of resolved.warnings) expect(warning).not.toContain('s3cr');
  });

  it('fails when a provider cannot do the lookup, as Kafka does', async () => {
    const providers = await workerProviders();
    await expect(resolveConfig({ x: `\${file:${join(dir, 'absent.properties')}:k}` }, providers)).rejects.toThrow(
      /Could not read properties from file .*absent\.properties/,
    );
    await expect(resolveConfig({ x: '${env:/some/path:HOME}' }, providers)).rejects.toThrow(
      "Path is not supported for EnvVarConfigProvider, invalid value '/some/path'",
    );
  });

  it('applies the env allowlist.pattern to whole names', async () => {
    const providers = await workerProviders({ 'config.providers.env.param.allowlist.pattern': 'DB_.*' });
    const resolved = await resolveConfig({ host: '${env:DB_HOST}', home: '${env:HOME}' }, providers);
    expect(resolved.config).toEqual({ host: 'db.internal', home: '${env:HOME}' });
    expect(resolved.warnings).toHaveLength(1);
    const partial = await workerProviders({ 'config.providers.env.param.allowlist.pattern': 'DB' });
    expect((await resolveConfig({ host: '${env:DB_HOST}' }, partial)).config.host).toBe('${env:DB_HOST}');
    await expect(workerProviders({ 'config.providers.env.param.allowlist.pattern': '(' })).rejects.toThrow(
      /Invalid value \( for configuration allowlist.pattern/,
    );
  });

  it('passes allowed.paths to the file and directory providers', async () => {
    const providers = await workerProviders({
      'config.providers.file.param.allowed.paths': secretsDir,
      'config.providers.directory.param.allowed.paths': secretsDir,
    });
    const resolved = await resolveConfig(
      { p: `\${file:${credsPath}:db.password}`, escape: `\${file:${secretsDir}/../creds.properties:db.password}`, t: `\${directory:${secretsDir}:api-token}` },
      providers,
    );
    expect(resolved.config.p).toBe(`\${file:${credsPath}:db.password}`);
    expect(resolved.config.escape).toContain('${file:');
    expect(resolved.config.t).toBe('tok-123\n');
    expect(resolved.warnings).toContain(`The path ${credsPath} is not allowed to be accessed`);
    await expect(workerProviders({ 'config.providers.file.param.allowed.paths': 'relative/dir' })).rejects.toThrow('Path relative/dir is not absolute');
    await expect(workerProviders({ 'config.providers.file.param.allowed.paths': join(dir, 'nope') })).rejects.toThrow(/does not exist/);
  });

  it('warns about a directory reference whose path is not a directory', async () => {
    const resolved = await resolveConfig({ x: `\${directory:${credsPath}:db.user}` }, await workerProviders());
    expect(resolved.warnings).toContain(`The path ${credsPath} is not a directory`);
  });
});

describe('WorkerConfigProviders', () => {
  it('accepts short class aliases and skips aliases without a class, with a warning', async () => {
    const providers = await WorkerConfigProviders.fromWorkerConfig(
      {
        'config.providers': 'f,d,e,orphan',
        'config.providers.f.class': 'FileConfigProvider',
        'config.providers.d.class': 'Directory',
        'config.providers.e.class': 'EnvVar',
      },
      ConfigProviderRegistry.withBuiltIns({ environment: { X: '1' } }),
    );
    expect(providers.aliases()).toEqual(['f', 'd', 'e']);
    expect(providers.get('f')).toBeInstanceOf(FileConfigProvider);
    expect(providers.get('d')).toBeInstanceOf(DirectoryConfigProvider);
    expect(providers.warnings).toEqual([
      "Config provider 'orphan' is listed in config.providers but config.providers.orphan.class is not set; its references stay unresolved",
    ]);
    expect((await resolveConfig({ x: '${e:X}' }, providers)).config.x).toBe('1');
  });

  it('rejects an unknown provider class, naming the available ones', async () => {
    await expect(
      WorkerConfigProviders.fromWorkerConfig({ 'config.providers': 'v', 'config.providers.v.class': 'com.example.VaultConfigProvider' }),
    ).rejects.toThrow(
      /^Failed to find any class that implements ConfigProvider and which name matches com.example.VaultConfigProvider, available ConfigProviders are: org.apache.kafka.common.config.provider.FileConfigProvider, /,
    );
  });

  it('resolves nothing when no providers are configured', async () => {
    const providers = await WorkerConfigProviders.fromWorkerConfig({ 'bootstrap.servers': 'localhost:9092' });
    expect(providers.aliases()).toEqual([]);
    const resolved = await resolveConfig({ x: '${env:HOME}' }, providers);
    expect(resolved.config.x).toBe('${env:HOME}');
  });

  it('lets plugins register providers, with params, TTLs and close', async () => {
    const calls: string[] = [];
    class VaultConfigProvider implements ConfigProvider {
      private token = '';
      configure(params: Readonly<Record<string, string>>): void {
        this.token = params.token ?? '';
      }
      get(path: string, keys: ReadonlySet<string>) {
        calls.push(`${path}:${[...keys].sort().join(',')}`);
        return { data: Object.fromEntries([...keys].map((key) => [key, `${this.token}/${path}/${key}`])), ttl: 60_000 };
      }
      close(): void {
        calls.push('closed');
      }
    }
    const registry = ConfigProviderRegistry.withBuiltIns().register('com.example.VaultConfigProvider', () => new VaultConfigProvider());
    expect(() => registry.register('com.example.VaultConfigProvider', () => new VaultConfigProvider())).toThrow(ConfigException);
    const providers = await WorkerConfigProviders.fromWorkerConfig(
      { 'config.providers': 'vault', 'config.providers.vault.class': 'Vault', 'config.providers.vault.param.token': 't0k' },
      registry,
    );
    const resolved = await resolveConfig({ a: '${vault:db:user}', b: '${vault:db:pass}-${vault:other:x}' }, providers);
    expect(resolved.config).toEqual({ a: 't0k/db/user', b: 't0k/db/pass-t0k/other/x' });
    expect([...resolved.ttls]).toEqual([
      ['db', 60_000],
      ['other', 60_000],
    ]);
    expect(calls).toEqual(['db:pass,user', 'other:x']);
    await providers.close();
    expect(calls).toContain('closed');
  });
});
