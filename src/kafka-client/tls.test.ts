/** TLS connections (certificate and host name verified) against a scripted TLS server. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiVersions } from '../broker/protocol/messages/api-versions.js';
import { silentLogger } from '../util/logger.js';
import { KafkaConnectionError } from './errors.js';
import { apiVersionsAnswer, startFakeBroker, type FakeBroker } from './fake-broker.js';
import { openSession } from './session.js';

let dir: string;
let cert: Buffer;
let fake: FakeBroker;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-tls-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  cert = readFileSync(join(dir, 'cert.pem'));
  fake = await startFakeBroker([ApiVersions], () => apiVersionsAnswer([[0, 3, 9], [3, 0, 12], [18, 0, 3]]), {
    key: readFileSync(join(dir, 'key.pem')),
    cert,
  });
});

afterAll(async () => {
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

const options = { port: 0, clientId: 'tls-test', requestTimeoutMs: 5000, logger: silentLogger() };

describe('TLS', () => {
  it('negotiates over TLS with a trusted certificate for the host name', async () => {
    const session = await openSession({ ...options, host: 'localhost', port: fake.port, ssl: { ca: cert } });
    expect(session.versions.produce).toBe(7);
    expect(session.versions.metadata).toBe(8);
    await session.connection.close();
  });

  it('refuses an untrusted certificate', async () => {
    await expect(openSession({ ...options, host: 'localhost', port: fake.port, ssl: {} })).rejects.toBeInstanceOf(KafkaConnectionError);
  });
});
