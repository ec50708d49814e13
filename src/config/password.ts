/** A secret config value; prints as `[hidden]` so it cannot leak through logs or REST output by accident. */
export class Password {
  static readonly HIDDEN = '[hidden]';

  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The secret itself, for the code that needs it (e.g. to open a connection). */
  value(): string {
    return this.#value;
  }

  equals(other: unknown): boolean {
    return other instanceof Password && other.#value === this.#value;
  }

  toString(): string {
    return Password.HIDDEN;
  }

  toJSON(): string {
    return Password.HIDDEN;
  }
}
