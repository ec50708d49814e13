/**
 * Pattern.compile's recursive descent over code points, cursor for cursor, so that errors name
 * the index Java names; the result is a syntax tree (java-regex-tree.ts).
 */
import { keyedProperty, namedProperty, type PropertyContext } from './java-regex-properties.js';
import {
  CANON_EQ,
  CASE_INSENSITIVE,
  COMMENTS,
  DOTALL,
  GRAPHEME,
  HORIZONTAL_SPACE,
  LINEBREAK,
  MULTILINE,
  UNICODE_CASE,
  UNICODE_CHARACTER_CLASS,
  UNIX_LINES,
  VERTICAL_SPACE,
  caret,
  caseVariants,
  charNode,
  classChar,
  digitSet,
  dollar,
  dotSet,
  intersect,
  isAsciiAlnum,
  isAsciiAlpha,
  isAsciiDigit,
  isAsciiSpace,
  isHexDigit,
  negate,
  rangeSet,
  spaceSet,
  union,
  wordBoundary,
  wordSet,
} from './java-regex-sets.js';
import { EMPTY, setNode, study, zeroWidth, type Node } from './java-regex-tree.js';

const INT_MAX = 2147483647;

const char = (c: string): number => c.charCodeAt(0);
const BACKSLASH = char('\\');
const LPAREN = char('(');
const RPAREN = char(')');
const LBRACKET = char('[');
const RBRACKET = char(']');
const LBRACE = char('{');
const RBRACE = char('}');
const QUESTION = char('?');
const STAR = char('*');
const PLUS = char('+');
const PIPE = char('|');
const CARET = char('^');
const DOLLAR = char('$');
const DOT = char('.');
const AMP = char('&');
const MINUS = char('-');
const COMMA = char(',');
const COLON = char(':');
const EQUALS = char('=');
const BANG = char('!');
const LT = char('<');
const GT = char('>');
const AT = char('@');
const HASH = char('#');
/** Java's PatternSyntaxException, with its three-line message (description, pattern, caret). */
export class PatternSyntaxException extends Error {
  constructor(
    readonly description: string,
    readonly pattern: string,
    readonly index: number,
  ) {
    super(patternSyntaxMessage(description, pattern, index));
    this.name = 'PatternSyntaxException';
  }
}

function patternSyntaxMessage(description: string, pattern: string, index: number): string {
  let message = index >= 0 ? `${description} near index ${index}` : description;
  message += `\n${pattern}`;
  if (index >= 0 && index < pattern.length) {
    let pointer = '';
    for (let i = 0; i < index; i++) pointer += pattern[i] === '\t' ? '\t' : ' ';
    message += `\n${pointer}^`;
  }
  return message;
}


export interface ParsedPattern {
  root: Node;
  groupCount: number;
  namedGroups: ReadonlyMap<string, number>;
}

type Escaped = number | { set: string } | { node: Node };

export class JavaPatternParser {
  readonly #pattern: string;
  #temp: number[];
  #length: number;
  #cursor = 0;
  #flags = 0;
  /** Java's capturingGroupCount: one more than the groups seen so far. */
  #groupCount = 1;
  readonly #namedGroups = new Map<string, number>();

  constructor(pattern: string) {
    this.#pattern = pattern;
    const codePoints = [...pattern].map((c) => c.codePointAt(0) ?? 0);
    this.#length = codePoints.length;
    // Two zeros terminate the pattern, as in Java.
    this.#temp = [...codePoints, 0, 0];
    this.#removeQuoting();
  }

  parse(): ParsedPattern {
    const root = this.#expr();
    if (this.#length !== this.#cursor) {
      if (this.#peek() === RPAREN) throw this.#error("Unmatched closing ')'");
      throw this.#error('Unexpected internal error');
    }
    return { root, groupCount: this.#groupCount - 1, namedGroups: this.#namedGroups };
  }

  // --- cursor primitives (Pattern.peek/read/next/skip/unread, COMMENTS-aware) ---

  #at(index: number): number {
    return this.#temp[index] ?? 0;
  }

  #has(flag: number): boolean {
    return (this.#flags & flag) !== 0;
  }

  #peek(): number {
    const ch = this.#at(this.#cursor);
    return this.#has(COMMENTS) ? this.#peekPastWhitespace(ch) : ch;
  }

  #read(): number {
    const ch = this.#at(this.#cursor++);
    return this.#has(COMMENTS) ? this.#parsePastWhitespace(ch) : ch;
  }

  #next(): number {
    const ch = this.#at(++this.#cursor);
    return this.#has(COMMENTS) ? this.#peekPastWhitespace(ch) : ch;
  }

  #nextEscaped(): number {
    return this.#at(++this.#cursor);
  }

  #skip(): number {
    const ch = this.#at(this.#cursor + 1);
    this.#cursor += 2;
    return ch;
  }

  #unread(): void {
    this.#cursor--;
  }

  #accept(expected: number, message: string): void {
    let ch = this.#at(this.#cursor++);
    if (this.#has(COMMENTS)) ch = this.#parsePastWhitespace(ch);
    if (ch !== expected) throw this.#error(message);
  }

  #mark(ch: number): void {
    this.#temp[this.#length] = ch;
  }

  #error(description: string): PatternSyntaxException {
    return new PatternSyntaxException(description, this.#pattern, this.#cursor - 1);
  }

  #isLineSeparator(ch: number): boolean {
    if (this.#has(UNIX_LINES)) return ch === 0x0a;
    return ch === 0x0a || ch === 0x0d || ch === 0x85 || ch === 0x2028 || ch === 0x2029;
  }

  #peekPastWhitespace(start: number): number {
    let ch = start;
    while (isAsciiSpace(ch) || ch === HASH) {
      while (isAsciiSpace(ch)) ch = this.#at(++this.#cursor);
      if (ch === HASH) {
        ch = this.#at(++this.#cursor);
        while (ch !== 0 && !this.#isLineSeparator(ch)) ch = this.#at(++this.#cursor);
        if (ch === 0 && this.#cursor > this.#length) {
          this.#cursor = this.#length;
          ch = this.#at(this.#cursor);
        }
      }
    }
    return ch;
  }

  #parsePastWhitespace(start: number): number {
    let ch = start;
    while (isAsciiSpace(ch) || ch === HASH) {
      while (isAsciiSpace(ch)) ch = this.#at(this.#cursor++);
      if (ch === HASH) {
        ch = this.#at(this.#cursor++);
        while (ch !== 0 && !this.#isLineSeparator(ch)) ch = this.#at(this.#cursor++);
        if (ch === 0 && this.#cursor > this.#length) {
          this.#cursor = this.#length;
          ch = this.#at(this.#cursor++);
        }
      }
    }
    return ch;
  }

  /** Pattern.RemoveQEQuoting: `\Q...\E` becomes the same text with every metacharacter escaped. */
  #removeQuoting(): void {
    const source = this.#temp;
    const length = this.#length;
    const Q = char('Q');
    const E = char('E');
    let i = 0;
    while (i < length - 1) {
      if (source[i] !== BACKSLASH) i += 1;
      else if (source[i + 1] !== Q) i += 2;
      else break;
    }
    if (i >= length - 1) return;
    const out = source.slice(0, i);
    i += 2;
    let inQuote = true;
    let beginQuote = true;
    while (i < length) {
      const c = source[i++];
      if (c > 0x7f || isAsciiAlpha(c)) {
        out.push(c);
      } else if (isAsciiDigit(c)) {
        // A digit right after \Q is written \x3N so that an escape before the \Q cannot take it.
        if (beginQuote) out.push(BACKSLASH, char('x'), char('3'));
        out.push(c);
      } else if (c !== BACKSLASH) {
        if (inQuote) out.push(BACKSLASH);
        out.push(c);
      } else if (inQuote) {
        if (this.#at(i) === E) {
          i++;
          inQuote = false;
        } else {
          out.push(BACKSLASH, BACKSLASH);
        }
      } else {
        if (this.#at(i) === Q) {
          i++;
          inQuote = true;
          beginQuote = true;
          continue;
        }
        out.push(c);
        if (i !== length) out.push(source[i++]);
      }
      beginQuote = false;
    }
    this.#length = out.length;
    this.#temp = [...out, 0, 0];
  }

  // --- grammar ---

  #expr(): Node {
    const branches: Node[] = [];
    for (;;) {
      branches.push(this.#sequence());
      if (this.#peek() !== PIPE) break;
      this.#next();
    }
    return branches.length === 1 ? branches[0] : { kind: 'alt', branches };
  }

  #sequence(): Node {
    const items: Node[] = [];
    for (;;) {
      let ch = this.#peek();
      let node: Node;
      switch (ch) {
        case LPAREN: {
          const group = this.#group();
          if (group !== null) items.push(group);
          continue;
        }
        case LBRACKET:
          node = setNode(this.#clazz(true));
          break;
        case BACKSLASH:
          ch = this.#nextEscaped();
          if (ch === char('p') || ch === char('P')) {
            node = setNode(this.#propertyEscape(ch === char('P')));
          } else {
            this.#unread();
            node = this.#atom();
          }
          break;
        case CARET:
          this.#next();
          node = zeroWidth(this.#has(MULTILINE) ? caret(this.#flags) : '^');
          break;
        case DOLLAR:
          this.#next();
          node = zeroWidth(dollar(this.#flags, this.#has(MULTILINE)));
          break;
        case DOT:
          this.#next();
          node = setNode(dotSet(this.#flags));
          break;
        case PIPE:
        case RPAREN:
          return { kind: 'seq', items };
        case QUESTION:
        case STAR:
        case PLUS:
          this.#next();
          throw this.#error(`Dangling meta character '${String.fromCharCode(ch)}'`);
        case 0:
          if (this.#cursor >= this.#length) return { kind: 'seq', items };
          node = this.#atom();
          break;
        default:
          // Includes a dangling `]` or `}`, which Java takes literally.
          node = this.#atom();
          break;
      }
      items.push(this.#closure(node));
    }
  }

  /** One literal character or escape (Java's atom() builds a run of them; the effect is the same). */
  #atom(): Node {
    const ch = this.#peek();
    switch (ch) {
      case STAR:
      case PLUS:
      case QUESTION:
      case LBRACE:
      case DOLLAR:
      case DOT:
      case CARET:
      case LPAREN:
      case LBRACKET:
      case PIPE:
      case RPAREN:
        // An empty atom; `{2}` at the start of a sequence repeats it, `{x` is an error in closure().
        return EMPTY;
      case BACKSLASH: {
        const escaped = this.#nextEscaped();
        if (escaped === char('p') || escaped === char('P')) return setNode(this.#propertyEscape(escaped === char('P')));
        this.#unread();
        const result = this.#escape(false, true, false);
        if (typeof result === 'number') return charNode(result, this.#flags);
        return 'node' in result ? result.node : setNode(result.set);
      }
      case 0:
        if (this.#cursor >= this.#length) return EMPTY;
        this.#next();
        return charNode(ch, this.#flags);
      default:
        this.#next();
        return charNode(ch, this.#flags);
    }
  }

  /** After `\p` or `\P`: the property in `{...}` or the single letter that follows. */
  #propertyEscape(complement: boolean): string {
    let oneLetter = true;
    if (this.#next() !== LBRACE) this.#unread();
    else oneLetter = false;
    return this.#family(oneLetter, complement);
  }

  #ref(first: number): Node {
    let group = first;
    for (;;) {
      const ch = this.#peek();
      if (!isAsciiDigit(ch)) break;
      const longer = group * 10 + (ch - 0x30);
      // A further digit belongs to the reference only if that many groups exist by now.
      if (this.#groupCount - 1 < longer) break;
      group = longer;
      this.#read();
    }
    return { kind: 'backref', group };
  }

  /**
   * Pattern.escape: a character (a number), or what a non-character escape stands for. With
   * `create` false a non-character escape only answers -1.
   */
  #escape(inClass: boolean, create: boolean, isRange: boolean): Escaped {
    const ch = this.#skip();
    const flags = this.#flags;
    const set = (source: string): Escaped => (create ? { set: source } : -1);
    const node = (make: () => Node): Escaped => (create ? { node: make() } : -1);
    switch (String.fromCharCode(ch)) {
      case '0':
        return this.#octal();
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7':
      case '8':
      case '9':
        if (inClass) break;
        return node(() => this.#ref(ch - 0x30));
      case 'A':
        if (inClass) break;
        return node(() => zeroWidth('^'));
      case 'B':
        if (inClass) break;
        return node(() => zeroWidth(wordBoundary(flags, false)));
      case 'D':
        return set(negate(digitSet(flags)));
      case 'G':
        if (inClass) break;
        // The end of the previous match: the start of the input for matches() and replaceFirst().
        return node(() => zeroWidth('^'));
      case 'H':
        return set(negate(HORIZONTAL_SPACE));
      case 'N':
        return this.#characterName();
      case 'R':
        if (inClass) break;
        return node(() => LINEBREAK);
      case 'S':
        return set(negate(spaceSet(flags)));
      case 'V':
        return set(negate(VERTICAL_SPACE));
      case 'W':
        return set(negate(wordSet(flags)));
      case 'X':
        if (inClass) break;
        return node(() => GRAPHEME);
      case 'Z':
        if (inClass) break;
        return node(() => zeroWidth(dollar(flags, false)));
      case 'a':
        return 0x07;
      case 'b':
        if (inClass) break;
        if (create) {
          if (this.#peek() === LBRACE) {
            if (this.#skip() === char('g')) {
              if (this.#read() === RBRACE) throw this.#error('Grapheme cluster boundaries (\\b{g}) are not supported by Sluice');
              break;
            }
            this.#unread();
            this.#unread();
          }
          return { node: zeroWidth(wordBoundary(flags, true)) };
        }
        return -1;
      case 'c':
        if (this.#cursor < this.#length) return this.#read() ^ 64;
        throw this.#error('Illegal control escape sequence');
      case 'd':
        return set(digitSet(flags));
      case 'e':
        return 0x1b;
      case 'f':
        return 0x0c;
      case 'h':
        return set(HORIZONTAL_SPACE);
      case 'k': {
        if (inClass) break;
        if (this.#read() !== LT) throw this.#error("\\k is not followed by '<' for named capturing group");
        const name = this.#groupName(this.#read());
        const group = this.#namedGroups.get(name);
        if (group === undefined) throw this.#error(`named capturing group <${name}> does not exist`);
        return node(() => ({ kind: 'backref', group }));
      }
      case 'n':
        return 0x0a;
      case 'r':
        return 0x0d;
      case 's':
        return set(spaceSet(flags));
      case 't':
        return 0x09;
      case 'u':
        return this.#unicodeEscape();
      case 'v':
        // Before JDK 8 `\v` was VT; as a range end it still is.
        if (isRange) return 0x0b;
        return set(VERTICAL_SPACE);
      case 'w':
        return set(wordSet(flags));
      case 'x':
        return this.#hexEscape();
      case 'z':
        if (inClass) break;
        return node(() => zeroWidth('$'));
      default:
        if (isAsciiAlpha(ch)) break;
        return ch;
    }
    throw this.#error('Illegal/unsupported escape sequence');
  }

  #octal(): number {
    const isOctal = (c: number): boolean => c >= 0x30 && c <= 0x37;
    const n = this.#read();
    if (isOctal(n)) {
      const m = this.#read();
      if (isOctal(m)) {
        const o = this.#read();
        if (isOctal(o) && n <= 0x33) return (n - 0x30) * 64 + (m - 0x30) * 8 + (o - 0x30);
        this.#unread();
        return (n - 0x30) * 8 + (m - 0x30);
      }
      this.#unread();
      return n - 0x30;
    }
    throw this.#error('Illegal octal escape sequence');
  }

  #hexEscape(): number {
    const n = this.#read();
    if (isHexDigit(n)) {
      const m = this.#read();
      if (isHexDigit(m)) return parseInt(String.fromCharCode(n, m), 16);
    } else if (n === LBRACE && isHexDigit(this.#peek())) {
      let cp = 0;
      let digit: number;
      while (isHexDigit((digit = this.#read()))) {
        cp = cp * 16 + parseInt(String.fromCharCode(digit), 16);
        if (cp > 0x10ffff) throw this.#error('Hexadecimal codepoint is too big');
      }
      if (digit !== RBRACE) throw this.#error('Unclosed hexadecimal escape sequence');
      return cp;
    }
    throw this.#error('Illegal hexadecimal escape sequence');
  }

  #fourHexDigits(): number {
    let n = 0;
    for (let i = 0; i < 4; i++) {
      const ch = this.#read();
      if (!isHexDigit(ch)) throw this.#error('Illegal Unicode escape sequence');
      n = n * 16 + parseInt(String.fromCharCode(ch), 16);
    }
    return n;
  }

  #unicodeEscape(): number {
    const n = this.#fourHexDigits();
    if (n >= 0xd800 && n <= 0xdbff) {
      const saved = this.#cursor;
      if (this.#read() === BACKSLASH && this.#read() === char('u')) {
        const low = this.#fourHexDigits();
        if (low >= 0xdc00 && low <= 0xdfff) return (n - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
      }
      this.#cursor = saved;
    }
    return n;
  }

  #characterName(): number {
    if (this.#read() === LBRACE) {
      const start = this.#cursor;
      while (this.#read() !== RBRACE) {
        if (this.#cursor >= this.#length) throw this.#error('Unclosed character name escape sequence');
      }
      const name = String.fromCodePoint(...this.#temp.slice(start, this.#cursor - 1));
      // Without Unicode's name table JavaScript cannot resolve \N{NAME}.
      throw this.#error(`Character names are not supported by Sluice [${name}]`);
    }
    throw this.#error('Illegal character name escape sequence');
  }

  #groupName(first: number): string {
    if (!isAsciiAlpha(first)) throw this.#error('capturing group name does not start with a Latin letter');
    let name = '';
    let ch = first;
    do {
      name += String.fromCharCode(ch);
    } while (isAsciiAlnum((ch = this.#read())));
    if (ch !== GT) throw this.#error("named capturing group is missing trailing '>'");
    return name;
  }

  /** Pattern.group0: a group with its quantifier, or null for a flag-only group `(?i)`. */
  #group(): Node | null {
    const savedFlags = this.#flags;
    let node: Node;
    let ch = this.#next();
    if (ch === QUESTION) {
      ch = this.#skip();
      switch (ch) {
        case COLON:
          node = { kind: 'group', capture: null, body: this.#expr() };
          break;
        case EQUALS:
        case BANG:
          node = { kind: 'look', behind: false, negate: ch === BANG, body: this.#expr() };
          break;
        case GT:
          node = { kind: 'atomic', body: this.#expr() };
          break;
        case LT: {
          ch = this.#read();
          if (ch !== EQUALS && ch !== BANG) {
            const name = this.#groupName(ch);
            if (this.#namedGroups.has(name)) throw this.#error(`Named capturing group <${name}> is already defined`);
            const capture = this.#groupCount++;
            this.#namedGroups.set(name, capture);
            node = { kind: 'group', capture, body: this.#expr() };
            break;
          }
          const body = this.#expr();
          if (!study(body).valid) throw this.#error('Look-behind group does not have an obvious maximum length');
          node = { kind: 'look', behind: true, negate: ch === BANG, body };
          break;
        }
        case DOLLAR:
        case AT:
          throw this.#error('Unknown group type');
        default:
          this.#unread();
          this.#addFlags();
          ch = this.#read();
          // Flags set by (?i) last until the enclosing group closes.
          if (ch === RPAREN) return null;
          if (ch !== COLON) throw this.#error('Unknown inline modifier');
          node = { kind: 'group', capture: null, body: this.#expr() };
          break;
      }
    } else {
      const capture = this.#groupCount++;
      node = { kind: 'group', capture, body: this.#expr() };
    }
    this.#accept(RPAREN, 'Unclosed group');
    this.#flags = savedFlags;
    return this.#closure(node);
  }

  #flagBit(ch: number): number {
    switch (String.fromCharCode(ch)) {
      case 'i':
        return CASE_INSENSITIVE;
      case 'm':
        return MULTILINE;
      case 's':
        return DOTALL;
      case 'd':
        return UNIX_LINES;
      case 'u':
        return UNICODE_CASE;
      case 'c':
        return CANON_EQ;
      case 'x':
        return COMMENTS;
      case 'U':
        return UNICODE_CHARACTER_CLASS | UNICODE_CASE;
      default:
        return 0;
    }
  }

  #addFlags(): void {
    let ch = this.#peek();
    for (;;) {
      if (ch === MINUS) {
        ch = this.#next();
        for (;;) {
          const bit = this.#flagBit(ch);
          if (bit === 0) return;
          this.#flags &= ~bit;
          ch = this.#next();
        }
      }
      const bit = this.#flagBit(ch);
      if (bit === 0) return;
      this.#flags |= bit;
      ch = this.#next();
    }
  }

  #quantifierMode(): 'greedy' | 'lazy' | 'possessive' {
    const ch = this.#next();
    if (ch === QUESTION) {
      this.#next();
      return 'lazy';
    }
    if (ch === PLUS) {
      this.#next();
      return 'possessive';
    }
    return 'greedy';
  }

  #closure(body: Node): Node {
    let ch = this.#peek();
    const repeat = (min: number, max: number): Node => ({ kind: 'repeat', body, min, max, mode: this.#quantifierMode() });
    switch (ch) {
      case QUESTION:
        return repeat(0, 1);
      case STAR:
        return repeat(0, Infinity);
      case PLUS:
        return repeat(1, Infinity);
      case LBRACE: {
        ch = this.#skip();
        if (!isAsciiDigit(ch)) throw this.#error('Illegal repetition');
        let min = 0;
        let max: number;
        do {
          min = min * 10 + (ch - 0x30);
          if (min > INT_MAX) throw this.#error('Illegal repetition range');
        } while (isAsciiDigit((ch = this.#read())));
        if (ch === COMMA) {
          ch = this.#read();
          if (ch === RBRACE) {
            this.#unread();
            return repeat(min, Infinity);
          }
          max = 0;
          while (isAsciiDigit(ch)) {
            max = max * 10 + (ch - 0x30);
            if (max > INT_MAX) throw this.#error('Illegal repetition range');
            ch = this.#read();
          }
        } else {
          max = min;
        }
        if (ch !== RBRACE) throw this.#error('Unclosed counted closure');
        if (max < min) throw this.#error('Illegal repetition range');
        this.#unread();
        return repeat(min, max);
      }
      default:
        return body;
    }
  }

  /** Pattern.clazz: a character class, with Java's union, `&&` intersection and negation rules. */
  #clazz(consume: boolean): string {
    let prev: string | null = null;
    let curr: string | null = null;
    let bits: string[] = [];
    let hasBits = false;
    let negated = false;
    let ch = this.#next();
    if (ch === CARET && this.#at(this.#cursor - 1) === LBRACKET) {
      ch = this.#next();
      negated = true;
    }
    for (;;) {
      switch (ch) {
        case LBRACKET:
          curr = this.#clazz(true);
          prev = prev === null ? curr : union(prev, curr);
          ch = this.#peek();
          continue;
        case AMP:
          ch = this.#next();
          if (ch === AMP) {
            ch = this.#next();
            let right: string | null = null;
            while (ch !== RBRACKET && ch !== AMP) {
              if (ch === LBRACKET) {
                const nested = this.#clazz(true);
                right = right === null ? nested : union(right, nested);
              } else {
                // `abc&&def`: the right side runs to the `]`, which it leaves for us.
                this.#unread();
                right = this.#clazz(false);
              }
              ch = this.#peek();
            }
            if (hasBits) {
              const bitsSet = `[${bits.join('')}]`;
              if (prev === null) prev = curr = bitsSet;
              else prev = union(prev, bitsSet);
              bits = [];
              hasBits = false;
            }
            if (right !== null) curr = right;
            if (prev === null) {
              if (right === null) throw this.#error('Bad class syntax');
              prev = right;
            } else if (curr !== null) {
              prev = intersect(prev, curr);
            }
            continue;
          }
          // A single `&` is a literal.
          this.#unread();
          break;
        case 0:
          if (this.#cursor >= this.#length) throw this.#error('Unclosed character class');
          break;
        case RBRACKET:
          // A `]` right after `[` or `[^` is a literal.
          if (prev !== null || hasBits) {
            if (consume) this.#next();
            if (prev === null) prev = `[${bits.join('')}]`;
            else if (hasBits) prev = union(prev, `[${bits.join('')}]`);
            return negated ? negate(prev) : prev;
          }
          break;
        default:
          break;
      }
      curr = this.#range(bits);
      if (curr === null) hasBits = true;
      else prev = prev === null ? curr : union(prev, curr);
      ch = this.#peek();
    }
  }

  /**
   * Pattern.range: one class member. A Latin-1 character joins `bits` (null is returned); a
   * range, a property or another character is returned as a set.
   */
  #range(bits: string[]): string | null {
    let ch = this.#peek();
    if (ch === BACKSLASH) {
      ch = this.#nextEscaped();
      if (ch === char('p') || ch === char('P')) return this.#propertyEscape(ch === char('P'));
      const isRange = this.#at(this.#cursor + 1) === MINUS;
      this.#unread();
      const escaped = this.#escape(true, true, isRange);
      if (typeof escaped !== 'number') return 'set' in escaped ? escaped.set : null;
      ch = escaped;
    } else {
      this.#next();
    }
    if (ch < 0) throw this.#error(`Unexpected character '${String.fromCharCode(ch)}'`);
    if (this.#peek() === MINUS) {
      const end = this.#at(this.#cursor + 1);
      if (end !== LBRACKET && end !== RBRACKET) {
        this.#next();
        let m = this.#peek();
        if (m === BACKSLASH) {
          const escaped = this.#escape(true, false, true);
          m = typeof escaped === 'number' ? escaped : -1;
        } else {
          this.#next();
        }
        if (m < ch) throw this.#error('Illegal character range');
        return rangeSet(ch, m, this.#flags);
      }
    }
    return this.#bitsOrSingle(bits, ch);
  }

  #bitsOrSingle(bits: string[], ch: number): string | null {
    const variants = caseVariants(ch, this.#flags);
    if (ch < 256) {
      bits.push(...variants.map(classChar));
      return null;
    }
    return `[${variants.map(classChar).join('')}]`;
  }

  /** Pattern.family: the set a `\p` / `\P` names. */
  #family(singleLetter: boolean, complement: boolean): string {
    this.#next();
    let name: string;
    if (singleLetter) {
      name = String.fromCodePoint(this.#at(this.#cursor));
      this.#read();
    } else {
      const start = this.#cursor;
      this.#mark(RBRACE);
      while (this.#read() !== RBRACE) {
        // scan to the closing brace
      }
      this.#mark(0);
      const end = this.#cursor;
      if (end > this.#length) throw this.#error('Unclosed character family');
      if (start + 1 >= end) throw this.#error('Empty character family');
      name = String.fromCodePoint(...this.#temp.slice(start, end - 1));
    }
    const context: PropertyContext = {
      caseInsensitive: this.#has(CASE_INSENSITIVE),
      unicodeCharacterClass: this.#has(UNICODE_CHARACTER_CLASS),
    };
    let set: string | null;
    const equals = name.indexOf('=');
    if (equals !== -1) {
      const value = name.slice(equals + 1);
      const key = name.slice(0, equals).toLowerCase();
      set = keyedProperty(key, value, context);
      if (set === null) throw this.#error(`Unknown Unicode property {name=<${key}>, value=<${value}>}`);
    } else {
      set = namedProperty(name, context);
      if (set === null) throw this.#error(`Unknown character property name {${name}}`);
    }
    return complement ? negate(set) : set;
  }
}

