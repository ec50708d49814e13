import { DataException, SchemaBuilder, type Schema } from '../../src/data/index.js';

/**
 * Kafka's SchemaUtil.copySchemaBasics: name, version, doc and parameters of `source` onto
 * `builder` (a new builder of the same type when none is given). Optionality and the default are
 * left to the caller, as in Kafka.
 */
export function copySchemaBasics(source: Schema, builder?: SchemaBuilder): SchemaBuilder {
  const target = builder ?? newBuilderLike(source);
  const name = source.name();
  if (name !== null) target.name(name);
  const version = source.version();
  if (version !== null) target.version(version);
  const doc = source.doc();
  if (doc !== null) target.doc(doc);
  const parameters = source.parameters();
  if (parameters !== null) target.parameters(parameters);
  return target;
}

function newBuilderLike(source: Schema): SchemaBuilder {
  switch (source.type()) {
    case 'ARRAY':
      return SchemaBuilder.array(requireInner(source.valueSchema()));
    case 'MAP':
      // Kafka leaves a MAP builder without key and value schemas; keeping them builds a usable schema.
      return SchemaBuilder.map(requireInner(source.keySchema()), requireInner(source.valueSchema()));
    default:
      return SchemaBuilder.type(source.type());
  }
}

function requireInner(schema: Schema | null): Schema {
  if (schema === null) throw new DataException('Container schema without its key or value schema');
  return schema;
}
