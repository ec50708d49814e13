import type { Dialect, DialectName, TableId } from './db.js';

class QuotingDialect implements Dialect {
  constructor(
    readonly name: DialectName,
    readonly identifierQuote: string,
    /** Which parts of a TableId make up the unquoted FQN used in offsets and filters. */
    private readonly fqnParts: (id: TableId) => Array<string | null>,
  ) {}

  quoteIdentifier(part: string): string {
    const q = this.identifierQuote;
    return q + part.split(q).join(q + q) + q;
  }

  formatTableId(id: TableId, quote: boolean): string {
    const parts = [id.catalog, id.schema, id.table].filter((p): p is string => p !== null);
    return parts.map((p) => (quote ? this.quoteIdentifier(p) : p)).join('.');
  }

  fqn(id: TableId): string {
    return this.fqnParts(id).filter((p): p is string => p !== null).join('.');
  }

  parseTableId(name: string): TableId {
    const parts = splitQualifiedName(name, this.identifierQuote);
    switch (parts.length) {
      case 1:
        return { catalog: null, schema: null, table: parts[0] as string };
      case 2:
        return this.name === 'MySqlDatabaseDialect'
          ? { catalog: parts[0] as string, schema: null, table: parts[1] as string }
          : { catalog: null, schema: parts[0] as string, table: parts[1] as string };
      case 3:
        return { catalog: parts[0] as string, schema: parts[1] as string, table: parts[2] as string };
      default:
        throw new Error(`Invalid table name '${name}': expected at most catalog.schema.table`);
    }
  }
}

/** Splits on `.` outside quotes; quoted parts lose their quotes and doubled quotes are undoubled. */
function splitQualifiedName(name: string, quote: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let partWasQuoted = false;
  const text = name.trim();
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === quote) {
        if (text.charAt(i + 1) === quote) {
          current += quote;
          i++;
        } else {
          quoted = false;
        }
      } else {
        current += c;
      }
    } else if (c === quote) {
      quoted = true;
      partWasQuoted = true;
    } else if (c === '.') {
      pushPart(name, parts, current, partWasQuoted);
      current = '';
      partWasQuoted = false;
    } else {
      current += c;
    }
  }
  if (quoted) throw new Error(`Invalid table name '${name}': unterminated quoted identifier`);
  pushPart(name, parts, current, partWasQuoted);
  return parts;
}

function pushPart(name: string, parts: string[], part: string, quoted: boolean): void {
  const value = quoted ? part : part.trim();
  if (value === '' && !quoted) throw new Error(`Invalid table name '${name}': empty identifier`);
  parts.push(value);
}

export const POSTGRES_DIALECT: Dialect = new QuotingDialect('PostgreSqlDatabaseDialect', '"', (id) => [id.schema, id.table]);
export const MYSQL_DIALECT: Dialect = new QuotingDialect('MySqlDatabaseDialect', '`', (id) => [id.catalog, id.table]);

export function dialectFor(name: DialectName): Dialect {
  return name === 'PostgreSqlDatabaseDialect' ? POSTGRES_DIALECT : MYSQL_DIALECT;
}
