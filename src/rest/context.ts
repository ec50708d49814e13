import type { ConnectorConfig, Herder } from '../runtime/herder.js';
import type { HerderRequest } from './herder-request.js';

/**
 * Hides secret values of a connector's or task's config in REST output.
 *
 * Sluice difference: Kafka Connect returns stored configs, passwords included, in plaintext from
 * GET /connectors/{name}, /config and /tasks (KAFKA-5117); Sluice masks the keys the runtime knows
 * to be passwords (value `[hidden]`) in every response that carries a config.
 */
export type ConfigMask = (config: ConnectorConfig, connector: string) => ConnectorConfig;

/** What the herder-facing resources share. */
export interface RestContext {
  herder: Herder;
  /** Waits for a herder operation up to the REST request timeout. */
  herderRequest: HerderRequest;
  maskConfig: ConfigMask;
  healthTimeoutMs: number;
}
