import { isConverter, isHeaderConverter, type Converter, type HeaderConverter } from './converter.js';
import { ConverterConfigException } from './converter-config.js';

export type ConverterPlugin = Converter | HeaderConverter;
export type ConverterFactory = () => ConverterPlugin;

interface Registration {
  readonly className: string;
  readonly aliases: readonly string[];
  readonly factory: ConverterFactory;
}

/**
 * Kafka's aliases for a plugin class: the simple class name and the simple name without the
 * `Converter` / `HeaderConverter` suffix (PluginUtils.computeAliases), e.g. `JsonConverter`, `Json`.
 */
export function converterAliases(className: string): string[] {
  const simple = className.slice(className.lastIndexOf('.') + 1);
  const aliases = [simple];
  for (const suffix of ['HeaderConverter', 'Converter']) {
    const position = simple.lastIndexOf(suffix);
    if (position > 0) {
      aliases.push(simple.slice(0, position));
      break;
    }
  }
  return aliases;
}

/**
 * Converter classes by Java class name and alias, as Kafka Connect's plugin scan finds them.
 * An alias claimed by two classes is ambiguous and resolves to neither, as in Kafka.
 */
export class ConverterRegistry {
  readonly #byClassName = new Map<string, Registration>();

  /**
   * Makes a converter available under its class name and aliases (default: Kafka's alias rule).
   * Registering a class name again replaces the earlier registration.
   */
  register(className: string, aliases: readonly string[] | undefined, factory: ConverterFactory): void {
    this.#byClassName.set(className, { className, aliases: aliases ?? converterAliases(className), factory });
  }

  /** The class name a name or alias stands for, or null. */
  resolve(nameOrAlias: string): string | null {
    const name = nameOrAlias.trim();
    if (this.#byClassName.has(name)) return name;
    const matches = [...this.#byClassName.values()].filter((registration) => registration.aliases.includes(name));
    return matches.length === 1 ? matches[0].className : null;
  }

  registered(): ReadonlyArray<{ className: string; aliases: readonly string[] }> {
    return [...this.#byClassName.values()].map(({ className, aliases }) => ({ className, aliases }));
  }

  /** A new, unconfigured key/value converter. */
  newConverter(nameOrAlias: string): Converter {
    const plugin = this.#instantiate(nameOrAlias, isConverter);
    if (plugin === null) {
      throw new ConverterConfigException(
        'converter',
        `Failed to find any class that implements Converter and which name matches ${nameOrAlias}, available converters are: ${this.#names(isConverter)}`,
      );
    }
    return plugin;
  }

  /** A new, unconfigured header converter. */
  newHeaderConverter(nameOrAlias: string): HeaderConverter {
    const plugin = this.#instantiate(nameOrAlias, isHeaderConverter);
    if (plugin === null) {
      throw new ConverterConfigException(
        'header.converter',
        `Failed to find any class that implements HeaderConverter and which name matches ${nameOrAlias}, available header converters are: ${this.#names(isHeaderConverter)}`,
      );
    }
    return plugin;
  }

  #instantiate<T extends ConverterPlugin>(nameOrAlias: string, kind: (plugin: unknown) => plugin is T): T | null {
    const className = this.resolve(nameOrAlias);
    if (className === null) return null;
    const plugin = (this.#byClassName.get(className) as Registration).factory();
    return kind(plugin) ? plugin : null;
  }

  #names(kind: (plugin: unknown) => boolean): string {
    return [...this.#byClassName.values()]
      .filter((registration) => kind(registration.factory()))
      .map((registration) => `${registration.className}, ${registration.aliases.join(', ')}`)
      .join(', ');
  }
}
