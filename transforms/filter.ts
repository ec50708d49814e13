/**
 * Filter (org.apache.kafka.connect.transforms.Filter): drops every record, so that later
 * transforms and the connector never see it. Meant to run under a predicate
 * (`transforms.<alias>.predicate`), which decides which records reach it.
 *
 * Exports for registration: `descriptors` (Filter); also `Filter`, `CONFIG_DEF`.
 */
import { ConfigDef } from '../src/config/index.js';
import type { Transformation } from '../src/connect/index.js';
import { CONSUMES_INPUT_RECORD, type ConnectRecord } from '../src/data/index.js';
import { describeTransform, type TransformDescriptor } from './util/index.js';

export const CONFIG_DEF: ConfigDef = new ConfigDef();

export class Filter implements Transformation {
  readonly [CONSUMES_INPUT_RECORD] = true;
  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(): void {}

  apply<R extends ConnectRecord<R>>(_record: R): R | null {
    return null;
  }

  close(): void {}
}

export const descriptors: TransformDescriptor[] = [describeTransform('Filter', () => new Filter())];
