/**
 * The PostgreSQL and MariaDB servers the JDBC tests run against (started by .ci/run, and running
 * on developer machines per the README). Tests create tables with a prefix of their own and drop
 * them when done.
 */
export const POSTGRES_URL = process.env.SLUICE_TEST_POSTGRES_URL ?? 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres';
export const MYSQL_URL = process.env.SLUICE_TEST_MYSQL_URL ?? 'jdbc:mysql://127.0.0.1:3306/test?user=root';
export const MARIADB_URL = MYSQL_URL.replace(/^jdbc:mysql:/, 'jdbc:mariadb:');

/** Both databases, for tests that run once per dialect. */
export const DATABASES = [
  { name: 'postgresql', url: POSTGRES_URL },
  { name: 'mariadb', url: MYSQL_URL },
] as const;

/** A table name unique to one test run, so parallel test files never share a table. */
export function uniqueTableName(prefix: string): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}
