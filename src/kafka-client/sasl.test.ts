/**
 * SASL against a scripted server (the embedded broker has no SASL): PLAIN, and SCRAM-SHA-256/512
 * with the server side computed per RFC 5802 from stored credentials (salt, StoredKey, ServerKey).
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiVersions } from '../broker/protocol/messages/api-versions.js';
import { KafkaSaslError, LeanProducer } from './index.js';
import { apiVersionsAnswer, startFakeBroker, type FakeBroker, type FakeRequest } from './fake-broker.js';
import { parseScramAttributes, ScramClient } from './scram.js';
import { openSession, type SaslOptions } from './session.js';
import { SaslAuthenticate, SaslHandshake } from './specs.js';
import { silentLogger } from '../util/logger.js';

const USER = 'alice,=admin';
const PASSWORD = 'pässwörd-1';
const ITERATIONS = 4096;

type Hash = 'sha256' | 'sha512';

interface ScramCredential {
  salt: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
}

function credential(hash: Hash, password: string): ScramCredential {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, ITERATIONS, hash === 'sha256' ? 32 : 64, hash);
  const clientKey = createHmac(hash, salted).update('Client Key').digest();
  return {
    salt,
    storedKey: createHash(hash).update(clientKey).digest(),
    serverKey: createHmac(hash, salted).update('Server Key').digest(),
  };
}

interface AuthOutcome {
  authenticated: boolean;
}

/** The server half of SaslHandshake v1 + SaslAuthenticate for PLAIN and SCRAM (RFC 5802 §3). */
function saslServer(options: { mechanisms: string[]; password: string; forgeServerSignature?: boolean }, outcome: AuthOutcome) {
  const creds = { 'SCRAM-SHA-256': credential('sha256', options.password), 'SCRAM-SHA-512': credential('sha512', options.password) } as const;
  return (req: FakeRequest): object | null => {
    const { state } = req;
    switch (req.apiKey) {
      case 18:
        return apiVersionsAnswer([[0, 3, 9], [3, 0, 12], [17, 0, 1], [18, 0, 3], [36, 0, 2]]);
      case 17: {
        const mechanism = String(req.body.mechanism);
        state.set('mechanism', mechanism);
        return { errorCode: options.mechanisms.includes(mechanism) ? 0 : 33, mechanisms: options.mechanisms };
      }
      case 36: {
        const token = req.body.authBytes as Buffer;
        const mechanism = state.get('mechanism') as string;
        const fail = (message: string) => ({ errorCode: 58, errorMessage: message, authBytes: Buffer.alloc(0), sessionLifetimeMs: 0 });
        const ok = (bytes: Buffer) => ({ errorCode: 0, errorMessage: null, authBytes: bytes, sessionLifetimeMs: 0 });
        if (mechanism === 'PLAIN') {
          const [authzid, user, password] = token.toString('utf8').split('\u0000');
          if (authzid !== '' || user !== USER || password !== options.password) return fail('Invalid username or password');
          outcome.authenticated = true;
          return ok(Buffer.alloc(0));
        }
        const hash: Hash = mechanism === 'SCRAM-SHA-256' ? 'sha256' : 'sha512';
        const cred = creds[mechanism as keyof typeof creds];
        const message = token.toString('utf8');
        if (!state.has('serverFirst')) {
          if (!message.startsWith('n,,')) return fail('bad gs2 header');
          const clientFirstBare = message.slice(3);
          const attrs = parseScramAttributes(clientFirstBare);
          if (attrs.get('n')?.replace(/=2C/g, ',').replace(/=3D/g, '=') !== USER) return fail('unknown user');
          const serverFirst = `r=${attrs.get('r')}${randomBytes(18).toString('base64')},s=${cred.salt.toString('base64')},i=${ITERATIONS}`;
          state.set('clientFirstBare', clientFirstBare);
          state.set('serverFirst', serverFirst);
          return ok(Buffer.from(serverFirst));
        }
        const attrs = parseScramAttributes(message);
        const serverFirst = state.get('serverFirst') as string;
        if (attrs.get('c') !== 'biws' || attrs.get('r') !== parseScramAttributes(serverFirst).get('r')) return fail('bad channel binding or nonce');
        const withoutProof = message.slice(0, message.lastIndexOf(',p='));
        const authMessage = `${state.get('clientFirstBare') as string},${serverFirst},${withoutProof}`;
        const clientSignature = createHmac(hash, cred.storedKey).update(authMessage).digest();
        const proof = Buffer.from(attrs.get('p') ?? '', 'base64');
        if (proof.length !== clientSignature.length) return fail('bad proof');
        const clientKey = Buffer.from(proof.map((b, i) => b ^ clientSignature[i]));
        if (!createHash(hash).update(clientKey).digest().equals(cred.storedKey)) return fail('Authentication failed during authentication due to invalid credentials with SASL mechanism ' + mechanism);
        const serverSignature = createHmac(hash, options.forgeServerSignature ? randomBytes(32) : cred.serverKey).update(authMessage).digest();
        outcome.authenticated = true;
        return ok(Buffer.from(`v=${serverSignature.toString('base64')}`));
      }
      default:
        return null;
    }
  };
}

let fake: FakeBroker | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function authenticate(sasl: SaslOptions, server: { mechanisms: string[]; password: string; forgeServerSignature?: boolean }): Promise<AuthOutcome> {
  const outcome: AuthOutcome = { authenticated: false };
  fake = await startFakeBroker([ApiVersions, SaslHandshake, SaslAuthenticate], saslServer(server, outcome));
  const session = await openSession({ host: '127.0.0.1', port: fake.port, clientId: 'sasl-test', requestTimeoutMs: 5000, logger: silentLogger(), sasl });
  await session.connection.close();
  return outcome;
}

const ALL = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'];

describe('SASL', () => {
  for (const mechanism of ['plain', 'scram-sha-256', 'scram-sha-512'] as const) {
    it(`${mechanism}: authenticates with the right password`, async () => {
      const outcome = await authenticate({ mechanism, username: USER, password: PASSWORD }, { mechanisms: ALL, password: PASSWORD });
      expect(outcome.authenticated).toBe(true);
      const keys = fake?.requests.map((r) => `${r.apiKey}v${r.apiVersion}`);
      // ApiVersions, SaslHandshake v1, then SaslAuthenticate v1 (one token for PLAIN, two for SCRAM).
      expect(keys).toEqual(['18v0', '17v1', ...(mechanism === 'plain' ? ['36v1'] : ['36v1', '36v1'])]);
    });

    it(`${mechanism}: fails with a wrong password`, async () => {
      const err = await authenticate({ mechanism, username: USER, password: 'wrong' }, { mechanisms: ALL, password: PASSWORD }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KafkaSaslError);
      expect((err as Error).message).toMatch(/authentication .*failed/i);
    });
  }

  it('SCRAM: rejects a server that cannot prove it knows the password', async () => {
    const err = await authenticate(
      { mechanism: 'scram-sha-256', username: USER, password: PASSWORD },
      { mechanisms: ALL, password: PASSWORD, forgeServerSignature: true },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KafkaSaslError);
    expect((err as Error).message).toContain('server signature');
  });

  it('reports a mechanism the broker does not enable', async () => {
    const err = await authenticate({ mechanism: 'scram-sha-512', username: USER, password: PASSWORD }, { mechanisms: ['PLAIN'], password: PASSWORD }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KafkaSaslError);
    expect((err as Error).message).toContain('refused');
  });

  it('LeanProducer.connect surfaces the SASL failure', async () => {
    fake = await startFakeBroker([ApiVersions, SaslHandshake, SaslAuthenticate], saslServer({ mechanisms: ALL, password: PASSWORD }, { authenticated: false }));
    const producer = new LeanProducer({
      bootstrapServers: [`127.0.0.1:${fake.port}`],
      clientId: 'sasl-test',
      acks: -1,
      compression: 0,
      sasl: { mechanism: 'scram-sha-256', username: USER, password: 'nope' },
      requestTimeoutMs: 5000,
    });
    await expect(producer.connect()).rejects.toBeInstanceOf(KafkaSaslError);
    await producer.disconnect();
  });

  it('SCRAM client matches the RFC 7677 SCRAM-SHA-256 example exchange', () => {
    // RFC 7677 §3: user "user", password "pencil", client nonce "rOprNGfwEbeRWgbNEkqO".
    const client = new ScramClient('sha256', 'user', 'pencil', 'rOprNGfwEbeRWgbNEkqO');
    expect(client.clientFirst().toString()).toBe('n,,n=user,r=rOprNGfwEbeRWgbNEkqO');
    const final = client.clientFinal(Buffer.from('r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096'));
    expect(final.toString()).toBe('c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=');
    expect(() => client.verifyServerFinal(Buffer.from('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4='))).not.toThrow();
  });
});
