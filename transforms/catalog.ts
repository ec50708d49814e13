/**
 * The transforms and predicates built into Sluice, by Kafka class name, with the module of each:
 * the one list of them. The runtime registers them from here without importing a module until a
 * config names one of its classes (src/runtime/builtin-plugins.ts); transforms/index.ts loads
 * them all. Nested `$Key`/`$Value` forms are classes of their own, as in Kafka's
 * META-INF/services listing.
 */
import type { BuiltinModule } from '../src/runtime/plugins.js';

const TRANSFORMS = 'org.apache.kafka.connect.transforms.';

function transform(name: string, sides: 'keyAndValue' | 'one', load: BuiltinModule['load']): BuiltinModule {
  const names = sides === 'keyAndValue' ? [`${name}$Key`, `${name}$Value`] : [name];
  return { kind: 'transformation', classNames: names.map((n) => `${TRANSFORMS}${n}`), load };
}

function predicate(name: string, load: BuiltinModule['load']): BuiltinModule {
  return { kind: 'predicate', classNames: [`${TRANSFORMS}predicates.${name}`], load };
}

export const TRANSFORM_MODULES: readonly BuiltinModule[] = [
  transform('Cast', 'keyAndValue', () => import('./cast.js')),
  transform('DropHeaders', 'one', () => import('./drop-headers.js')),
  transform('ExtractField', 'keyAndValue', () => import('./extract-field.js')),
  transform('Filter', 'one', () => import('./filter.js')),
  transform('Flatten', 'keyAndValue', () => import('./flatten.js')),
  transform('HeaderFrom', 'keyAndValue', () => import('./header-from.js')),
  transform('HoistField', 'keyAndValue', () => import('./hoist-field.js')),
  transform('InsertField', 'keyAndValue', () => import('./insert-field.js')),
  transform('InsertHeader', 'one', () => import('./insert-header.js')),
  transform('MaskField', 'keyAndValue', () => import('./mask-field.js')),
  transform('RegexRouter', 'one', () => import('./regex-router.js')),
  transform('ReplaceField', 'keyAndValue', () => import('./replace-field.js')),
  transform('SetSchemaMetadata', 'keyAndValue', () => import('./set-schema-metadata.js')),
  transform('TimestampConverter', 'keyAndValue', () => import('./timestamp-converter.js')),
  transform('TimestampRouter', 'one', () => import('./timestamp-router.js')),
  transform('ValueToKey', 'one', () => import('./value-to-key.js')),
  predicate('HasHeaderKey', () => import('./predicates/has-header-key.js')),
  predicate('RecordIsTombstone', () => import('./predicates/record-is-tombstone.js')),
  predicate('TopicNameMatches', () => import('./predicates/topic-name-matches.js')),
];
