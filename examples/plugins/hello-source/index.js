// An example source connector plugin: emits "hello 1", "hello 2", ... to `topic`, one record every
// `interval.ms`, and resumes after a restart from the stored offset {"n": N} of the source
// partition {"source": "hello"}.
//
// It imports Sluice's compiled data and config classes by a path into this repository's dist/
// (run `npm run build` first). A published plugin would depend on the `sluice` package instead and
// import from it.
import { ConfigDef, ConfigType, Importance, NO_DEFAULT_VALUE, NonEmptyString, ParsedConfig, Range } from '../../../dist/src/config/index.js';
import { Schema, SourceRecord } from '../../../dist/src/data/index.js';

const VERSION = '1.0.0';
const PARTITION = Object.freeze({ source: 'hello' });

const CONFIG_DEF = new ConfigDef()
  .define({
    name: 'topic',
    type: ConfigType.STRING,
    defaultValue: NO_DEFAULT_VALUE,
    validator: new NonEmptyString(),
    importance: Importance.HIGH,
    documentation: 'The topic to write the greetings to',
  })
  .define({
    name: 'interval.ms',
    type: ConfigType.LONG,
    defaultValue: 1000,
    validator: Range.atLeast(0),
    importance: Importance.MEDIUM,
    documentation: 'Milliseconds between two greetings',
  });

class HelloSourceTask {
  #context = null;
  #topic = '';
  #intervalMs = 1000;
  #n = 0;
  #stopped = false;
  #wake = null;

  version() {
    return VERSION;
  }

  initialize(context) {
    this.#context = context;
  }

  async start(config) {
    const parsed = new ParsedConfig(CONFIG_DEF, config);
    this.#topic = parsed.getString('topic');
    this.#intervalMs = parsed.getLongAsNumber('interval.ms');
    const stored = await this.#context.offsetStorageReader().offset(PARTITION);
    this.#n = typeof stored?.n === 'number' ? stored.n : 0;
  }

  async poll() {
    await this.#sleep(this.#intervalMs);
    if (this.#stopped) return null;
    this.#n += 1;
    return [
      new SourceRecord({
        sourcePartition: PARTITION,
        sourceOffset: { n: this.#n },
        topic: this.#topic,
        valueSchema: Schema.STRING_SCHEMA,
        value: `hello ${this.#n}`,
        timestamp: Date.now(),
      }),
    ];
  }

  // The runtime calls stop() while poll() may be sleeping: wake it so it returns at once.
  stop() {
    this.#stopped = true;
    this.#wake?.();
  }

  #sleep(ms) {
    if (this.#stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wake = done;
    });
  }
}

class HelloSourceConnector {
  kind = 'source';
  #config = {};

  version() {
    return VERSION;
  }

  config() {
    return CONFIG_DEF;
  }

  start(config) {
    new ParsedConfig(CONFIG_DEF, config); // throws on a missing topic or a bad interval
    this.#config = { ...config };
  }

  taskClass() {
    return { className: 'com.example.hello.HelloSourceTask', create: () => new HelloSourceTask() };
  }

  taskConfigs() {
    return [{ ...this.#config }];
  }

  stop() {}
}

export const plugins = [
  {
    className: 'com.example.hello.HelloSourceConnector',
    kind: 'source',
    version: VERSION,
    create: () => new HelloSourceConnector(),
  },
];
