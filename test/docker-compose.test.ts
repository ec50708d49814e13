// Checks that docker-compose.yml, the Dockerfile, config/docker and .ci/run
// agree with each other. No Docker engine is needed: the files are only parsed.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  ports?: Array<string | number | { target?: number | string; published?: number | string }>;
  expose?: Array<string | number>;
  environment?: Record<string, unknown> | string[];
  command?: string | string[];
  entrypoint?: string | string[];
  volumes?: Array<string | { type?: string; source?: string; target?: string }>;
  depends_on?: string[] | Record<string, unknown>;
  healthcheck?: { test?: string | string[] };
}

const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
};
const services = compose.services;

/** Container-side ports a service publishes or exposes. */
function containerPorts(svc: Service): number[] {
  const out: number[] = [];
  for (const p of svc.ports ?? []) {
    if (typeof p === 'object') {
      if (p.target !== undefined) out.push(Number(p.target));
      continue;
    }
    // "HOST:CONTAINER", "IP:HOST:CONTAINER", "CONTAINER", optionally "/tcp".
    const spec = String(p).split('/')[0]!;
    const parts = spec.split(':');
    out.push(Number(parts[parts.length - 1]));
  }
  for (const p of svc.expose ?? []) out.push(Number(String(p).split('/')[0]));
  return out;
}

/** Host-side (published) ports of a service. */
function publishedPorts(svc: Service): number[] {
  const out: number[] = [];
  for (const p of svc.ports ?? []) {
    if (typeof p === 'object') {
      if (p.published !== undefined) out.push(Number(p.published));
      continue;
    }
    const parts = String(p).split('/')[0]!.split(':');
    if (parts.length >= 2) out.push(Number(parts[parts.length - 2]));
  }
  return out;
}

function env(svc: Service): Record<string, string> {
  const e = svc.environment ?? {};
  if (Array.isArray(e)) {
    return Object.fromEntries(
      e.map((kv) => {
        const i = kv.indexOf('=');
        return i < 0 ? [kv, ''] : [kv.slice(0, i), kv.slice(i + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(e).map(([k, v]) => [k, String(v)]));
}

function argv(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : value.trim().split(/\s+/);
}

/** Map a path inside the container back to a host path through bind mounts. */
function hostPathFor(svc: Service, containerPath: string): string | undefined {
  let best: { target: string; source: string } | undefined;
  for (const v of svc.volumes ?? []) {
    let source: string | undefined;
    let target: string | undefined;
    if (typeof v === 'string') {
      const parts = v.split(':');
      source = parts[0];
      target = parts[1];
    } else {
      source = v.source;
      target = v.target;
    }
    if (!source || !target || !(source.startsWith('.') || source.startsWith('/'))) continue;
    const t = posix.normalize(target).replace(/\/$/, '');
    if (containerPath === t || containerPath.startsWith(t + '/')) {
      if (!best || t.length > best.target.length) best = { target: t, source };
    }
  }
  if (!best) return undefined;
  return resolve(root, best.source, posix.relative(best.target, containerPath));
}

describe('docker-compose.yml', () => {
  it('defines the six services', () => {
    for (const name of ['kafka', 'postgres', 'mariadb', 'elasticsearch', 'minio', 'sluice']) {
      expect(services, `service ${name}`).toHaveProperty(name);
    }
  });

  it('runs Kafka 3.9 as a single KRaft node on 9092', () => {
    const kafka = services.kafka!;
    expect(kafka.image).toBe('apache/kafka:3.9.0');
    expect(containerPorts(kafka)).toContain(9092);
    const e = env(kafka);
    const roles = (e.KAFKA_PROCESS_ROLES ?? '').split(',').map((s) => s.trim());
    expect(roles).toContain('controller');
    expect(roles).toContain('broker');
    expect(e.KAFKA_NODE_ID).toBeTruthy();
    expect(e.KAFKA_CONTROLLER_QUORUM_VOTERS).toMatch(new RegExp(`^${e.KAFKA_NODE_ID}@`));
    expect(e.KAFKA_CONTROLLER_LISTENER_NAMES).toBe('CONTROLLER');
    expect(e.KAFKA_LISTENERS).toMatch(/PLAINTEXT:\/\/[^,]*:9092/);
    expect(e.KAFKA_LISTENERS).toMatch(/CONTROLLER:\/\//);
    expect(e.KAFKA_ADVERTISED_LISTENERS).toContain('kafka:9092');
    expect(e.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
    expect(e.KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR).toBe('1');
    // Every advertised host listener must be published on the same host port.
    for (const l of (e.KAFKA_ADVERTISED_LISTENERS ?? '').split(',')) {
      const m = /^(\w+):\/\/localhost:(\d+)$/.exec(l.trim());
      if (m) expect(publishedPorts(kafka)).toContain(Number(m[2]));
    }
  });

  it.each([
    ['postgres', 5432],
    ['mariadb', 3306],
    ['elasticsearch', 9200],
    ['minio', 9000],
    ['sluice', 8083],
  ])('%s listens on %i', (name, port) => {
    expect(containerPorts(services[name]!)).toContain(port);
    expect(publishedPorts(services[name]!)).toContain(port);
  });

  it('configures the databases and search the way the tests expect', () => {
    expect(services.postgres!.image).toBe('postgres:16');
    expect(env(services.postgres!).POSTGRES_PASSWORD).toBeTruthy();
    expect(services.mariadb!.image).toBe('mariadb:11');
    const m = env(services.mariadb!);
    expect(m.MARIADB_DATABASE).toBe('test');
    expect(Boolean(m.MARIADB_ROOT_PASSWORD) || Boolean(m.MARIADB_ALLOW_EMPTY_ROOT_PASSWORD)).toBe(true);
    expect(services.elasticsearch!.image).toBe('docker.elastic.co/elasticsearch/elasticsearch:8.15.0');
    const es = env(services.elasticsearch!);
    expect(es['discovery.type']).toBe('single-node');
    expect(es['xpack.security.enabled']).toBe('false');
    expect(argv(services.minio!.command)).toEqual(['server', '/data', '--console-address', ':9001']);
  });

  it('gives the infrastructure services healthchecks', () => {
    for (const name of ['kafka', 'postgres', 'mariadb', 'elasticsearch', 'minio']) {
      expect(services[name]!.healthcheck?.test, `${name} healthcheck`).toBeTruthy();
    }
  });

  describe('sluice service', () => {
    const sluice = services.sluice!;

    it('is built from a Dockerfile in the repo', () => {
      const build = sluice.build;
      expect(build).toBeDefined();
      const context = typeof build === 'string' ? build : (build!.context ?? '.');
      const dockerfile = typeof build === 'object' && build.dockerfile ? build.dockerfile : 'Dockerfile';
      const path = resolve(root, context, dockerfile);
      expect(relative(root, path)).toBe('Dockerfile');
      expect(existsSync(path)).toBe(true);
    });

    it('starts after Kafka', () => {
      const deps = sluice.depends_on;
      const names = Array.isArray(deps) ? deps : Object.keys(deps ?? {});
      expect(names).toContain('kafka');
    });

    it('runs standalone with config files that exist in ./config/docker', () => {
      const cmd = argv(sluice.command);
      expect(cmd[0]).toBe('standalone');
      const files = cmd.filter((a) => a.startsWith('/etc/sluice/'));
      expect(files).toEqual([
        '/etc/sluice/worker.properties',
        '/etc/sluice/connect-file-source.properties',
        '/etc/sluice/connect-file-sink.properties',
      ]);
      for (const f of files) {
        const host = hostPathFor(sluice, f);
        expect(host, `${f} is not under a bind mount`).toBeDefined();
        expect(relative(root, host!)).toBe(join('config', 'docker', posix.basename(f)));
        expect(existsSync(host!), `${host} exists`).toBe(true);
      }
    });
  });
});

function readProperties(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of readFileSync(join(root, file), 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    const i = line.search(/[=:]/);
    if (i < 0) continue;
    out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

describe('config/docker', () => {
  it('worker.properties points at the compose Kafka and serves REST on 8083', () => {
    const w = readProperties('config/docker/worker.properties');
    expect(w['bootstrap.servers']).toBe('kafka:9092');
    expect(w['key.converter']).toBe('org.apache.kafka.connect.json.JsonConverter');
    expect(w['value.converter']).toBe('org.apache.kafka.connect.json.JsonConverter');
    expect(w['key.converter.schemas.enable']).toBe('true');
    expect(w['value.converter.schemas.enable']).toBe('true');
    expect(w['offset.storage.file.filename']).toBe('/tmp/connect.offsets');
    expect(w['offset.flush.interval.ms']).toBe('10000');
    expect(w['listeners']).toBe('http://0.0.0.0:8083');
    expect(w['plugin.path']).toBeTruthy();
  });

  it('file source and sink share the connect-test topic', () => {
    const src = readProperties('config/docker/connect-file-source.properties');
    const sink = readProperties('config/docker/connect-file-sink.properties');
    expect(src['connector.class']).toBe('FileStreamSource');
    expect(src['file']).toBe('/tmp/test.txt');
    expect(src['topic']).toBe('connect-test');
    expect(sink['connector.class']).toBe('FileStreamSink');
    expect(sink['file']).toBe('/tmp/test.sink.txt');
    expect(sink['topics']).toBe('connect-test');
    expect(src['name']).toBeTruthy();
    expect(sink['name']).toBeTruthy();
    expect(src['name']).not.toBe(sink['name']);
  });
});

describe('Dockerfile', () => {
  const text = readFileSync(join(root, 'Dockerfile'), 'utf8');

  it('uses node:20-bookworm-slim in several stages', () => {
    const froms = text.match(/^FROM\s+\S+/gim) ?? [];
    expect(froms.length).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/^FROM\s+node:20-bookworm-slim/m);
  });

  it('has an ENTRYPOINT that runs bin/sluice.js, which exists', () => {
    const lines = text.split('\n').filter((l) => /^ENTRYPOINT\s/i.test(l));
    expect(lines).toHaveLength(1);
    const args = JSON.parse(lines[0]!.replace(/^ENTRYPOINT\s+/i, '')) as string[];
    expect(args[0]).toBe('node');
    expect(args[1]).toBe('bin/sluice.js');
    expect(existsSync(join(root, args[1]!))).toBe(true);
  });

  it('exposes the REST port', () => {
    expect(text).toMatch(/^EXPOSE\s+8083\b/m);
  });

  it('has a .dockerignore that keeps build output and dependencies out', () => {
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim().replace(/^\/|\/$/g, ''));
    for (const entry of ['node_modules', 'dist', '.sluice', '.git']) expect(ignored).toContain(entry);
  });
});

describe('.ci/run', () => {
  const path = join(root, '.ci', 'run');

  it('is executable', () => {
    expect(statSync(path).mode & 0o111).not.toBe(0);
  });

  it('is strict bash that installs and runs the tests', () => {
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('#!')).toBe(true);
    expect(text).toMatch(/^set -euo pipefail$/m);
    expect(text).toMatch(/^\s*npm ci\b|\bnpm ci\b/m);
    expect(text).toMatch(/^\s*npm test\s*$/m);
  });
});
