/**
 * RecordIsTombstone (org.apache.kafka.connect.transforms.predicates.RecordIsTombstone): true for
 * records whose value is null (a tombstone deletes its key in a compacted topic).
 *
 * Exports for registration: `descriptors` (RecordIsTombstone); also `RecordIsTombstone`, `CONFIG_DEF`.
 */
import { ConfigDef } from '../../src/config/index.js';
import type { Predicate } from '../../src/connect/index.js';
import type { ConnectRecord } from '../../src/data/index.js';
import { describePredicate, type PredicateDescriptor } from './descriptor.js';

export const CONFIG_DEF: ConfigDef = new ConfigDef();

export class RecordIsTombstone implements Predicate {
  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(): void {}

  test<R extends ConnectRecord<R>>(record: R): boolean {
    return record.value() === null;
  }

  close(): void {}

  toString(): string {
    return 'RecordIsTombstone{}';
  }
}

export const descriptors: PredicateDescriptor[] = [describePredicate('RecordIsTombstone', () => new RecordIsTombstone())];
