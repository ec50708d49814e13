/**
 * DropHeaders (org.apache.kafka.connect.transforms.DropHeaders): removes every header whose key
 * is one of `headers`.
 *
 * Exports for registration: `descriptors` (DropHeaders); also `DropHeaders`, `CONFIG_DEF`.
 */
import { ConfigDef, ConfigType, Importance } from '../src/config/index.js';
import type { Transformation } from '../src/connect/index.js';
import { CONSUMES_INPUT_RECORD, ConnectHeaders, type ConnectRecord } from '../src/data/index.js';
import { NonEmptyListValidator, SimpleConfig, describeTransform, type TransformDescriptor } from './util/index.js';

export const HEADERS_CONFIG = 'headers';

export const CONFIG_DEF: ConfigDef = new ConfigDef().define({
  name: HEADERS_CONFIG,
  type: ConfigType.LIST,
  validator: new NonEmptyListValidator(),
  importance: Importance.HIGH,
  documentation: 'The name of the headers to be removed.',
});

export class DropHeaders implements Transformation {
  readonly [CONSUMES_INPUT_RECORD] = true;
  #headers: ReadonlySet<string> = new Set();

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(props: Record<string, string>): void {
    this.#headers = new Set(new SimpleConfig(CONFIG_DEF, props).requireList(HEADERS_CONFIG));
  }

  apply<R extends ConnectRecord<R>>(record: R): R {
    const kept = new ConnectHeaders();
    for (const header of record.headers()) if (!this.#headers.has(header.key())) kept.addHeader(header);
    return record.newRecord(
      record.topic(),
      record.kafkaPartition(),
      record.keySchema(),
      record.key(),
      record.valueSchema(),
      record.value(),
      record.timestamp(),
      kept,
    );
  }

  close(): void {}
}

export const descriptors: TransformDescriptor[] = [describeTransform('DropHeaders', () => new DropHeaders())];
