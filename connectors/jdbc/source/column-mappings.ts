/**
 * Which columns a table's criteria use: the legacy `incrementing.column.name` /
 * `timestamp.column.name` for every table, or (with `table.include.list`) the 10.9 per-table
 * regex mappings, where every table must match exactly one regex.
 */
import { ConnectError } from '../../../src/connect/index.js';
import type { Dialect, TableId } from '../common/db.js';
import { fullMatchRegex } from './source-config.js';
import { usesIncrementingColumn, usesTimestampColumn, type SourceSettings } from './source-settings.js';

export interface TableColumns {
  incrementing: string;
  timestamps: string[];
}

export class ColumnMappings {
  readonly #settings: SourceSettings;
  readonly #dialect: Dialect;

  constructor(settings: SourceSettings, dialect: Dialect) {
    this.#settings = settings;
    this.#dialect = dialect;
  }

  /** Throws ConnectError when a table matches no mapping regex or several. */
  validate(tables: readonly TableId[]): void {
    const s = this.#settings;
    if (usesTimestampColumn(s.mode) && s.timestampColumnsMapping.length > 0) this.#checkExactlyOne('timestamp', s.timestampColumnsMapping, tables);
    if (usesIncrementingColumn(s.mode) && s.incrementingColumnMapping.length > 0) this.#checkExactlyOne('incrementing', s.incrementingColumnMapping, tables);
  }

  columnsFor(table: TableId | null): TableColumns {
    const s = this.#settings;
    if (table === null || s.includeList.length === 0) return { incrementing: s.incrementingColumn, timestamps: [...s.timestampColumns] };
    const name = this.#dialect.formatTableId(table, false);
    const incrementing = firstMatch(s.incrementingColumnMapping, name);
    const timestamps = firstMatch(s.timestampColumnsMapping, name);
    return {
      incrementing: incrementing ?? '',
      timestamps: timestamps === null ? [] : timestamps.slice(1, -1).split('|'),
    };
  }

  #checkExactlyOne(kind: string, mappings: readonly string[], tables: readonly TableId[]): void {
    const regexes = mappings.map((m) => fullMatchRegex(m.split(':')[0].trim()));
    for (const table of tables) {
      const matches = regexes.filter((r) => r.test(this.#dialect.formatTableId(table, false))).length;
      if (matches === 1) continue;
      const problem = matches === 0 ? 'does not match any of the provided regexes' : 'matches more than one of the provided regexes';
      throw new ConnectError(`Error while validating ${kind} column mappings: Included table '${this.#dialect.formatTableId(table, true)}' ${problem}`);
    }
  }
}

/** The right-hand side of the first `regex:value` mapping whose regex matches the whole name. */
function firstMatch(mappings: readonly string[], name: string): string | null {
  for (const mapping of mappings) {
    const colon = mapping.indexOf(':');
    if (colon < 0) continue;
    if (fullMatchRegex(mapping.slice(0, colon).trim()).test(name)) return mapping.slice(colon + 1).trim();
  }
  return null;
}
