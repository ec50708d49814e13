import type { Struct } from './struct.js';

/**
 * What the transformation chain lets the stage it is running reuse (Sluice's runtime, not the
 * data API). A stage that consumes its input record (CONSUMES_INPUT_RECORD) may be offered that
 * record, when the chain alone holds it, and the Struct the previous stage made for it: the
 * stage's newRecord then changes and returns the record itself instead of a copy, and its
 * Struct.deriver rebinds the Struct instead of copying it. Built-in transforms note the Struct
 * they make for their output (noteFreshStruct), which the chain offers to the next stage.
 * One object with plain fields: the chain touches it several times per stage.
 */
class ChainReuse {
  /** The record the next newRecord called on it may change and give back instead of a copy. */
  record: object | null = null;
  /** The Struct a deriver may rebind. */
  struct: Struct | null = null;
  /** Whether a stage is running under the chain, and the Struct it last made for its output. */
  tracking = false;
  made: Struct | null = null;

  /** Starts a stage with what it may reuse (null: nothing). */
  begin(record: object | null, struct: Struct | null): void {
    this.record = record;
    this.struct = struct;
    this.tracking = true;
    this.made = null;
  }

  /** Ends a stage: the offers are withdrawn; returns the Struct it made for its output, or null. */
  end(): Struct | null {
    const made = this.made;
    this.record = null;
    this.struct = null;
    this.tracking = false;
    this.made = null;
    return made;
  }
}

export const chainReuse = new ChainReuse();
