import { describe, expect, it } from 'vitest';
import { ConfigException } from './config-exception.js';
import type { ParsedValue } from './config-types.js';
import {
  CaseInsensitiveValidString,
  CompositeValidator,
  LambdaValidator,
  ListSize,
  NonEmptyString,
  NonEmptyStringWithoutControlChars,
  NonNullValidator,
  Range,
  ValidList,
  ValidString,
  type Validator,
} from './validators.js';

function rejection(validator: Validator, value: ParsedValue): string | undefined {
  try {
    validator.ensureValid('k', value);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigException);
    return (error as Error).message;
  }
}

describe('validators', () => {
  it('Range checks bounds inclusively, exactly for bigints', () => {
    expect(rejection(Range.atLeast(1), 1)).toBeUndefined();
    expect(rejection(Range.atLeast(1), 0)).toBe('Invalid value 0 for configuration k: Value must be at least 1');
    expect(rejection(Range.between(1, 10), 11)).toBe('Invalid value 11 for configuration k: Value must be no more than 10');
    expect(rejection(Range.atLeast(1), null)).toBe('Invalid value null for configuration k: Value must be non-null');
    expect(rejection(Range.between(0n, 9223372036854775806n), 9223372036854775807n)).toBe(
      'Invalid value 9223372036854775807 for configuration k: Value must be no more than 9223372036854775806',
    );
    expect(rejection(Range.atLeast(-1), 0n)).toBeUndefined();
    expect(Range.atLeast(1).toString()).toBe('[1,...]');
    expect(Range.between(0, 5).toString()).toBe('[0,...,5]');
  });

  it('ValidString and CaseInsensitiveValidString', () => {
    expect(rejection(ValidString.in('none', 'all'), 'all')).toBeUndefined();
    expect(rejection(ValidString.in('none', 'all'), 'ALL')).toBe('Invalid value ALL for configuration k: String must be one of: none, all');
    expect(ValidString.in('none', 'all').toString()).toBe('[none, all]');
    const caseless = CaseInsensitiveValidString.in('requested', 'required');
    expect(rejection(caseless, 'REQUIRED')).toBeUndefined();
    expect(rejection(caseless, 'maybe')).toBe(
      'Invalid value maybe for configuration k: String must be one of (case insensitive): REQUESTED, REQUIRED',
    );
    expect(rejection(caseless, null)).toBe('Invalid value null for configuration k: String must be one of (case insensitive): REQUESTED, REQUIRED');
  });

  it('ValidList checks every element and names the bad one', () => {
    const validator = ValidList.in('a', 'b');
    expect(rejection(validator, ['a', 'b'])).toBeUndefined();
    expect(rejection(validator, ['a', 'c'])).toBe('Invalid value c for configuration k: String must be one of: a, b');
    expect(rejection(validator, null)).toBeUndefined();
  });

  it('NonNull, NonEmptyString, control characters, ListSize', () => {
    expect(rejection(new NonNullValidator(), null)).toBe('Invalid value null for configuration k: entry must be non null');
    expect(rejection(new NonEmptyString(), '')).toBe('Invalid value  for configuration k: String must be non-empty');
    expect(rejection(new NonEmptyString(), null)).toBeUndefined();
    const names = NonEmptyStringWithoutControlChars.nonEmptyStringWithoutControlChars();
    expect(rejection(names, 'ok-name')).toBeUndefined();
    expect(rejection(names, '')).toBe('Invalid value  for configuration k: String may not be empty');
    expect(rejection(names, 'a\nb\u0007')).toBe(
      'Invalid value a\nb\u0007 for configuration k: String may not contain control sequences but had the following ASCII chars: 10, 7',
    );
    expect(rejection(ListSize.atMostOfSize(1), ['a', 'b'])).toBe('Invalid value [a, b] for configuration k: exceeds maximum list size of [1].');
  });

  it('Lambda and Composite validators', () => {
    const even = LambdaValidator.with(
      (name, value) => {
        if (typeof value === 'number' && value % 2 !== 0) throw ConfigException.invalidValue(name, value, 'must be even');
      },
      () => 'even numbers',
    );
    const composite = CompositeValidator.of(new NonNullValidator(), even);
    expect(rejection(composite, 4)).toBeUndefined();
    expect(rejection(composite, 3)).toBe('Invalid value 3 for configuration k: must be even');
    expect(rejection(composite, null)).toBe('Invalid value null for configuration k: entry must be non null');
    expect(composite.toString()).toBe('non-null string, even numbers');
  });
});
