/**
 * HasHeaderKey (org.apache.kafka.connect.transforms.predicates.HasHeaderKey): true for records
 * with at least one header named `name`.
 *
 * Exports for registration: `descriptors` (HasHeaderKey); also `HasHeaderKey`, `CONFIG_DEF`.
 */
import { ConfigDef, ConfigType, Importance, NonEmptyString } from '../../src/config/index.js';
import type { Predicate } from '../../src/connect/index.js';
import type { ConnectRecord } from '../../src/data/index.js';
import { SimpleConfig } from '../util/index.js';
import { describePredicate, type PredicateDescriptor } from './descriptor.js';

const NAME_CONFIG = 'name';

export const CONFIG_DEF: ConfigDef = new ConfigDef().define({
  name: NAME_CONFIG,
  type: ConfigType.STRING,
  validator: new NonEmptyString(),
  importance: Importance.MEDIUM,
  documentation: 'The header name.',
});

export class HasHeaderKey implements Predicate {
  #name = '';

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(props: Record<string, string>): void {
    this.#name = new SimpleConfig(CONFIG_DEF, props).requireString(NAME_CONFIG);
  }

  test<R extends ConnectRecord<R>>(record: R): boolean {
    for (const header of record.headers()) if (header.key() === this.#name) return true;
    return false;
  }

  close(): void {}

  toString(): string {
    return `HasHeaderKey{name='${this.#name}'}`;
  }
}

export const descriptors: PredicateDescriptor[] = [describePredicate('HasHeaderKey', () => new HasHeaderKey())];
