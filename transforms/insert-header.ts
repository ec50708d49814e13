/**
 * InsertHeader (org.apache.kafka.connect.transforms.InsertHeader): adds a header with a literal
 * value to every record. The literal is typed as Values.parseString types header text: `42` is an
 * INT8, `true` a BOOLEAN, `[1,2]` an ARRAY, anything else a STRING.
 *
 * Exports for registration: `descriptors` (InsertHeader); also `InsertHeader`, `CONFIG_DEF`.
 */
import { ConfigDef, ConfigType, Importance, NonNullValidator } from '../src/config/index.js';
import type { Transformation } from '../src/connect/index.js';
import { CONSUMES_INPUT_RECORD, parseString, type ConnectRecord, type SchemaAndValue } from '../src/data/index.js';
import { SimpleConfig, describeTransform, type TransformDescriptor } from './util/index.js';

export const HEADER_CONFIG = 'header';
export const VALUE_LITERAL_CONFIG = 'value.literal';

export const CONFIG_DEF: ConfigDef = new ConfigDef()
  .define({
    name: HEADER_CONFIG,
    type: ConfigType.STRING,
    validator: new NonNullValidator(),
    importance: Importance.HIGH,
    documentation: 'The name of the header.',
  })
  .define({
    name: VALUE_LITERAL_CONFIG,
    type: ConfigType.STRING,
    validator: new NonNullValidator(),
    importance: Importance.HIGH,
    documentation: 'The literal value that is to be set as the header value on all records.',
  });

export class InsertHeader implements Transformation {
  readonly [CONSUMES_INPUT_RECORD] = true;
  #header = '';
  #literal: SchemaAndValue | null = null;

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(props: Record<string, string>): void {
    const config = new SimpleConfig(CONFIG_DEF, props);
    this.#header = config.requireString(HEADER_CONFIG);
    this.#literal = parseString(config.requireString(VALUE_LITERAL_CONFIG));
  }

  apply<R extends ConnectRecord<R>>(record: R): R {
    const headers = record.headers().duplicate().addSchemaAndValue(this.#header, this.#literal);
    return record.newRecord(
      record.topic(),
      record.kafkaPartition(),
      record.keySchema(),
      record.key(),
      record.valueSchema(),
      record.value(),
      record.timestamp(),
      headers,
    );
  }

  close(): void {}
}

export const descriptors: TransformDescriptor[] = [describeTransform('InsertHeader', () => new InsertHeader())];
