// An example transformation plugin: uppercases record values that are strings and passes every
// other record through unchanged. It implements Sluice's Transformation interface
// (src/connect/transformation.ts, Kafka's Transformation):
//   { config(): ConfigDef; configure(config); apply(record): record | null; close() }
// `apply` returns a copy made with `record.newRecord(...)`, so everything the transform does not
// touch (source offsets, Kafka offsets, headers) is kept; null would drop the record.
//
// ConfigDef comes from this repository's compiled dist/ (run `npm run build` first). A published
// plugin would depend on the `sluice` package instead and import from it.
import { ConfigDef, ConfigType, Importance, ParsedConfig } from '../../../dist/src/config/index.js';

const VERSION = '1.0.0';

const CONFIG_DEF = new ConfigDef().define({
  name: 'locale',
  type: ConfigType.STRING,
  defaultValue: '',
  importance: Importance.LOW,
  documentation: 'BCP 47 language tag for language-specific case rules (e.g. "tr" maps i to İ); empty for the default rules',
});

class UppercaseValue {
  #locale = null;

  config() {
    return CONFIG_DEF;
  }

  configure(config) {
    const locale = new ParsedConfig(CONFIG_DEF, config).getString('locale');
    this.#locale = locale === null || locale === '' ? null : locale;
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
