import { describe, expect, it } from 'vitest';
import { DbError } from './db.js';
import { inlineParameters, splitAtPlaceholders, toNumberedPlaceholders } from './placeholders.js';

const PG = 'PostgreSqlDatabaseDialect';
const MY = 'MySqlDatabaseDialect';

describe('toNumberedPlaceholders (PostgreSQL)', () => {
  it('numbers placeholders in order', () => {
    expect(toNumberedPlaceholders('SELECT * FROM t WHERE a > ? AND b < ?', 2)).toBe('SELECT * FROM t WHERE a > $1 AND b < $2');
  });

  it('skips string literals, quoted identifiers and comments', () => {
    const sql = `SELECT '?', 'it''s ?', "col?", ? -- what?\n, /* ? /* nested ? */ ? */ ?`;
    expect(toNumberedPlaceholders(sql, 2)).toBe(`SELECT '?', 'it''s ?', "col?", $1 -- what?\n, /* ? /* nested ? */ ? */ $2`);
  });

  it('skips escape strings with backslashes and dollar-quoted bodies', () => {
    expect(toNumberedPlaceholders(`SELECT E'a\\'?', ?`, 1)).toBe(`SELECT E'a\\'?', $1`);
    expect(toNumberedPlaceholders('SELECT $$ ? $$, $fn$ it\'s ? $fn$, ?', 1)).toBe("SELECT $$ ? $$, $fn$ it's ? $fn$, $1");
    // A backslash in a standard string is just a character.
    expect(toNumberedPlaceholders(`SELECT 'a\\', ?`, 1)).toBe(`SELECT 'a\\', $1`);
  });

  it('keeps $1 and identifiers containing $ as they are', () => {
    expect(toNumberedPlaceholders('SELECT a$b, ? FROM t', 1)).toBe('SELECT a$b, $1 FROM t');
  });

  it('turns ?? into a literal ? (the jsonb operator), as pgjdbc does', () => {
    expect(toNumberedPlaceholders(`SELECT doc ?? 'k' FROM t WHERE id = ?`, 1)).toBe(`SELECT doc ? 'k' FROM t WHERE id = $1`);
  });

  it('refuses a parameter count that does not match', () => {
    expect(() => toNumberedPlaceholders('SELECT ?', 2)).toThrow(DbError);
    expect(() => toNumberedPlaceholders('SELECT ?', 2)).toThrow('The statement has 1 parameter placeholder(s) but 2 parameter(s) were given');
  });
});

describe('inlineParameters (MySQL)', () => {
  const render = (v: unknown) => `<${String(v)}>`;

  it('replaces placeholders outside strings, backticks and comments', () => {
    const sql = "SELECT '?', \"?\", 'a\\'?', `c?`, ? # x?\n, ? -- y?\n, /* ? */ ?";
    expect(inlineParameters(sql, [1, 2, 3], render)).toBe("SELECT '?', \"?\", 'a\\'?', `c?`, <1> # x?\n, <2> -- y?\n, /* ? */ <3>");
  });

  it('needs whitespace after -- for a comment', () => {
    expect(inlineParameters('SELECT 1--?', [5], render)).toBe('SELECT 1--<5>');
  });

  it('does not collapse ?? (no such escape in MySQL)', () => {
    expect(splitAtPlaceholders('SELECT ??', MY)).toHaveLength(3);
    expect(splitAtPlaceholders('SELECT ??', PG)).toEqual(['SELECT ?']);
  });
});
