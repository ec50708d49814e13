// An example transformation plugin: uppercases record values that are strings and passes every
// other record through unchanged.
//
// Sluice has not fixed its transformation API yet; this follows the shape it is expected to take,
// Kafka's Transformation reduced to
//   { configure(config: Record<string, string>): void; apply(record): record | null; close(): void }
// where `apply` returns a new record (or null to drop it) made with `record.newRecord(...)`, so
// everything the transform does not touch (source offsets, Kafka offsets, headers) is kept.
// It needs nothing from Sluice itself, so it imports nothing.

const VERSION = '1.0.0';

class UppercaseValue {
  #locale = null;

  /** `locale` (optional): a BCP 47 tag for language-specific rules, e.g. `tr` for the dotted İ. */
  configure(config) {
    const locale = config.locale;
    this.#locale = typeof locale === 'string' && locale !== '' ? locale : null;
  }

  apply(record) {
    const value = record.value();
    if (typeof value !== 'string') return record;
    const upper = this.#locale === null ? value.toUpperCase() : value.toLocaleUpperCase(this.#locale);
    return record.newRecord(
      record.topic(),
      record.kafkaPartition(),
      record.keySchema(),
      record.key(),
      record.valueSchema(),
      upper,
      record.timestamp(),
    );
  }

  close() {}
}

export const plugins = [
  {
    className: 'com.example.transforms.UppercaseValue',
    kind: 'transformation',
    version: VERSION,
    create: () => new UppercaseValue(),
  },
];
