/**
 * Single message transforms and predicates (org.apache.kafka.connect.transforms), in TypeScript.
 * A transform returns the record to pass on, or null to drop it.
 */
import type { ConfigDef } from '../config/config-def.js';
import type { ConnectRecord } from '../data/index.js';


export interface Transformation {
  config(): ConfigDef;
  configure(config: Record<string, string>): void;
  apply<R extends ConnectRecord<R>>(record: R): R | null;
  close(): void;
}

export interface Predicate {
  config(): ConfigDef;
  configure(config: Record<string, string>): void;
  test<R extends ConnectRecord<R>>(record: R): boolean;
  close(): void;
}
