/**
 * The transforms and predicates built into Sluice: all of Apache Kafka's
 * (org.apache.kafka.connect.transforms.* and .predicates.*), under Kafka's class names, so that
 * connector configs written for Kafka Connect resolve as they are. Nested `$Key`/`$Value` forms
 * are classes of their own, as in Kafka's META-INF/services listing.
 */
import type { PluginDescriptor } from '../src/runtime/plugins.js';
import { descriptors as cast } from './cast.js';
import { descriptors as dropHeaders } from './drop-headers.js';
import { descriptors as extractField } from './extract-field.js';
import { descriptors as filter } from './filter.js';
import { descriptors as flatten } from './flatten.js';
import { descriptors as headerFrom } from './header-from.js';
import { descriptors as hoistField } from './hoist-field.js';
import { descriptors as insertField } from './insert-field.js';
import { descriptors as insertHeader } from './insert-header.js';
import { descriptors as maskField } from './mask-field.js';
import { descriptors as hasHeaderKey } from './predicates/has-header-key.js';
import { descriptors as recordIsTombstone } from './predicates/record-is-tombstone.js';
import { descriptors as topicNameMatches } from './predicates/topic-name-matches.js';
import { descriptors as regexRouter } from './regex-router.js';
import { descriptors as replaceField } from './replace-field.js';
import { descriptors as setSchemaMetadata } from './set-schema-metadata.js';
import { descriptors as timestampConverter } from './timestamp-converter.js';
import { descriptors as timestampRouter } from './timestamp-router.js';
import { descriptors as valueToKey } from './value-to-key.js';

export const BUILTIN_TRANSFORMS: PluginDescriptor[] = [
  ...cast,
  ...dropHeaders,
  ...extractField,
  ...filter,
  ...flatten,
  ...headerFrom,
  ...hoistField,
  ...insertField,
  ...insertHeader,
  ...maskField,
  ...regexRouter,
  ...replaceField,
  ...setSchemaMetadata,
  ...timestampConverter,
  ...timestampRouter,
  ...valueToKey,
];

export const BUILTIN_PREDICATES: PluginDescriptor[] = [...hasHeaderKey, ...recordIsTombstone, ...topicNameMatches];
