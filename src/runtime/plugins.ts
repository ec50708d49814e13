/**
 * Plugin resolution by Java class name and alias, as Kafka Connect's Plugins/PluginUtils:
 * `org.apache.kafka.connect.file.FileStreamSinkConnector`, `FileStreamSinkConnector` and
 * `FileStreamSink` all name the same connector. Built-ins register at start-up, by name only
 * (their modules are imported when a config first names them, see DeferredPlugin); `plugin.path`
 * packages add theirs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConnectError, NotFoundError } from './errors.js';

export type PluginKind = 'source' | 'sink' | 'converter' | 'header_converter' | 'transformation' | 'predicate';

export interface PluginDescriptor<T = unknown> {
  /** Java-style fully qualified name, the canonical identity (`...$Value` for nested forms). */
  className: string;
  kind: PluginKind;
  version: string;
  create(): T;
}

/** The suffix Kafka strips from simple names to form the short alias, per kind. */
const ALIAS_SUFFIX: Record<PluginKind, string> = {
  source: 'Connector',
  sink: 'Connector',
  converter: 'Converter',
  header_converter: 'HeaderConverter',
  transformation: 'Transformation',
  predicate: 'Predicate',
};

export function simpleName(className: string): string {
  return className.slice(className.lastIndexOf('.') + 1);
}

function aliasesOf(d: PluginDescriptor): string[] {
  const simple = simpleName(d.className);
  const suffix = ALIAS_SUFFIX[d.kind];
  const aliases = [simple];
  if (simple.endsWith(suffix) && simple.length > suffix.length) aliases.push(simple.slice(0, -suffix.length));
  return aliases;
}

/**
 * A built-in plugin module, listed by the class names it defines (connectors/catalog.ts,
 * transforms/catalog.ts) so the runtime can register them without importing it.
 */
export interface BuiltinModule {
  readonly kind: PluginKind;
  readonly classNames: readonly string[];
  /** Imports the module; its exports include the descriptors of `classNames`. */
  readonly load: () => Promise<Record<string, unknown>>;
}

/** Every plugin descriptor the modules of a catalog export, each module imported once. */
export async function loadBuiltinModules(modules: readonly BuiltinModule[]): Promise<PluginDescriptor[]> {
  const loaders = [...new Set(modules.map((m) => m.load))];
  return (await Promise.all(loaders.map((load) => load()))).flatMap(descriptorsIn);
}

/** The plugin descriptors a module exports, as single descriptors or arrays of them. */
export function descriptorsIn(module: Record<string, unknown>): PluginDescriptor[] {
  const isDescriptor = (v: unknown): v is PluginDescriptor =>
    v !== null && typeof v === 'object' && typeof (v as PluginDescriptor).className === 'string' && typeof (v as PluginDescriptor).create === 'function';
  return Object.values(module).flatMap((v) => (Array.isArray(v) ? v.filter(isDescriptor) : isDescriptor(v) ? [v] : []));
}

/**
 * A plugin known by class, kind and version before its module is imported, so that a worker does
 * not load (and keep in memory) every connector, transform and driver it could run. `load()`
 * imports the module and returns its descriptors, this plugin's among them.
 */
export interface DeferredPlugin {
  className: string;
  kind: PluginKind;
  version: string;
  load(): Promise<readonly PluginDescriptor[]>;
}

/** Stands in for a deferred plugin; create() works once load() has resolved. */
class DeferredDescriptor implements PluginDescriptor {
  readonly className: string;
  readonly kind: PluginKind;
  readonly version: string;
  #loaded: PluginDescriptor | undefined;

  constructor(private readonly plugin: DeferredPlugin) {
    this.className = plugin.className;
    this.kind = plugin.kind;
    this.version = plugin.version;
  }

  async load(): Promise<void> {
    if (this.#loaded !== undefined) return;
    const found = (await this.plugin.load()).find((d) => d.className === this.className && d.kind === this.kind);
    if (found === undefined) throw new ConnectError(`The module of plugin ${this.className} does not define it`, 500);
    this.#loaded = found;
  }

  create(): unknown {
    if (this.#loaded === undefined) throw new ConnectError(`Plugin ${this.className} was used before its module was loaded (Plugins.load or Plugins.prepare)`, 500);
    return this.#loaded.create();
  }
}

/** What a plugin package's entry module exports. */
export interface PluginModule {
  plugins: PluginDescriptor[];
}

export class Plugins {
  /** Keyed by kind and class: a class such as StringConverter is both a converter and a header converter. */
  private readonly byKindAndClass = new Map<string, PluginDescriptor>();

  register(...descriptors: PluginDescriptor[]): this {
    for (const d of descriptors) this.byKindAndClass.set(`${d.kind}:${d.className}`, d);
    return this;
  }

  registerDeferred(...plugins: DeferredPlugin[]): this {
    return this.register(...plugins.map((p) => new DeferredDescriptor(p)));
  }

  /** As resolve(), with the plugin's module imported, so that create() can be called. */
  async load(name: string, kinds: readonly PluginKind[]): Promise<PluginDescriptor> {
    const found = this.resolve(name, kinds);
    if (found instanceof DeferredDescriptor) await found.load();
    return found;
  }

  /**
   * Imports the modules of the plugins a connector config names (connector, transforms,
   * predicates), before the synchronous code that creates them runs. Names that do not resolve
   * are left to that code, which reports them.
   */
  async prepare(config: Readonly<Record<string, string>>): Promise<void> {
    const wanted: Array<[string, readonly PluginKind[]]> = [];
    for (const [key, value] of Object.entries(config)) {
      if (key === 'connector.class') wanted.push([value, ['source', 'sink']]);
      else if (key.startsWith('transforms.') && key.endsWith('.type')) wanted.push([value, ['transformation']]);
      else if (key.startsWith('predicates.') && key.endsWith('.type')) wanted.push([value, ['predicate']]);
    }
    for (const [name, kinds] of wanted) {
      let found: PluginDescriptor | undefined;
      try {
        found = this.find(name, kinds);
      } catch {
        found = undefined; // ambiguous: reported where the plugin is created
      }
      if (found instanceof DeferredDescriptor) await found.load();
    }
  }

  list(kinds?: readonly PluginKind[]): PluginDescriptor[] {
    return [...this.byKindAndClass.values()].filter((d) => kinds === undefined || kinds.includes(d.kind)).sort((a, b) => a.className.localeCompare(b.className));
  }

  /** Resolves a class name or alias among `kinds`; undefined if nothing matches. Throws when ambiguous. */
  find(name: string, kinds: readonly PluginKind[]): PluginDescriptor | undefined {
    const exact = kinds.map((k) => this.byKindAndClass.get(`${k}:${name}`)).find((d) => d !== undefined);
    if (exact !== undefined) return exact;
    const matches = dedupeByClass(this.list(kinds).filter((d) => aliasesOf(d).includes(name)));
    if (matches.length > 1) {
      const what = kinds.includes('source') || kinds.includes('sink') ? 'connector' : kinds[0];
      throw new ConnectError(`More than one ${what} matches alias ${name}. Please use full package and class name instead. Classes found: ${matches.map((m) => m.className).join(', ')}`, 400);
    }
    return matches[0];
  }

  /** As find(), with Kafka Connect's error when nothing matches. */
  resolve(name: string, kinds: readonly PluginKind[]): PluginDescriptor {
    const found = this.find(name, kinds);
    if (found !== undefined) return found;
    if (kinds.includes('source') || kinds.includes('sink')) {
      const available = this.list(['source', 'sink']).map((d) => `${d.className}, ${aliasesOf(d).join(', ')}`);
      throw new ConnectError(
        `Failed to find any class that implements Connector and which name matches ${name}, available connectors are: ${available.join(', ')}`,
        500,
      );
    }
    throw new NotFoundError(`Unknown plugin ${name}.`);
  }

  /**
   * Loads every npm package under the `plugin.path` directories whose package.json declares
   * `"sluice": { "plugin": "<entry module>" }`. A directory may be a package itself or hold
   * packages (one level, like node_modules).
   */
  async loadPluginPath(directories: readonly string[]): Promise<string[]> {
    const loaded: string[] = [];
    for (const dir of directories) {
      for (const pkgDir of candidatePackages(resolve(dir))) {
        const entry = pluginEntry(pkgDir);
        if (entry === null) continue;
        const mod = (await import(pathToFileURL(join(pkgDir, entry)).href)) as Partial<PluginModule>;
        if (!Array.isArray(mod.plugins)) throw new ConnectError(`Plugin package ${pkgDir} must export "plugins" (an array of plugin descriptors)`);
        this.register(...mod.plugins);
        loaded.push(pkgDir);
      }
    }
    return loaded;
  }
}

function dedupeByClass(list: PluginDescriptor[]): PluginDescriptor[] {
  const seen = new Set<string>();
  return list.filter((d) => !seen.has(d.className) && seen.add(d.className));
}

function candidatePackages(dir: string): string[] {
  if (!isDirectory(dir)) throw new ConnectError(`plugin.path entry ${dir} is not a directory`, 400);
  if (pluginEntry(dir) !== null) return [dir];
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((p) => isDirectory(p));
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function pluginEntry(pkgDir: string): string | null {
  try {
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { sluice?: { plugin?: unknown } };
    return typeof pkg.sluice?.plugin === 'string' ? pkg.sluice.plugin : null;
  } catch {
    return null;
  }
}
