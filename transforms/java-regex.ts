/**
 * Java regular expressions (java.util.regex) for the config keys that take one: RegexRouter's
 * `regex`, TopicNameMatches' `pattern`, `topics.regex`. A pattern is parsed the way
 * Pattern.compile parses it (same errors at the same index, so users see Kafka's messages) and
 * translated to a JavaScript RegExp with the `v` flag. `matches` is Matcher.matches() (the whole
 * input), `replaceFirst` is Matcher.replaceFirst() with Java's `$1` / `${name}` / `\$` syntax.
 *
 * Where the two engines differ, the translation makes JavaScript behave as Java: `\s`, `\v`, `\h`,
 * `.` and the POSIX classes keep Java's character sets; `^`, `$`, `\Z` see Java's line
 * terminators; case-insensitivity is ASCII-only unless `u` is on; possessive quantifiers and
 * `(?>...)` become atomic lookahead groups; `[a-z&&[^aeiou]]` becomes a set intersection.
 */
import { JavaPatternParser, PatternSyntaxException } from './java-regex-parser.js';
import { toJavaScript } from './java-regex-tree.js';

export { PatternSyntaxException } from './java-regex-parser.js';

/** Java's IllegalArgumentException / IndexOutOfBoundsException from a bad replacement string. */
export class ReplacementException extends Error {
  constructor(message: string, name: 'IllegalArgumentException' | 'IndexOutOfBoundsException') {
    super(message);
    this.name = name;
  }
}

/** A compiled Java pattern (java.util.regex.Pattern with its Matcher operations). */
export class JavaPattern {
  readonly #pattern: string;
  readonly #find: RegExp;
  readonly #full: RegExp;
  readonly #jsGroups: ReadonlyMap<number, number>;
  readonly #namedGroups: ReadonlyMap<string, number>;
  readonly #groupCount: number;

  private constructor(pattern: string) {
    const parsed = new JavaPatternParser(pattern).parse();
    const { source, groups } = toJavaScript(parsed.root);
    try {
      this.#find = new RegExp(source, 'v');
      this.#full = new RegExp(`^(?:${source})$`, 'v');
    } catch (error) {
      // The translation should always compile; if it does not, say so in Java's form.
      throw new PatternSyntaxException(`Unsupported pattern (${(error as Error).message})`, pattern, -1);
    }
    this.#pattern = pattern;
    this.#jsGroups = groups;
    this.#namedGroups = parsed.namedGroups;
    this.#groupCount = parsed.groupCount;
  }

  /** Pattern.compile: throws PatternSyntaxException with Java's message for a bad pattern. */
  static compile(regex: string): JavaPattern {
    return new JavaPattern(regex);
  }

  pattern(): string {
    return this.#pattern;
  }

  /** A JS RegExp matching exactly what `matches()` accepts (for APIs that take a RegExp). */
  fullMatchRegExp(): RegExp {
    return new RegExp(this.#full.source, this.#full.flags);
  }

  groupCount(): number {
    return this.#groupCount;
  }

  /** Matcher.matches(): the whole input matches. */
  matches(input: string): boolean {
    return this.#full.test(input);
  }

  /**
   * Matcher.replaceFirst(): the first match (found anywhere, as Matcher.find) replaced by the
   * expanded replacement; the input unchanged when nothing matches.
   */
  replaceFirst(input: string, replacement: string): string {
    const match = this.#find.exec(input);
    if (match === null) return input;
    const expanded = this.#expand(replacement, match);
    return input.slice(0, match.index) + expanded + input.slice(match.index + match[0].length);
  }

  toString(): string {
    return this.#pattern;
  }

  // Matcher.appendExpandedReplacement: `\x` is a literal x, `$n` takes as many digits as name a
  // group, `${name}` a named group; a group that did not participate adds nothing.
  #expand(replacement: string, match: RegExpExecArray): string {
    let result = '';
    let cursor = 0;
    while (cursor < replacement.length) {
      let next = replacement[cursor];
      if (next === '\\') {
        cursor++;
        if (cursor === replacement.length) throw new ReplacementException('character to be escaped is missing', 'IllegalArgumentException');
        result += replacement[cursor];
        cursor++;
      } else if (next === '$') {
        cursor++;
        if (cursor === replacement.length) {
          throw new ReplacementException('Illegal group reference: group index is missing', 'IllegalArgumentException');
        }
        next = replacement[cursor];
        let group: number;
        if (next === '{') {
          cursor++;
          let name = '';
          while (cursor < replacement.length && /^[A-Za-z0-9]$/.test(replacement[cursor])) name += replacement[cursor++];
          if (name === '') throw new ReplacementException('named capturing group has 0 length name', 'IllegalArgumentException');
          if (replacement[cursor] !== '}') throw new ReplacementException("named capturing group is missing trailing '}'", 'IllegalArgumentException');
          if (/^[0-9]/.test(name)) {
            throw new ReplacementException(`capturing group name {${name}} starts with digit character`, 'IllegalArgumentException');
          }
          const named = this.#namedGroups.get(name);
          if (named === undefined) throw new ReplacementException(`No group with name {${name}}`, 'IllegalArgumentException');
          group = named;
          cursor++;
        } else {
          group = next.charCodeAt(0) - 0x30;
          if (group < 0 || group > 9) throw new ReplacementException('Illegal group reference', 'IllegalArgumentException');
          cursor++;
          while (cursor < replacement.length) {
            const digit = replacement.charCodeAt(cursor) - 0x30;
            if (digit < 0 || digit > 9 || group * 10 + digit > this.#groupCount) break;
            group = group * 10 + digit;
            cursor++;
          }
        }
        if (group > this.#groupCount) throw new ReplacementException(`No group ${group}`, 'IndexOutOfBoundsException');
        const text = group === 0 ? match[0] : match[this.#jsGroups.get(group) ?? -1];
        if (text !== undefined) result += text;
      } else {
        result += next;
        cursor++;
      }
    }
    return result;
  }
}

