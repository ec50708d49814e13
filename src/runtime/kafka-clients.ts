/**
 * Kafka Connect's client settings are Java client configs (`bootstrap.servers`,
 * `security.protocol`, `sasl.jaas.config`, `acks`...). This maps them onto kafkajs options so a
 * worker.properties written for a Java worker reaches a real, secured cluster unchanged.
 */
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { CompressionTypes, ConsumerConfig, KafkaConfig, ProducerConfig, SASLOptions } from 'kafkajs';
import { compress, decompress, type CompressionCodec } from '../broker/records/compression.js';
import { ConnectError } from './errors.js';

export type ClientProps = Readonly<Record<string, string>>;


export function kafkaConfig(props: ClientProps, clientId: string): KafkaConfig {
  const brokers = (props['bootstrap.servers'] ?? 'localhost:9092')
    .split(',')
    .map((s) => s.trim().replace(/^[A-Za-z_]+:\/\//, ''))
    .filter((s) => s.length > 0);
  const protocol = (props['security.protocol'] ?? 'PLAINTEXT').toUpperCase();
  if (!['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'].includes(protocol)) {
    throw new ConnectError(`Invalid value ${protocol} for configuration security.protocol`, 400);
  }
  const config: KafkaConfig = {
    brokers,
    clientId: props['client.id'] || clientId,
    logLevel: 0, // kafkajs logLevel.NOTHING
    requestTimeout: intProp(props, 'request.timeout.ms', 30_000),
    connectionTimeout: intProp(props, 'socket.connection.setup.timeout.ms', 10_000),
    retry: { initialRetryTime: intProp(props, 'retry.backoff.ms', 100), maxRetryTime: intProp(props, 'retry.backoff.max.ms', 1000), retries: 8 },
  };
  if (protocol === 'SSL' || protocol === 'SASL_SSL') config.ssl = sslOptions(props);
  if (protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL') config.sasl = saslOptions(props);
  return config;
}

function intProp(props: ClientProps, key: string, fallback: number): number {
  const raw = props[key];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new ConnectError(`Invalid value ${raw} for configuration ${key}: Not a number`, 400);
  return n;
}

/** PEM trust and key material (`ssl.truststore.type=PEM`); JKS/PKCS12 stores need a JVM. */
function sslOptions(props: ClientProps): ConnectionOptions {
  const options: ConnectionOptions = {};
  const trustType = (props['ssl.truststore.type'] ?? 'PEM').toUpperCase();
  const pem = (inline: string | undefined, location: string | undefined): string | undefined =>
    inline ?? (location ? readFileSync(location, 'utf8') : undefined);
  if (trustType !== 'PEM' && props['ssl.truststore.location']) {
    throw new ConnectError(`ssl.truststore.type ${trustType} is not supported; use PEM (ssl.truststore.type=PEM)`, 400);
  }
  const ca = pem(props['ssl.truststore.certificates'], props['ssl.truststore.location']);
  if (ca) options.ca = ca;
  const cert = pem(props['ssl.keystore.certificate.chain'], props['ssl.keystore.location']);
  const key = props['ssl.keystore.key'];
  if (cert) options.cert = cert;
  if (key) options.key = key;
  if (props['ssl.key.password']) options.passphrase = props['ssl.key.password'];
  // Kafka's default is https (hostname verification on); an empty value turns it off.
  if (props['ssl.endpoint.identification.algorithm'] === '') options.checkServerIdentity = () => undefined;
  return options;
}

const JAAS_OPTION = /(\w+)\s*=\s*"((?:[^"\\]|\\.)*)"/g;

function saslOptions(props: ClientProps): SASLOptions {
  const mechanism = (props['sasl.mechanism'] ?? 'GSSAPI').toUpperCase();
  const jaas = props['sasl.jaas.config'] ?? '';
  const options = new Map<string, string>();
  for (const m of jaas.matchAll(JAAS_OPTION)) options.set(m[1], m[2].replace(/\\(.)/g, '$1'));
  const username = options.get('username');
  const password = options.get('password');
  if (username === undefined || password === undefined) {
    throw new ConnectError('sasl.jaas.config must set username="..." and password="..." for PLAIN and SCRAM', 400);
  }
  switch (mechanism) {
    case 'PLAIN':
      return { mechanism: 'plain', username, password };
    case 'SCRAM-SHA-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'SCRAM-SHA-512':
      return { mechanism: 'scram-sha-512', username, password };
    default:
      throw new ConnectError(`sasl.mechanism ${mechanism} is not supported (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512)`, 400);
  }
}

export interface ProducerSettings {
  config: ProducerConfig;
  acks: number;
  compression: CompressionTypes;
}

export function producerSettings(props: ClientProps): ProducerSettings {
  const acksRaw = (props['acks'] ?? 'all').toLowerCase();
  const acks = acksRaw === 'all' ? -1 : Number(acksRaw);
  if (![-1, 0, 1].includes(acks)) throw new ConnectError(`Invalid value ${acksRaw} for configuration acks`, 400);
  return {
    acks,
    compression: compressionType(props['compression.type'] ?? 'none'),
    config: {
      idempotent: (props['enable.idempotence'] ?? 'false') === 'true',
      maxInFlightRequests: intProp(props, 'max.in.flight.requests.per.connection', 1),
      allowAutoTopicCreation: true,
      ...(props['transactional.id'] ? { transactionalId: props['transactional.id'] } : {}),
    },
  };
}

export function consumerConfig(props: ClientProps, groupId: string): ConsumerConfig & { fromBeginning: boolean } {
  const reset = (props['auto.offset.reset'] ?? 'earliest').toLowerCase();
  if (reset !== 'earliest' && reset !== 'latest') {
    throw new ConnectError(`Invalid value ${reset} for configuration auto.offset.reset: String must be one of: latest, earliest`, 400);
  }
  return {
    groupId: props['group.id'] ?? groupId,
    sessionTimeout: intProp(props, 'session.timeout.ms', 45_000),
    heartbeatInterval: intProp(props, 'heartbeat.interval.ms', 3000),
    rebalanceTimeout: intProp(props, 'max.poll.interval.ms', 300_000),
    maxBytes: intProp(props, 'fetch.max.bytes', 52_428_800),
    maxBytesPerPartition: intProp(props, 'max.partition.fetch.bytes', 1_048_576),
    minBytes: intProp(props, 'fetch.min.bytes', 1),
    maxWaitTimeInMs: intProp(props, 'fetch.max.wait.ms', 500),
    readUncommitted: (props['isolation.level'] ?? 'read_uncommitted') === 'read_uncommitted',
    allowAutoTopicCreation: (props['allow.auto.create.topics'] ?? 'true') === 'true',
    fromBeginning: reset === 'earliest',
  };
}

/** kafkajs's CompressionTypes values, which are Kafka's attribute codes. */
const COMPRESSION_CODES: Record<string, CompressionTypes> = {
  none: 0 as CompressionTypes,
  uncompressed: 0 as CompressionTypes,
  producer: 0 as CompressionTypes,
  gzip: 1 as CompressionTypes,
  snappy: 2 as CompressionTypes,
  lz4: 3 as CompressionTypes,
  zstd: 4 as CompressionTypes,
};

function compressionType(name: string): CompressionTypes {
  const code = COMPRESSION_CODES[name.toLowerCase()];
  if (code === undefined) {
    throw new ConnectError(`Invalid value ${name} for configuration compression.type: String must be one of: none, gzip, snappy, lz4, zstd`, 400);
  }
  return code;
}

export type KafkaJs = typeof import('kafkajs');
let kafkajsLoaded: Promise<KafkaJs> | null = null;

/**
 * kafkajs, loaded on first use (a worker without sink tasks never needs it) with the codecs it
 * lacks registered: it ships only gzip, and without codecs it cannot even *consume* snappy, lz4 or
 * zstd batches that other producers wrote.
 */
export function loadKafkaJs(): Promise<KafkaJs> {
  kafkajsLoaded ??= import('kafkajs').then((mod) => {
    // A CommonJS module: its exports object is the ESM default export.
    const kafkajs = ((mod as unknown as { default?: KafkaJs }).default ?? mod) as KafkaJs;
    const codec = (id: CompressionCodec) => () => ({
      compress: async (encoder: { buffer: Buffer }) => compress(id, encoder.buffer),
      decompress: async (buffer: Buffer) => decompress(id, buffer),
    });
    // CompressionCodecs is not among the names Node detects in kafkajs's CommonJS exports.
    const { CompressionCodecs, CompressionTypes } = kafkajs;
    CompressionCodecs[CompressionTypes.Snappy] = codec(2);
    CompressionCodecs[CompressionTypes.LZ4] = codec(3);
    CompressionCodecs[CompressionTypes.ZSTD] = codec(4);
    return kafkajs;
  });
  return kafkajsLoaded;
}
