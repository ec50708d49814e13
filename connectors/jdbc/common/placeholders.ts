import { DbError, type DialectName } from './db.js';

/**
 * Splits a statement at its `?` placeholders, skipping string literals, quoted identifiers and
 * comments (and dollar-quoted strings in PostgreSQL). Returns the n+1 pieces around n placeholders.
 * In PostgreSQL `??` stands for a literal `?` (the jsonb operator), as in pgjdbc.
 */
export function splitAtPlaceholders(sql: string, dialect: DialectName): string[] {
  const pg = dialect === 'PostgreSqlDatabaseDialect';
  const pieces: string[] = [];
  let piece = '';
  let from = 0;
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql.charAt(i);
    const next = sql.charAt(i + 1);
    if (c === '?') {
      if (pg && next === '?') {
        piece += sql.slice(from, i + 1);
        i += 2;
        from = i;
        continue;
      }
      pieces.push(piece + sql.slice(from, i));
      piece = '';
      i += 1;
      from = i;
    } else if (c === "'") {
      const backslashes = pg ? isEscapeStringPrefix(sql, i) : true;
      i = skipQuoted(sql, i, "'", backslashes);
    } else if (c === '"') {
      i = skipQuoted(sql, i, '"', !pg);
    } else if (c === '`' && !pg) {
      i = skipQuoted(sql, i, '`', false);
    } else if (c === '-' && next === '-' && (pg || isMySqlDashComment(sql, i))) {
      i = skipToLineEnd(sql, i);
    } else if (c === '#' && !pg) {
      i = skipToLineEnd(sql, i);
    } else if (c === '/' && next === '*') {
      i = skipBlockComment(sql, i, pg);
    } else if (c === '$' && pg) {
      i = skipDollarQuoted(sql, i);
    } else {
      i += 1;
    }
  }
  pieces.push(piece + sql.slice(from));
  return pieces;
}

/** PostgreSQL text with `?` placeholders numbered `$1…$n`. */
export function toNumberedPlaceholders(sql: string, paramCount: number): string {
  const pieces = splitAtPlaceholders(sql, 'PostgreSqlDatabaseDialect');
  checkCount(pieces.length - 1, paramCount);
  let text = pieces[0] as string;
  for (let p = 1; p < pieces.length; p++) text += `$${p}${pieces[p] as string}`;
  return text;
}

/** The statement with each `?` replaced by the literal `render` gives its parameter (MySQL client-side binding). */
export function inlineParameters<T>(sql: string, params: readonly T[], render: (value: T) => string): string {
  const pieces = splitAtPlaceholders(sql, 'MySqlDatabaseDialect');
  checkCount(pieces.length - 1, params.length);
  let text = pieces[0] as string;
  for (let p = 1; p < pieces.length; p++) text += render(params[p - 1] as T) + (pieces[p] as string);
  return text;
}

function checkCount(placeholders: number, params: number): void {
  if (placeholders !== params) {
    throw new DbError(`The statement has ${placeholders} parameter placeholder(s) but ${params} parameter(s) were given`, '07001', false);
  }
}

/** `E'…'` (not part of a longer identifier) allows backslash escapes in PostgreSQL. */
function isEscapeStringPrefix(sql: string, quoteAt: number): boolean {
  const prev = sql.charAt(quoteAt - 1);
  if (prev !== 'E' && prev !== 'e') return false;
  return quoteAt < 2 || !/[A-Za-z0-9_$]/.test(sql.charAt(quoteAt - 2));
}

/** Returns the index after the closing quote (or the end of the text when unterminated). */
function skipQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql.charAt(i);
    if (backslashEscapes && c === '\\') {
      i += 2;
    } else if (c === quote) {
      if (sql.charAt(i + 1) === quote) i += 2;
      else return i + 1;
    } else {
      i += 1;
    }
  }
  return sql.length;
}

/** MySQL needs whitespace (or the end) after `--` for a comment. */
function isMySqlDashComment(sql: string, at: number): boolean {
  const after = sql.charAt(at + 2);
  return after === '' || /\s/.test(after);
}

function skipToLineEnd(sql: string, start: number): number {
  const nl = sql.indexOf('\n', start);
  return nl < 0 ? sql.length : nl + 1;
}

/** PostgreSQL block comments nest; MySQL's do not. */
function skipBlockComment(sql: string, start: number, nested: boolean): number {
  let depth = 1;
  let i = start + 2;
  while (i < sql.length) {
    if (sql.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0 || !nested) return i;
    } else if (nested && sql.startsWith('/*', i)) {
      depth += 1;
      i += 2;
    } else {
      i += 1;
    }
  }
  return sql.length;
}

/** `$tag$…$tag$` where tag is empty or an identifier; a `$` inside an identifier or `$1` is not a quote. */
function skipDollarQuoted(sql: string, start: number): number {
  if (start > 0 && /[A-Za-z0-9_$]/.test(sql.charAt(start - 1))) return start + 1;
  const tagMatch = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(sql.slice(start, start + 64));
  if (tagMatch === null) return start + 1;
  const tag = tagMatch[0];
  const end = sql.indexOf(tag, start + tag.length);
  return end < 0 ? sql.length : end + tag.length;
}
