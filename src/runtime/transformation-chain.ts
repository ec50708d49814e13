/**
 * The configured transforms of a connector, applied in order; each may be guarded by a predicate
 * (`transforms.<alias>.predicate`, `.negate`), as Kafka Connect's TransformationChain.
 */
import type { Predicate, Transformation } from '../connect/transformation.js';
import type { ConnectRecord } from '../data/index.js';

export interface TransformationStage {
  alias: string;
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
  constructor(readonly stages: readonly TransformationStage[]) {}

  static empty(): TransformationChain {
    return new TransformationChain([]);
  }

  apply<R extends ConnectRecord<R>>(record: R): R | null {
    let current: R | null = record;
    for (const stage of this.stages) {
      if (current === null) return null;
      const r: R = current;
      try {
        if (stage.predicate !== undefined && stage.predicate.test(r) === stage.negate) continue;
        current = stage.transformation.apply(r);
      } catch (err) {
        throw new TransformationError(stage.alias, stage.transformation.constructor.name, err);
      }
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
