/**
 * The configured transforms of a connector, applied in order; each may be guarded by a predicate
 * (`transforms.<alias>.predicate`, `.negate`), as Kafka Connect's TransformationChain.
 */
import type { Predicate, Transformation } from '../connect/transformation.js';
import {
  chainReuse,
  CONSUMES_INPUT_RECORD,
  restoreRecordFields,
  SavedRecordFields,
  saveRecordFields,
  type ConnectRecord,
} from '../data/index.js';
import { ConnectError } from './errors.js';
import { withPrefix } from '../config/prefixed.js';
import type { Plugins } from './plugins.js';

export interface TransformationStage {
  alias: string;
  /** The plugin's class name, reported in error contexts. */
  className: string;
  transformation: Transformation;
  predicate?: Predicate;
  negate: boolean;
}

/** Raised when a transform throws: names the alias so errors can say which one failed. */
export class TransformationError extends Error {
  constructor(
    readonly alias: string,
    readonly transformationClass: string,
    cause: unknown,
  ) {
    super(`Transformation ${alias} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'TransformationError';
  }
}

export class TransformationChain {
  // Per stage: whether its transform consumes its input record (see CONSUMES_INPUT_RECORD).
  readonly #consumesInput: readonly boolean[];
  // applyConsuming's copy of its input's parts, reused from record to record.
  readonly #saved = new SavedRecordFields();

  constructor(readonly stages: readonly TransformationStage[]) {
    this.#consumesInput = stages.map((s) => (s.transformation as { [CONSUMES_INPUT_RECORD]?: unknown })[CONSUMES_INPUT_RECORD] === true);
  }

  static empty(): TransformationChain {
    return new TransformationChain([]);
  }

  apply<R extends ConnectRecord<R>>(record: R): R | null {
    return this.#run(record, false);
  }

  /**
   * apply, for a caller that has no further use for `record` (it keeps no reference and needs
   * neither its topic nor its key, value, timestamp or headers afterwards): the first stage may
   * change it in place instead of copying it. If a stage throws, `record` is first put back as it
   * was, so the caller can retry or report it.
   */
  applyConsuming<R extends ConnectRecord<R>>(record: R): R | null {
    if (this.stages.length === 0) return record;
    saveRecordFields(record, this.#saved);
    try {
      return this.#run(record, true);
    } catch (error) {
      restoreRecordFields(record, this.#saved);
      throw error;
    } finally {
      this.#saved.clear();
    }
  }

  #run<R extends ConnectRecord<R>>(record: R, inputOwned: boolean): R | null {
    const stages = this.stages;
    const consumesInput = this.#consumesInput;
    let current: R | null = record;
    // Whether the chain alone holds `current`: a record a consuming stage made (or the caller gave
    // up), which no predicate (that might keep it) has seen. The next consuming stage's newRecord
    // may then reuse it, and the Struct or Map the stage before made (see chainReuse).
    let owned = inputOwned;
    let ownedValue: object | null = null;
    let i = 0;
    try {
      for (; i < stages.length; i++) {
        if (current === null) return null;
        const stage = stages[i];
        const r: R = current;
        if (stage.predicate !== undefined) {
          owned = false;
          if (stage.predicate.test(r) === stage.negate) continue;
        }
        const consumes = consumesInput[i];
        if (owned && consumes) chainReuse.begin(r, ownedValue);
        else chainReuse.begin(null, null);
        current = stage.transformation.apply(r);
        ownedValue = chainReuse.end();
        // A stage that does not consume its input may have kept it.
        owned = consumes && (current !== r || owned);
      }
    } catch (err) {
      chainReuse.end();
      const stage = stages[i];
      throw new TransformationError(stage.alias, stage.className, err);
    }
    return current;
  }

  close(): void {
    for (const s of this.stages) {
      s.transformation.close();
      s.predicate?.close();
    }
  }
}

/** Builds the chain a connector config describes (`transforms`, `transforms.<alias>.*`, `predicates.*`). */
export function buildTransformationChain(plugins: Plugins, connectorConfig: Record<string, string>): TransformationChain {
  const aliases = (connectorConfig['transforms'] ?? '').split(',').map((a) => a.trim()).filter((a) => a.length > 0);
  const stages: TransformationStage[] = aliases.map((alias) => {
    const prefix = `transforms.${alias}.`;
    const settings = withPrefix(connectorConfig, prefix);
    const type = settings['type'];
    if (type === undefined) throw new ConnectError(`Missing required configuration "${prefix}type" which has no default value.`, 400);
    const descriptor = plugins.resolve(type, ['transformation']);
    const transformation = descriptor.create() as Transformation;
    const { type: _t, predicate: predicateAlias, negate, ...own } = settings;
    transformation.configure(own);
    let predicate: Predicate | undefined;
    if (predicateAlias !== undefined && predicateAlias !== '') {
      const pSettings = withPrefix(connectorConfig, `predicates.${predicateAlias}.`);
      const pType = pSettings['type'];
      if (pType === undefined) throw new ConnectError(`Missing required configuration "predicates.${predicateAlias}.type" which has no default value.`, 400);
      predicate = plugins.resolve(pType, ['predicate']).create() as Predicate;
      const { type: _p, ...pOwn } = pSettings;
      predicate.configure(pOwn);
    }
    return { alias, className: descriptor.className, transformation, predicate, negate: negate === 'true' };
  });
  return new TransformationChain(stages);
}
