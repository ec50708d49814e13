/**
 * JS Dates that print like java.sql.Timestamp, java.sql.Date and java.sql.Time. The JDBC source
 * puts these in its Structs so that StringConverter (Struct.toString) writes what a Java worker
 * writes: `CREATED=2022-08-01 00:00:00.0`, `BORN=2022-08-01`, `AT=13:45:00`. They stay Dates, so
 * converters and logical types treat them as any other Date value.
 *
 * Java formats these in the JVM's default time zone; we use the process time zone (the `TZ`
 * environment variable, UTC on a worker that sets nothing), which is what JS local getters read.
 */

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function yearText(year: number): string {
  return year >= 0 && year < 1000 ? String(year).padStart(4, '0') : String(year);
}

function localDateText(date: Date): string {
  return `${yearText(date.getFullYear())}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}

function localTimeText(date: Date): string {
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
}

/** java.sql.Timestamp: an instant with nanosecond precision; getTime() is whole milliseconds. */
export class SqlTimestamp extends Date {
  readonly #nanos: number;

  /**
   * @param epochMillis the instant in epoch milliseconds
   * @param nanos nanoseconds within the second (0..999,999,999); replaces the millisecond part
   *   of `epochMillis` when given, as Timestamp.setNanos does
   */
  constructor(epochMillis: number, nanos?: number) {
    const seconds = Math.floor(epochMillis / 1000);
    const nanosOfSecond = nanos ?? (epochMillis - seconds * 1000) * 1_000_000;
    if (!Number.isInteger(nanosOfSecond) || nanosOfSecond < 0 || nanosOfSecond > 999_999_999) {
      throw new RangeError(`nanos out of range: ${nanosOfSecond}`);
    }
    super(seconds * 1000 + Math.floor(nanosOfSecond / 1_000_000));
    this.#nanos = nanosOfSecond;
  }

  /** Nanoseconds within the second, the millisecond part included (Timestamp.getNanos). */
  getNanos(): number {
    return this.#nanos;
  }

  /** `yyyy-mm-dd hh:mm:ss.f...`: nanos with trailing zeros removed, at least one digit. */
  override toString(): string {
    const fraction = this.#nanos === 0 ? '0' : String(this.#nanos).padStart(9, '0').replace(/0+$/, '');
    return `${localDateText(this)} ${localTimeText(this)}.${fraction}`;
  }
}

/** java.sql.Date: prints `yyyy-mm-dd`. */
export class SqlDate extends Date {
  override toString(): string {
    return localDateText(this);
  }
}

/** java.sql.Time: prints `hh:mm:ss`. */
export class SqlTime extends Date {
  override toString(): string {
    return localTimeText(this);
  }
}

/** True for the three classes above, whose toString() is the Java text. */
export function isSqlTemporal(value: unknown): value is SqlTimestamp | SqlDate | SqlTime {
  return value instanceof SqlTimestamp || value instanceof SqlDate || value instanceof SqlTime;
}
