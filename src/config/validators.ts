import { ConfigException } from './config-exception.js';
import type { ParsedValue } from './config-types.js';

/**
 * Checks a parsed value; throws ConfigException to reject it. toString() describes the accepted
 * values (Kafka prints it as "Valid Values" in its config docs).
 */
export interface Validator {
  ensureValid(name: string, value: ParsedValue): void;
  toString(): string;
}

type Bound = number | bigint;

/** Numeric bounds, inclusive. Compares exactly, so bigint LONG values near 2^63 are safe. */
export class Range implements Validator {
  private constructor(
    private readonly min: Bound | null,
    private readonly max: Bound | null,
  ) {}

  static atLeast(min: Bound): Range {
    return new Range(min, null);
  }

  static between(min: Bound, max: Bound): Range {
    return new Range(min, max);
  }

  ensureValid(name: string, value: ParsedValue): void {
    if (value === null) throw ConfigException.invalidValue(name, null, 'Value must be non-null');
    if (typeof value !== 'number' && typeof value !== 'bigint') {
      throw ConfigException.invalidValue(name, value, 'Value must be a number');
    }
    if (this.min !== null && value < this.min) throw ConfigException.invalidValue(name, value, `Value must be at least ${this.min}`);
    if (this.max !== null && value > this.max) throw ConfigException.invalidValue(name, value, `Value must be no more than ${this.max}`);
  }

  toString(): string {
    if (this.min === null && this.max === null) return '[...]';
    if (this.min === null) return `[...,${this.max}]`;
    if (this.max === null) return `[${this.min},...]`;
    return `[${this.min},...,${this.max}]`;
  }
}

/** One of a fixed set of strings, case-sensitive. */
export class ValidString implements Validator {
  private constructor(readonly validStrings: readonly string[]) {}

  static in(...validStrings: string[]): ValidString {
    return new ValidString(validStrings);
  }

  ensureValid(name: string, value: ParsedValue): void {
    if (typeof value !== 'string' || !this.validStrings.includes(value)) {
      throw ConfigException.invalidValue(name, value, `String must be one of: ${this.validStrings.join(', ')}`);
    }
  }

  toString(): string {
    return `[${this.validStrings.join(', ')}]`;
  }
}

/** Every element of a LIST is one of a fixed set of strings. A null list passes (pair with NonNullValidator). */
export class ValidList implements Validator {
  private constructor(private readonly validString: ValidString) {}

  static in(...validStrings: string[]): ValidList {
    return new ValidList(ValidString.in(...validStrings));
  }

  ensureValid(name: string, value: ParsedValue): void {
    if (value === null) return;
    if (!Array.isArray(value)) throw ConfigException.invalidValue(name, value, 'Expected a comma separated list.');
    for (const element of value as readonly string[]) this.validString.ensureValid(name, element);
  }

  toString(): string {
    return this.validString.toString();
  }
}

/** One of a fixed set of strings, ignoring case. */
export class CaseInsensitiveValidString implements Validator {
  private readonly upperCased: readonly string[];

  private constructor(validStrings: readonly string[]) {
    this.upperCased = [...new Set(validStrings.map((s) => s.toUpperCase()))];
  }

  static in(...validStrings: string[]): CaseInsensitiveValidString {
    return new CaseInsensitiveValidString(validStrings);
  }

  ensureValid(name: string, value: ParsedValue): void {
    if (typeof value !== 'string' || !this.upperCased.includes(value.toUpperCase())) {
      throw ConfigException.invalidValue(name, value, `String must be one of (case insensitive): ${this.upperCased.join(', ')}`);
    }
  }

  toString(): string {
    return `(case insensitive) [${this.upperCased.join(', ')}]`;
  }
}

export class NonNullValidator implements Validator {
  ensureValid(name: string, value: ParsedValue): void {
    if (value === null) throw ConfigException.invalidValue(name, 'null', 'entry must be non null');
  }

  toString(): string {
    return 'non-null string';
  }
}

/** Rejects the empty string; null passes. */
export class NonEmptyString implements Validator {
  ensureValid(name: string, value: ParsedValue): void {
    if (value === '') throw ConfigException.invalidValue(name, value, 'String must be non-empty');
  }

  toString(): string {
    return 'non-empty string';
  }
}

/** Kafka's check for connector names: not empty, no ISO control characters; null passes. */
export class NonEmptyStringWithoutControlChars implements Validator {
  static nonEmptyStringWithoutControlChars(): NonEmptyStringWithoutControlChars {
    return new NonEmptyStringWithoutControlChars();
  }

  ensureValid(name: string, value: ParsedValue): void {
    if (value === null || typeof value !== 'string') return;
    if (value === '') throw ConfigException.invalidValue(name, value, 'String may not be empty');
    const controlChars: number[] = [];
    for (let i = 0; i < value.length; i++) {
      const codePoint = value.codePointAt(i) ?? 0;
      if (codePoint <= 0x1f || (codePoint >= 0x7f && codePoint <= 0x9f)) controlChars.push(codePoint);
    }
    if (controlChars.length > 0) {
      throw ConfigException.invalidValue(
        name,
        value,
        `String may not contain control sequences but had the following ASCII chars: ${controlChars.join(', ')}`,
      );
    }
  }

  toString(): string {
    return 'non-empty string without ISO control characters';
  }
}

/** A LIST of at most maxSize elements; null passes. */
export class ListSize implements Validator {
  private constructor(private readonly maxSize: number) {}

  static atMostOfSize(maxSize: number): ListSize {
    return new ListSize(maxSize);
  }

  ensureValid(name: string, value: ParsedValue): void {
    if (Array.isArray(value) && value.length > this.maxSize) {
      throw ConfigException.invalidValue(name, value, `exceeds maximum list size of [${this.maxSize}].`);
    }
  }

  toString(): string {
    return `List containing maximum of ${this.maxSize} elements`;
  }
}

/** A validator from a function, for checks the built-ins do not cover. */
export class LambdaValidator implements Validator {
  private constructor(
    private readonly check: (name: string, value: ParsedValue) => void,
    private readonly describe: () => string,
  ) {}

  static with(check: (name: string, value: ParsedValue) => void, describe: () => string = () => ''): LambdaValidator {
    return new LambdaValidator(check, describe);
  }

  ensureValid(name: string, value: ParsedValue): void {
    this.check(name, value);
  }

  toString(): string {
    return this.describe();
  }
}

/** All of several validators, in order; the first rejection wins. */
export class CompositeValidator implements Validator {
  private constructor(private readonly validators: readonly Validator[]) {}

  static of(...validators: Validator[]): CompositeValidator {
    return new CompositeValidator(validators);
  }

  ensureValid(name: string, value: ParsedValue): void {
    for (const validator of this.validators) validator.ensureValid(name, value);
  }

  toString(): string {
    return this.validators.map((v) => v.toString()).join(', ');
  }
}
