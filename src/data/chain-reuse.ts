/**
 * What the transformation chain lets the stage it is running reuse (Sluice's runtime, not the
 * data API). A stage that consumes its input record (CONSUMES_INPUT_RECORD) may be offered that
 * record, when the chain alone holds it, and the value the previous stage made for it (a Struct or
 * a schemaless Map): the stage's newRecord then changes and returns the record itself instead of a
 * copy, Struct.deriver rebinds the Struct instead of copying it, and a transform that only
 * changes values may change the Map itself. Built-in transforms note the value they make for
 * their output (noteFreshValue), which the chain offers to the next stage.
 * One object with plain fields: the chain touches it several times per stage.
 */
class ChainReuse {
  /** The record the next newRecord called on it may change and give back instead of a copy. */
  record: object | null = null;
  /** The Struct a deriver may rebind, or the Map a transform may change. */
  value: object | null = null;
  /** Whether a stage is running under the chain, and the value it last made for its output. */
  tracking = false;
  made: object | null = null;

  /** Starts a stage with what it may reuse (null: nothing). */
  begin(record: object | null, value: object | null): void {
    this.record = record;
    this.value = value;
    this.tracking = true;
    this.made = null;
  }

  /** Ends a stage: the offers are withdrawn; returns the value it made for its output, or null. */
  end(): object | null {
    const made = this.made;
    this.record = null;
    this.value = null;
    this.tracking = false;
    this.made = null;
    return made;
  }
}

export const chainReuse = new ChainReuse();

/** Tells the transformation chain that `value` (a Struct or Map) was just made or changed by a transform, for its output alone. */
export function noteFreshValue<V extends object>(value: V): V {
  if (chainReuse.tracking) chainReuse.made = value;
  return value;
}
