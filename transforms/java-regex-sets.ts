/**
 * Java's character sets, anchors and flags as JavaScript `v`-flag RegExp sources: `\s`, `.` and
 * the line terminators keep Java's sets, case-insensitivity is ASCII-only unless UNICODE_CASE.
 */
import { UNICODE_WORD } from './java-regex-properties.js';
import { setNode, type Node } from './java-regex-tree.js';

// Pattern's flag bits, set by the inline forms (?idmsuxU-idmsuxU).
// Pattern's flag bits, set by the inline forms (?idmsuxU-idmsuxU).
export const UNIX_LINES = 0x01;
export const CASE_INSENSITIVE = 0x02;
export const COMMENTS = 0x04;
export const MULTILINE = 0x08;
export const DOTALL = 0x20;
export const UNICODE_CASE = 0x40;
export const CANON_EQ = 0x80;
export const UNICODE_CHARACTER_CLASS = 0x100;

function hex(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

export function isAsciiAlnum(cp: number): boolean {
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
}

export function isAsciiAlpha(cp: number): boolean {
  return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
}

export function isAsciiDigit(cp: number): boolean {
  return cp >= 0x30 && cp <= 0x39;
}

export function isAsciiSpace(cp: number): boolean {
  return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d);
}

export function isHexDigit(cp: number): boolean {
  return isAsciiDigit(cp) || (cp >= 0x41 && cp <= 0x46) || (cp >= 0x61 && cp <= 0x66);
}

/** A code point inside a class; only ASCII letters and digits are written as themselves. */
export function classChar(cp: number): string {
  return isAsciiAlnum(cp) ? String.fromCharCode(cp) : hex(cp);
}

/** A code point outside a class. */
function literalChar(cp: number): string {
  return isAsciiAlnum(cp) || cp === 0x5f ? String.fromCharCode(cp) : hex(cp);
}

export const union = (a: string, b: string): string => `[${a}${b}]`;
export const intersect = (a: string, b: string): string => `[${a}&&${b}]`;
export const negate = (a: string): string => `[^${a}]`;

const LINE_TERMINATOR = '[\\u{a}\\u{d}\\u{85}\\u{2028}\\u{2029}]';
export const HORIZONTAL_SPACE = '[\\u{9}\\u{20}\\u{a0}\\u{1680}\\u{180e}\\u{2000}-\\u{200a}\\u{202f}\\u{205f}\\u{3000}]';
export const VERTICAL_SPACE = '[\\u{a}-\\u{d}\\u{85}\\u{2028}\\u{2029}]';
const ASCII_WORD = '[a-zA-Z0-9\\u{5f}]';

export function digitSet(flags: number): string {
  return (flags & UNICODE_CHARACTER_CLASS) !== 0 ? '\\p{Nd}' : '[0-9]';
}

export function spaceSet(flags: number): string {
  return (flags & UNICODE_CHARACTER_CLASS) !== 0 ? '\\p{White_Space}' : '[\\u{9}-\\u{d}\\u{20}]';
}

export function wordSet(flags: number): string {
  return (flags & UNICODE_CHARACTER_CLASS) !== 0 ? UNICODE_WORD : ASCII_WORD;
}

export function dotSet(flags: number): string {
  if ((flags & DOTALL) !== 0) return '\\p{Any}';
  return (flags & UNIX_LINES) !== 0 ? '[^\\u{a}]' : `[^${LINE_TERMINATOR.slice(1, -1)}]`;
}

// Java's `^` in MULTILINE mode: after any line terminator except at the end of the input, and
// not between \r and \n.
export function caret(flags: number): string {
  if ((flags & UNIX_LINES) !== 0) return '(?:^|(?<=\\u{a}))(?!$)';
  return `(?:^|(?<=${LINE_TERMINATOR}))(?!(?<=\\u{d})\\u{a})(?!$)`;
}

// Java's `$` and `\Z`: before a final line terminator too, or (MULTILINE) before any terminator.
export function dollar(flags: number, multiline: boolean): string {
  if ((flags & UNIX_LINES) !== 0) return multiline ? '(?=\\u{a}|$)' : '(?=\\u{a}?$)';
  if (multiline) return `(?=${LINE_TERMINATOR}|$)(?!(?<=\\u{d})\\u{a})`;
  return `(?=(?:\\u{d}\\u{a}|${LINE_TERMINATOR})?$)(?!\\u{a}$(?<=\\u{d}\\u{a}))`;
}

export function wordBoundary(flags: number, boundary: boolean): string {
  if ((flags & UNICODE_CHARACTER_CLASS) === 0) return boundary ? '\\b' : '\\B';
  const w = UNICODE_WORD;
  return boundary ? `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))` : `(?:(?<=${w})(?=${w})|(?<!${w})(?!${w}))`;
}

// \R: Java builds it as a group of two alternatives, and repeats it as one.
export const LINEBREAK: Node = {
  kind: 'group',
  capture: null,
  body: { kind: 'alt', branches: [{ kind: 'seq', items: [setNode('\\u{d}'), setNode('\\u{a}')] }, setNode(VERTICAL_SPACE)] },
};
// An approximation of an extended grapheme cluster: a base character and its combining marks.
export const GRAPHEME: Node = { kind: 'raw', source: '(?:\\u{d}\\u{a}|\\P{M}\\p{M}*|\\p{M}+)', max: 0, charProperty: false, deterministic: false };

function simpleCase(cp: number, upper: boolean): number {
  const text = String.fromCodePoint(cp);
  const mapped = upper ? text.toUpperCase() : text.toLowerCase();
  const points = [...mapped];
  return points.length === 1 ? (points[0].codePointAt(0) ?? cp) : cp;
}

/** The code points a character matches: itself, and its other cases under CASE_INSENSITIVE. */
export function caseVariants(cp: number, flags: number): number[] {
  if ((flags & CASE_INSENSITIVE) === 0) return [cp];
  if ((flags & UNICODE_CASE) !== 0) {
    const upper = simpleCase(cp, true);
    const lower = simpleCase(cp, false);
    return [...new Set([cp, upper, lower, simpleCase(upper, false), simpleCase(lower, true)])];
  }
  if (cp >= 0x41 && cp <= 0x5a) return [cp, cp + 32];
  if (cp >= 0x61 && cp <= 0x7a) return [cp, cp - 32];
  return [cp];
}

export function charNode(cp: number, flags: number): Node {
  const variants = caseVariants(cp, flags);
  return setNode(variants.length === 1 ? literalChar(cp) : `[${variants.map(classChar).join('')}]`);
}

/** A range `[lo-hi]`, widened by the other case of its letters under CASE_INSENSITIVE. */
export function rangeSet(lo: number, hi: number, flags: number): string {
  const items = [`${classChar(lo)}-${classChar(hi)}`];
  if ((flags & CASE_INSENSITIVE) !== 0) {
    const addShifted = (from: number, to: number, shift: number): void => {
      const a = Math.max(lo, from);
      const b = Math.min(hi, to);
      if (a <= b) items.push(`${classChar(a + shift)}-${classChar(b + shift)}`);
    };
    addShifted(0x61, 0x7a, -32);
    addShifted(0x41, 0x5a, 32);
    if ((flags & UNICODE_CASE) !== 0) {
      const extra = new Set<number>();
      // Bounded: a range over all of Unicode would take too long to walk; its ASCII part is done above.
      for (let cp = Math.max(lo, 0x80); cp <= Math.min(hi, 0x2ffff); cp++) {
        for (const variant of caseVariants(cp, flags)) if (variant < lo || variant > hi) extra.add(variant);
      }
      for (const cp of extra) items.push(classChar(cp));
    }
  }
  return `[${items.join('')}]`;
}

