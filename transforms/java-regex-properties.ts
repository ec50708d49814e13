/**
 * The character classes behind Java's `\p{...}` names (java.util.regex.CharPredicates), as class
 * sources for a JavaScript RegExp with the `v` flag. Null means Java does not know the name
 * (the caller raises Java's error) or, for Unicode blocks, that Sluice does not know the block.
 */

const ASCII_SETS: Readonly<Record<string, string>> = {
  ASCII: '[\\u{0}-\\u{7f}]',
  Alnum: '[0-9A-Za-z]',
  Alpha: '[A-Za-z]',
  Blank: '[\\u{9}\\u{20}]',
  Cntrl: '[\\u{0}-\\u{1f}\\u{7f}]',
  Digit: '[0-9]',
  Graph: '[\\u{21}-\\u{7e}]',
  Lower: '[a-z]',
  Print: '[\\u{20}-\\u{7e}]',
  Punct: '[\\u{21}-\\u{2f}\\u{3a}-\\u{40}\\u{5b}-\\u{60}\\u{7b}-\\u{7e}]',
  Space: '[\\u{9}-\\u{d}\\u{20}]',
  Upper: '[A-Z]',
  XDigit: '[0-9A-Fa-f]',
};

const CASED_LETTER = '[\\p{Lowercase}\\p{Uppercase}\\p{Lt}]';
const UNICODE_ALPHABETIC = '\\p{Alphabetic}';
const UNICODE_DIGIT = '\\p{Nd}';
const UNICODE_WHITE_SPACE = '\\p{White_Space}';
const UNICODE_HEX_DIGIT = '[\\p{Nd}\\p{Hex_Digit}]';
const UNICODE_GRAPH = '[^\\p{Zs}\\p{Zl}\\p{Zp}\\p{Cc}\\p{Cs}\\p{Cn}]';
const UNICODE_BLANK = '[\\p{Zs}\\u{9}]';
/** `\w` under UNICODE_CHARACTER_CLASS: alphabetic, marks, decimal digits, connector punctuation, joiners. */
export const UNICODE_WORD = '[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\u{200c}\\u{200d}]';

const GENERAL_CATEGORIES = new Set([
  'Cn', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'Mn', 'Me', 'Mc', 'Nd', 'Nl', 'No', 'Zs', 'Zl', 'Zp', 'Cc', 'Cf', 'Co', 'Cs',
  'Pd', 'Ps', 'Pe', 'Pc', 'Po', 'Sm', 'Sc', 'Sk', 'So', 'Pi', 'Pf', 'L', 'M', 'N', 'Z', 'C', 'P', 'S', 'LC',
]);

/** CharPredicates.forProperty: categories, POSIX (ASCII) classes and the `java*` methods of Character. */
function forProperty(name: string, caseInsensitive: boolean): string | null {
  if (GENERAL_CATEGORIES.has(name)) {
    if (caseInsensitive && (name === 'Lu' || name === 'Ll' || name === 'Lt')) return '\\p{LC}';
    return `\\p{${name}}`;
  }
  if (caseInsensitive && (name === 'Lower' || name === 'Upper')) return ASCII_SETS.Alpha;
  if (Object.hasOwn(ASCII_SETS, name)) return ASCII_SETS[name];
  switch (name) {
    case 'LD':
      return '[\\p{L}\\p{Nd}]';
    case 'L1':
      return '[\\u{0}-\\u{ff}]';
    case 'all':
      return '\\p{Any}';
    case 'javaLowerCase':
      return caseInsensitive ? CASED_LETTER : '\\p{Lowercase}';
    case 'javaUpperCase':
      return caseInsensitive ? CASED_LETTER : '\\p{Uppercase}';
    case 'javaTitleCase':
      return caseInsensitive ? CASED_LETTER : '\\p{Lt}';
    case 'javaAlphabetic':
      return UNICODE_ALPHABETIC;
    case 'javaIdeographic':
      return '\\p{Ideographic}';
    case 'javaDigit':
      return UNICODE_DIGIT;
    case 'javaDefined':
      return '\\P{Cn}';
    case 'javaLetter':
      return '\\p{L}';
    case 'javaLetterOrDigit':
      return '[\\p{L}\\p{Nd}]';
    case 'javaJavaIdentifierStart':
      return '[\\p{L}\\p{Nl}\\p{Sc}\\p{Pc}]';
    case 'javaJavaIdentifierPart':
      return '[\\p{L}\\p{Nl}\\p{Sc}\\p{Pc}\\p{Nd}\\p{Mn}\\p{Mc}\\p{Cf}\\u{0}-\\u{8}\\u{e}-\\u{1b}\\u{7f}-\\u{9f}]';
    case 'javaUnicodeIdentifierStart':
      return '\\p{ID_Start}';
    case 'javaUnicodeIdentifierPart':
      return '[\\p{ID_Continue}\\p{Cf}\\u{0}-\\u{8}\\u{e}-\\u{1b}\\u{7f}-\\u{9f}]';
    case 'javaIdentifierIgnorable':
      return '[\\p{Cf}\\u{0}-\\u{8}\\u{e}-\\u{1b}\\u{7f}-\\u{9f}]';
    case 'javaSpaceChar':
      return '[\\p{Zs}\\p{Zl}\\p{Zp}]';
    case 'javaWhitespace':
      // Character.isWhitespace: separators except the non-breaking ones, and U+0009-000D, U+001C-001F.
      return '[[\\p{Zs}\\p{Zl}\\p{Zp}--[\\u{a0}\\u{2007}\\u{202f}]]\\u{9}-\\u{d}\\u{1c}-\\u{1f}]';
    case 'javaISOControl':
      return '[\\u{0}-\\u{1f}\\u{7f}-\\u{9f}]';
    case 'javaMirrored':
      return '\\p{Bidi_Mirrored}';
    default:
      return null;
  }
}

/** The POSIX names under UNICODE_CHARACTER_CLASS (CharPredicates.getPosixPredicate). */
function posixUnicode(upperName: string, caseInsensitive: boolean): string | null {
  switch (upperName) {
    case 'ALPHA':
      return UNICODE_ALPHABETIC;
    case 'LOWER':
      return caseInsensitive ? CASED_LETTER : '\\p{Lowercase}';
    case 'UPPER':
      return caseInsensitive ? CASED_LETTER : '\\p{Uppercase}';
    case 'SPACE':
      return UNICODE_WHITE_SPACE;
    case 'PUNCT':
      return '\\p{P}';
    case 'XDIGIT':
      return UNICODE_HEX_DIGIT;
    case 'ALNUM':
      return '[\\p{Alphabetic}\\p{Nd}]';
    case 'CNTRL':
      return '\\p{Cc}';
    case 'DIGIT':
      return UNICODE_DIGIT;
    case 'BLANK':
      return UNICODE_BLANK;
    case 'GRAPH':
      return UNICODE_GRAPH;
    case 'PRINT':
      return `[[${UNICODE_GRAPH}${UNICODE_BLANK}]&&\\P{Cc}]`;
    default:
      return null;
  }
}

/** Binary properties reachable as `\p{IsXxx}` (CharPredicates.getUnicodePredicate). */
function unicodeBinary(upperName: string, caseInsensitive: boolean): string | null {
  switch (upperName) {
    case 'ALPHABETIC':
      return UNICODE_ALPHABETIC;
    case 'ASSIGNED':
      return '\\P{Cn}';
    case 'CONTROL':
      return '\\p{Cc}';
    case 'HEXDIGIT':
    case 'HEX_DIGIT':
      return UNICODE_HEX_DIGIT;
    case 'IDEOGRAPHIC':
      return '\\p{Ideographic}';
    case 'JOINCONTROL':
    case 'JOIN_CONTROL':
      return '\\p{Join_Control}';
    case 'LETTER':
      return '\\p{L}';
    case 'LOWERCASE':
      return caseInsensitive ? CASED_LETTER : '\\p{Lowercase}';
    case 'NONCHARACTERCODEPOINT':
    case 'NONCHARACTER_CODE_POINT':
      return '\\p{Noncharacter_Code_Point}';
    case 'TITLECASE':
      return caseInsensitive ? CASED_LETTER : '\\p{Lt}';
    case 'PUNCTUATION':
      return '\\p{P}';
    case 'UPPERCASE':
      return caseInsensitive ? CASED_LETTER : '\\p{Uppercase}';
    case 'WHITESPACE':
    case 'WHITE_SPACE':
      return UNICODE_WHITE_SPACE;
    case 'WORD':
      return UNICODE_WORD;
    default:
      return posixUnicode(upperName, caseInsensitive);
  }
}

/** JavaScript spells some script names differently from Java's enum constants. */
const SCRIPT_SPELLINGS: Readonly<Record<string, string>> = { SIGNWRITING: 'SignWriting', NKO: 'Nko' };

/** Character.UnicodeScript.forName: the enum name or the ISO 15924 code, any case. */
function script(name: string): string | null {
  if (!/^[A-Za-z0-9_]+$/.test(name)) return null;
  const upper = name.toUpperCase();
  const spelled =
    SCRIPT_SPELLINGS[upper] ??
    upper
      .split('_')
      .map((word) => word.charAt(0) + word.slice(1).toLowerCase())
      .join('_');
  const source = `\\p{Script=${spelled}}`;
  try {
    new RegExp(source, 'v');
    return source;
  } catch {
    return null;
  }
}

/** Unicode blocks by Java's normalised name (upper case, no spaces, underscores or hyphens). */
const BLOCKS: Readonly<Record<string, readonly [number, number]>> = {
  BASICLATIN: [0x0000, 0x007f],
  LATIN1SUPPLEMENT: [0x0080, 0x00ff],
  LATINEXTENDEDA: [0x0100, 0x017f],
  LATINEXTENDEDB: [0x0180, 0x024f],
  IPAEXTENSIONS: [0x0250, 0x02af],
  SPACINGMODIFIERLETTERS: [0x02b0, 0x02ff],
  COMBININGDIACRITICALMARKS: [0x0300, 0x036f],
  GREEK: [0x0370, 0x03ff],
  GREEKANDCOPTIC: [0x0370, 0x03ff],
  CYRILLIC: [0x0400, 0x04ff],
  ARMENIAN: [0x0530, 0x058f],
  HEBREW: [0x0590, 0x05ff],
  ARABIC: [0x0600, 0x06ff],
  DEVANAGARI: [0x0900, 0x097f],
  THAI: [0x0e00, 0x0e7f],
  HANGULJAMO: [0x1100, 0x11ff],
  LATINEXTENDEDADDITIONAL: [0x1e00, 0x1eff],
  GREEKEXTENDED: [0x1f00, 0x1fff],
  GENERALPUNCTUATION: [0x2000, 0x206f],
  SUPERSCRIPTSANDSUBSCRIPTS: [0x2070, 0x209f],
  CURRENCYSYMBOLS: [0x20a0, 0x20cf],
  LETTERLIKESYMBOLS: [0x2100, 0x214f],
  NUMBERFORMS: [0x2150, 0x218f],
  ARROWS: [0x2190, 0x21ff],
  MATHEMATICALOPERATORS: [0x2200, 0x22ff],
  BOXDRAWING: [0x2500, 0x257f],
  GEOMETRICSHAPES: [0x25a0, 0x25ff],
  MISCELLANEOUSSYMBOLS: [0x2600, 0x26ff],
  DINGBATS: [0x2700, 0x27bf],
  CJKSYMBOLSANDPUNCTUATION: [0x3000, 0x303f],
  HIRAGANA: [0x3040, 0x309f],
  KATAKANA: [0x30a0, 0x30ff],
  CJKUNIFIEDIDEOGRAPHS: [0x4e00, 0x9fff],
  HANGULSYLLABLES: [0xac00, 0xd7af],
  PRIVATEUSEAREA: [0xe000, 0xf8ff],
  ALPHABETICPRESENTATIONFORMS: [0xfb00, 0xfb4f],
  HALFWIDTHANDFULLWIDTHFORMS: [0xff00, 0xffef],
  SPECIALS: [0xfff0, 0xffff],
  EMOTICONS: [0x1f600, 0x1f64f],
};

function block(name: string): string | null {
  const range = BLOCKS[name.toUpperCase().replace(/[ _-]/g, '')];
  return range === undefined ? null : `[\\u{${range[0].toString(16)}}-\\u{${range[1].toString(16)}}]`;
}

export interface PropertyContext {
  caseInsensitive: boolean;
  unicodeCharacterClass: boolean;
}

/** `\p{name}` without `=`: `In<block>`, `Is<property|category|script>`, or a plain property name. */
export function namedProperty(name: string, context: PropertyContext): string | null {
  if (name.startsWith('In')) return block(name.slice(2));
  if (name.startsWith('Is')) {
    const shortName = name.slice(2);
    return (
      unicodeBinary(shortName.toUpperCase(), context.caseInsensitive) ??
      forProperty(shortName, context.caseInsensitive) ??
      script(shortName)
    );
  }
  const posix = context.unicodeCharacterClass ? posixUnicode(name.toUpperCase(), context.caseInsensitive) : null;
  return posix ?? forProperty(name, context.caseInsensitive);
}

/** `\p{key=value}` with key `sc`/`script`, `blk`/`block` or `gc`/`general_category` (already lower case). */
export function keyedProperty(key: string, value: string, context: PropertyContext): string | null {
  switch (key) {
    case 'sc':
    case 'script':
      return script(value);
    case 'blk':
    case 'block':
      return block(value);
    case 'gc':
    case 'general_category':
      return forProperty(value, context.caseInsensitive);
    default:
      return null;
  }
}
