import { describe, expect, it } from 'vitest';
import { JavaPattern, PatternSyntaxException, ReplacementException } from './java-regex.js';

type Expected =
  | { error: string }
  | { input: string; matches: boolean; replacement?: string; replaced?: string; replaceError?: string };

// Each row was run through Java 17's Pattern.compile, Matcher.matches() and Matcher.replaceFirst();
// errors are PatternSyntaxException.getMessage() and the replacement exception's class and message.
const JAVA_RESULTS: Array<[string, Expected]> = [
  ["(.*)-raw", { input: "orders-raw", matches: true, replacement: "$1-clean", replaced: "orders-clean" }],
  ["(.*)-raw", { input: "orders-cooked", matches: false, replacement: "$1-clean", replaced: "orders-cooked" }],
  ["foo|bar", { input: "foo", matches: true, replacement: "x", replaced: "x" }],
  ["foo|bar", { input: "foobar", matches: false }],
  ["a|ab", { input: "ab", matches: true, replacement: "[$0]", replaced: "[a]b" }],
  ["(?<name>\\w+)\\.(?<rest>.*)", { input: "db.table", matches: true, replacement: "${rest}_${name}", replaced: "table_db" }],
  ["(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)", { input: "abcdefghijk", matches: true, replacement: "$11-$10-$1", replaced: "k-j-a" }],
  ["(a)(b)", { input: "ab", matches: true, replacement: "$12", replaced: "a2" }],
  ["(a)(b)", { input: "ab", matches: true, replacement: "$3", replaceError: "IndexOutOfBoundsException: No group 3" }],
  ["(a)(b)", { input: "ab", matches: true, replacement: "$", replaceError: "IllegalArgumentException: Illegal group reference: group index is missing" }],
  ["(a)(b)", { input: "ab", matches: true, replacement: "\\", replaceError: "IllegalArgumentException: character to be escaped is missing" }],
  ["(a)(b)", { input: "ab", matches: true, replacement: "\\$1\\\\", replaced: "$1\\" }],
  ["(a)(b)", { input: "ab", matches: true, replacement: "${x}", replaceError: "IllegalArgumentException: No group with name {x}" }],
  ["(a)(b)", { input: "ab", matches: true, replacement: "${}", replaceError: "IllegalArgumentException: named capturing group has 0 length name" }],
  ["(a)(b)", { input: "ab", matches: true, replacement: "${1a}", replaceError: "IllegalArgumentException: capturing group name {1a} starts with digit character" }],
  ["(a)(b)", { input: "ab", matches: true, replacement: "${ab", replaceError: "IllegalArgumentException: named capturing group is missing trailing '}'" }],
  ["(a)(b)", { input: "ab", matches: true, replacement: "$x", replaceError: "IllegalArgumentException: Illegal group reference" }],
  ["(a)?b", { input: "b", matches: true, replacement: "[$1]", replaced: "[]" }],
  ["a*+a", { input: "aaa", matches: false }],
  ["a*a", { input: "aaa", matches: true }],
  ["(?>a*)a", { input: "aaa", matches: false }],
  ["(?>ab|a)b", { input: "ab", matches: false }],
  ["a{2,3}+a", { input: "aaaa", matches: true }],
  ["(?i)ABC", { input: "aBc", matches: true }],
  ["(?i)[a-c]+", { input: "ABCabc", matches: true }],
  ["(?i:x)y", { input: "Xy", matches: true }],
  ["(?i:x)y", { input: "XY", matches: false }],
  ["a(?i)b(?-i)c", { input: "aBc", matches: true }],
  ["a(?i)b(?-i)c", { input: "aBC", matches: false }],
  ["((?i)a)b", { input: "Ab", matches: true }],
  ["((?i)a)b", { input: "AB", matches: false }],
  ["\\Qa.b\\E.c", { input: "a.bxc", matches: true }],
  ["\\Qa.b\\E.c", { input: "axbxc", matches: false }],
  ["\\Q(x", { input: "(x", matches: true }],
  ["\\Q1\\E", { input: "1", matches: true }],
  ["\\x{1F600}", { input: "\ud83d\ude00", matches: true }],
  ["\\u0041\\x42\\0103", { input: "ABC", matches: true }],
  ["\\cA", { input: "\u0001", matches: true }],
  ["\\Aabc\\z", { input: "abc", matches: true }],
  ["abc\\Z", { input: "abc\n", matches: false }],
  ["abc$", { input: "abc\n", matches: false }],
  ["abc$\\n", { input: "abc\n", matches: true }],
  ["(?m)^abc$", { input: "abc", matches: true }],
  ["\\s+", { input: " \t\u000b\f", matches: true }],
  ["\\s", { input: "\u00a0", matches: false }],
  ["\\v", { input: "\u000b", matches: true }],
  ["\\h", { input: "\u00a0", matches: true }],
  ["\\w+", { input: "abc_123", matches: true }],
  ["\\w", { input: "\u00e9", matches: false }],
  ["(?U)\\w", { input: "\u00e9", matches: true }],
  ["\\p{Lower}+", { input: "abc", matches: true }],
  ["\\p{Lower}", { input: "\u00e9", matches: false }],
  ["\\p{L}+", { input: "\u00e9t\u00e9", matches: true }],
  ["\\p{IsLatin}+", { input: "abc", matches: true }],
  ["\\p{InGreek}", { input: "\u03b1", matches: true }],
  ["\\p{javaLowerCase}", { input: "\u00e9", matches: true }],
  ["\\p{Punct}+", { input: "!@#", matches: true }],
  ["\\pL\\PL", { input: "a1", matches: true }],
  ["[\\p{L}&&[^\\p{Lu}]]+", { input: "abc", matches: true }],
  ["[\\p{L}&&[^\\p{Lu}]]+", { input: "aBc", matches: false }],
  ["[a-z&&[^aeiou]]+", { input: "bcd", matches: true }],
  ["[a-z&&[^aeiou]]+", { input: "bad", matches: false }],
  ["[a-d[m-p]]+", { input: "amp", matches: true }],
  ["[^a-z&&b]", { input: "c", matches: true }],
  ["[^a-z&&b]", { input: "b", matches: false }],
  ["[]a]+", { input: "]a", matches: true }],
  ["[a-]+", { input: "a-", matches: true }],
  ["[-a]+", { input: "-a", matches: true }],
  ["[\\w-]+", { input: "a-b", matches: true }],
  ["[.]", { input: "x", matches: false }],
  ["[&]", { input: "&", matches: true }],
  ["[a&&]", { input: "a", matches: true }],
  ["[a&b]+", { input: "a&b", matches: true }],
  ["(?x) a b c # comment", { input: "abc", matches: true }],
  ["(?x)[a b]+", { input: "ab", matches: true }],
  ["(?s).", { input: "\n", matches: true }],
  [".", { input: "\n", matches: false }],
  [".", { input: "\u0085", matches: false }],
  ["(?d).", { input: "\r", matches: true }],
  ["x{2}", { input: "xx", matches: true }],
  ["x{2,}", { input: "xxxx", matches: true }],
  ["x{,2}", { error: "Illegal repetition near index 2\nx{,2}\n  ^" }],
  ["{2}", { input: "", matches: true }],
  ["a{", { error: "Illegal repetition near index 2\na{" }],
  ["a{1", { error: "Unclosed counted closure near index 3\na{1" }],
  ["a{2,1}", { error: "Illegal repetition range near index 5\na{2,1}\n     ^" }],
  ["*a", { error: "Dangling meta character '*' near index 0\n*a\n^" }],
  ["a**", { error: "Dangling meta character '*' near index 2\na**\n  ^" }],
  ["a??", { input: "", matches: true }],
  ["(", { error: "Unclosed group near index 1\n(" }],
  ["(a", { error: "Unclosed group near index 2\n(a" }],
  [")", { error: "Unmatched closing ')'\n)" }],
  ["a)", { error: "Unmatched closing ')' near index 0\na)\n^" }],
  ["[a", { error: "Unclosed character class near index 1\n[a\n ^" }],
  ["[", { error: "Unclosed character class near index 0\n[\n^" }],
  ["[]", { error: "Unclosed character class near index 1\n[]\n ^" }],
  ["[z-a]", { error: "Illegal character range near index 3\n[z-a]\n   ^" }],
  ["\\", { error: "Unexpected internal error near index 1\n\\" }],
  ["a\\", { error: "Unexpected internal error near index 2\na\\" }],
  ["\\k<nope>", { error: "named capturing group <nope> does not exist near index 7\n\\k<nope>\n       ^" }],
  ["(?<n>a)\\k<n>", { input: "aa", matches: true }],
  ["(?<n>a)(?<n>b)", { error: "Named capturing group <n> is already defined near index 11\n(?<n>a)(?<n>b)\n           ^" }],
  ["(?<1n>a)", { error: "capturing group name does not start with a Latin letter near index 3\n(?<1n>a)\n   ^" }],
  ["(?<n", { error: "named capturing group is missing trailing '>' near index 4\n(?<n" }],
  ["\\p{Foo}", { error: "Unknown character property name {Foo} near index 6\n\\p{Foo}\n      ^" }],
  ["\\p{}", { error: "Empty character family near index 3\n\\p{}\n   ^" }],
  ["\\p{L", { error: "Unclosed character family near index 4\n\\p{L" }],
  ["\\p{foo=bar}", { error: "Unknown Unicode property {name=<foo>, value=<bar>} near index 10\n\\p{foo=bar}\n          ^" }],
  ["\\p{sc=Latin}", { input: "a", matches: true }],
  ["\\p{gc=Lu}", { input: "A", matches: true }],
  ["\\y", { error: "Illegal/unsupported escape sequence near index 1\n\\y\n ^" }],
  ["\\xZ", { error: "Illegal hexadecimal escape sequence near index 2\n\\xZ\n  ^" }],
  ["\\u12", { error: "Illegal Unicode escape sequence near index 4\n\\u12" }],
  ["\\09", { error: "Illegal octal escape sequence near index 2\n\\09\n  ^" }],
  ["(?<=a+)b", { input: "ab", matches: false }],
  ["(?<=a{1,3})b", { input: "aab", matches: false }],
  ["(?<=a)b", { input: "ab", matches: false, replacement: "X", replaced: "aX" }],
  ["(?<!a)b", { input: "cb", matches: false }],
  ["(?=a)a", { input: "a", matches: true }],
  ["(?!a).", { input: "b", matches: true }],
  ["(?z)a", { error: "Unknown inline modifier near index 2\n(?z)a\n  ^" }],
  ["(?$)a", { error: "Unknown group type near index 2\n(?$)a\n  ^" }],
  ["(a)\\2", { input: "a", matches: false }],
  ["(a)\\1", { input: "aa", matches: true }],
  ["(a)\\10", { input: "aa0", matches: true }],
  ["(a)|b", { input: "b", matches: true, replacement: "[$1]", replaced: "[]" }],
  ["[\\d-z]", { input: "-", matches: true }],
  ["[a-\\d]", { error: "Illegal character range near index 4\n[a-\\d]\n    ^" }],
  ["\\R", { input: "\r\n", matches: true }],
  ["\\R\\n", { input: "\r\n", matches: true }],
  ["\\b\\w+\\b", { input: "hello", matches: true }],
  ["\\Bx", { input: "ax", matches: false }],
  ["^*a", { input: "a", matches: true }],
  ["(?:ab)+", { input: "ababab", matches: true, replacement: "-", replaced: "-" }],
  [".*", { input: "", matches: true }],
  ["", { input: "", matches: true, replacement: "x", replaced: "x" }],
  ["", { input: "abc", matches: false, replacement: "x", replaced: "xabc" }],
  ["a.c", { input: "a\ud83d\ude00c", matches: true }],
  ["[^a]", { input: "\ud83d\ude00", matches: true }],
  ["topic-(\\d{4})-(\\d{2})", { input: "topic-2024-05", matches: true, replacement: "$2.$1", replaced: "05.2024" }],
  ["test-(.*)", { input: "test-xyz", matches: true, replacement: "prod-$1", replaced: "prod-xyz" }],
  [".*-raw", { input: "a-raw", matches: true }],
  ["\\d+", { input: "123", matches: true, replacement: "\\$$0", replaced: "$123" }],
  ["a++b", { input: "aab", matches: true }],
  ["(a|b)*+c", { input: "ababc", matches: true }],
  ["[\\[\\]]+", { input: "[]", matches: true }],
  ["[\\\\]", { input: "\\", matches: true }],
  ["\\$\\{x\\}", { input: "${x}", matches: true }],
  ["${topic}", { error: "Illegal repetition near index 2\n${topic}\n  ^" }],
  ["a{1}{2}", { input: "a", matches: true }],
  ["(?i)stra\u00dfe", { input: "STRASSE", matches: false }],
  ["(?iu)\u00e9", { input: "\u00c9", matches: true }],
  ["(?i)\u00e9", { input: "\u00c9", matches: false }],
  ["[[a-c][x-z]]+", { input: "abxz", matches: true }],
  ["[a-c[x-z]&&[b-y]]+", { input: "bcx", matches: true }],
  ["[a-c[x-z]&&[b-y]]+", { input: "a", matches: false }],
  ["\\X", { input: "e\u0301", matches: true }],
  ["a|", { input: "", matches: true }],
  ["|a", { input: "a", matches: true }],
  ["(|a)+", { input: "aa", matches: true }],
  ["\\p{Alpha}+\\p{Digit}+", { input: "abc123", matches: true }],
  ["\\p{IsAlphabetic}+", { input: "abc", matches: true }],
  ["\\p{IsLu}", { input: "A", matches: true }],
  ["\\p{Is}", { error: "Unknown character property name {Is} near index 5\n\\p{Is}\n     ^" }],
  ["(?U)\\p{Alpha}", { input: "\u00e9", matches: true }],
  ["\\p{all}", { input: "x", matches: true }],
  ["(?<=a+)b", { input: "aab", matches: false }],
  ["x(?<=a+)b", { input: "xab", matches: false }],
  ["(?<=a*)b", { input: "b", matches: true }],
  ["(?<=a*)b", { input: "ab", matches: false }],
  ["(?<=(a)+)b", { input: "ab", matches: false }],
  ["(?<=(ab)*)c", { error: "Look-behind group does not have an obvious maximum length near index 8\n(?<=(ab)*)c\n        ^" }],
  ["(?<=a{2,})b", { input: "aab", matches: false }],
  ["(?<=\\w+)b", { input: "ab", matches: false }],
  ["(?<=(?:ab)+)c", { error: "Look-behind group does not have an obvious maximum length near index 10\n(?<=(?:ab)+)c\n          ^" }],
  ["(?<=a|bc+)d", { input: "ad", matches: false }],
  ["(?<=(a)\\1)b", { error: "Look-behind group does not have an obvious maximum length near index 8\n(?<=(a)\\1)b\n        ^" }],
  ["(?<=.*)b", { input: "ab", matches: false }],
  ["(?<=x.*)b", { input: "xab", matches: false }],
  ["(?<=a.+)b", { input: "azb", matches: false }],
  ["(?<=\\X)b", { input: "ab", matches: false }],
  ["(?<=\\R)b", { input: "\nb", matches: false }],
  ["(?<=(a)*)b", { input: "b", matches: true }],
  ["(?<=(a|b)+)b", { error: "Look-behind group does not have an obvious maximum length near index 9\n(?<=(a|b)+)b\n         ^" }],
  ["(?<=(?:a)+)b", { input: "b", matches: false }],
  ["(?<=(?:a|bc)+)b", { error: "Look-behind group does not have an obvious maximum length near index 12\n(?<=(?:a|bc)+)b\n            ^" }],
  ["(?<=a{1,1000000000})b", { input: "b", matches: false }],
  ["(?<=(a){2,})b", { input: "b", matches: false }],
  ["(?<=(?:ab){1,3})b", { input: "b", matches: false }],
  ["(?<=[ab]+)b", { input: "b", matches: false }],
  ["(?<=x+y+)b", { input: "b", matches: false }],
  ["(?<=(?:a|b)*)b", { error: "Look-behind group does not have an obvious maximum length near index 11\n(?<=(?:a|b)*)b\n           ^" }],
  ["(?<=a+?)b", { input: "b", matches: false }],
  ["(?<=a*+)b", { input: "b", matches: true }],
  ["(?<=\\R+)b", { error: "Look-behind group does not have an obvious maximum length near index 6\n(?<=\\R+)b\n      ^" }],
  ["(?<=\\X+)b", { input: "b", matches: false }],
  ["(?<=(?:ab)?)b", { input: "b", matches: true }],
  ["(?<=ab+)b", { input: "b", matches: false }],
  ["(?<=(?:a+)+)b", { error: "Look-behind group does not have an obvious maximum length near index 10\n(?<=(?:a+)+)b\n          ^" }],
  ["(?<=(?>a+))b", { input: "b", matches: false }],
  ["(?<=(?=a+)a)b", { input: "b", matches: false }],
  ["(?<=a{2,}?)b", { input: "b", matches: false }],
  ["(?<=(a)+?)b", { input: "b", matches: false }],
  ["(?<=(?:a)*+)b", { input: "b", matches: true }],
  ["(?<=(?<x>a)+)b", { input: "b", matches: false }],
  ["(?<=a{1000000000,})b", { input: "b", matches: false }],
  ["(?<=(?:aa){1000000000,})b", { error: "Look-behind group does not have an obvious maximum length near index 22\n(?<=(?:aa){1000000000,})b\n                      ^" }],
  ["(?<=\\p{L}+)b", { input: "b", matches: false }],
  ["(?<=$+)b", { input: "b", matches: false }],
  ["(?<=(a|b){1,3})b", { error: "Look-behind group does not have an obvious maximum length near index 13\n(?<=(a|b){1,3})b\n             ^" }],
  ["(?<=(?:a|bc)?)b", { input: "b", matches: true }],
  ["(?<=\\R?)b", { input: "b", matches: true }],
  ["(?<=(?>a|bc)+)b", { error: "Look-behind group does not have an obvious maximum length near index 12\n(?<=(?>a|bc)+)b\n            ^" }],
  ["(?<=(?=a|bc+)+)b", { input: "b", matches: false }],
];

describe('JavaPattern against java.util.regex', () => {
  it.each(JAVA_RESULTS)('%j', (pattern, expected) => {
    if ('error' in expected) {
      expect(() => JavaPattern.compile(pattern)).toThrow(PatternSyntaxException);
      expect(() => JavaPattern.compile(pattern)).toThrow(expected.error);
      try {
        JavaPattern.compile(pattern);
      } catch (error) {
        expect((error as Error).message).toBe(expected.error);
      }
      return;
    }
    const compiled = JavaPattern.compile(pattern);
    expect(compiled.matches(expected.input)).toBe(expected.matches);
    if (expected.replacement === undefined) return;
    if (expected.replaceError !== undefined) {
      let thrown: unknown;
      try {
        compiled.replaceFirst(expected.input, expected.replacement);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ReplacementException);
      expect(`${(thrown as Error).name}: ${(thrown as Error).message}`).toBe(expected.replaceError);
    } else {
      expect(compiled.replaceFirst(expected.input, expected.replacement)).toBe(expected.replaced);
    }
  });
});

describe('JavaPattern', () => {
  it('keeps the Java pattern text', () => {
    const pattern = JavaPattern.compile('(?<db>\\w+)\\.(\\w+)');
    expect(pattern.pattern()).toBe('(?<db>\\w+)\\.(\\w+)');
    expect(String(pattern)).toBe('(?<db>\\w+)\\.(\\w+)');
    expect(pattern.groupCount()).toBe(2);
  });

  it('numbers groups as Java does when atomic groups add JavaScript groups', () => {
    const pattern = JavaPattern.compile('(?>(a))(b)*+(c)');
    expect(pattern.replaceFirst('abbc', '$3$2$1')).toBe('cba');
  });

  it('reports the error index and description', () => {
    try {
      JavaPattern.compile('ab(c');
      expect.unreachable();
    } catch (error) {
      const syntax = error as PatternSyntaxException;
      expect(syntax.description).toBe('Unclosed group');
      expect(syntax.index).toBe(4);
      expect(syntax.pattern).toBe('ab(c');
    }
  });

  it('does not support \\N{name} or \\b{g} (JavaScript has no Unicode name or grapheme tables)', () => {
    expect(() => JavaPattern.compile('\\N{LATIN SMALL LETTER A}')).toThrow(PatternSyntaxException);
    expect(() => JavaPattern.compile('\\b{g}')).toThrow(PatternSyntaxException);
  });
});
