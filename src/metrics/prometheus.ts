/**
 * Labelled counters, gauges and histograms in the Prometheus text exposition format (0.0.4), the
 * little of a metrics library the worker needs: with prom-client (and the OpenTelemetry API it
 * loads) the worker kept ~2 MiB more idle memory.
 */

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type Labels = Readonly<Record<string, string>>;

export interface MetricFamily {
  render(): string;
}

interface Series<T> {
  /** `a="x",b="y"`, in label-name order. */
  readonly labels: string;
  readonly data: T;
}

abstract class LabelledFamily<T> implements MetricFamily {
  private readonly series = new Map<string, Series<T>>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    private readonly type: 'counter' | 'gauge' | 'histogram',
  ) {}

  remove(labels: Labels): void {
    this.series.delete(this.key(labels));
  }

  render(): string {
    let out = `# HELP ${this.name} ${escapeHelp(this.help)}\n# TYPE ${this.name} ${this.type}`;
    for (const s of this.series.values()) out += this.lines(s);
    return out;
  }

  protected abstract initial(): T;
  /** The sample lines of one series, each starting with a newline. */
  protected abstract lines(series: Series<T>): string;

  protected entry(labels: Labels): T {
    const key = this.key(labels);
    let s = this.series.get(key);
    if (s === undefined) {
      s = { labels: this.labelNames.map((n) => `${n}="${escapeLabelValue(labels[n] ?? '')}"`).join(','), data: this.initial() };
      this.series.set(key, s);
    }
    return s.data;
  }

  private key(labels: Labels): string {
    return this.labelNames.map((n) => labels[n] ?? '').join('\u0000');
  }
}

export class Counter extends LabelledFamily<{ value: number }> {
  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    super(name, help, labelNames, 'counter');
  }

  inc(labels: Labels, by = 1): void {
    if (!(by >= 0)) throw new Error(`A counter only goes up; ${this.name} was given ${by}`);
    this.entry(labels).value += by;
  }

  protected initial(): { value: number } {
    return { value: 0 };
  }

  protected lines(s: Series<{ value: number }>): string {
    return `\n${sample(this.name, s.labels, s.data.value)}`;
  }
}

export class Gauge extends LabelledFamily<{ value: number }> {
  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    super(name, help, labelNames, 'gauge');
  }

  set(labels: Labels, value: number): void {
    this.entry(labels).value = value;
  }

  protected initial(): { value: number } {
    return { value: 0 };
  }

  protected lines(s: Series<{ value: number }>): string {
    return `\n${sample(this.name, s.labels, s.data.value)}`;
  }
}

interface HistogramData {
  /** Observations per bucket (not cumulative); the last entry counts those above every bound. */
  readonly counts: number[];
  sum: number;
  count: number;
}

export class Histogram extends LabelledFamily<HistogramData> {
  private readonly bounds: readonly number[];

  constructor(name: string, help: string, labelNames: readonly string[], buckets: readonly number[]) {
    super(name, help, labelNames, 'histogram');
    this.bounds = [...buckets].sort((a, b) => a - b);
  }

  observe(labels: Labels, value: number): void {
    const h = this.entry(labels);
    let i = 0;
    while (i < this.bounds.length && value > (this.bounds[i] as number)) i++;
    (h.counts[i] as number)++;
    h.sum += value;
    h.count++;
  }

  protected initial(): HistogramData {
    return { counts: new Array<number>(this.bounds.length + 1).fill(0), sum: 0, count: 0 };
  }

  protected lines(s: Series<HistogramData>): string {
    const rest = s.labels === '' ? '' : `,${s.labels}`;
    let out = '';
    let cumulative = 0;
    this.bounds.forEach((bound, i) => {
      cumulative += s.data.counts[i] as number;
      out += `\n${this.name}_bucket{le="${formatValue(bound)}"${rest}} ${cumulative}`;
    });
    out += `\n${this.name}_bucket{le="+Inf"${rest}} ${s.data.count}`;
    out += `\n${sample(`${this.name}_sum`, s.labels, s.data.sum)}`;
    out += `\n${sample(`${this.name}_count`, s.labels, s.data.count)}`;
    return out;
  }
}

/** A family whose samples are computed when it is rendered (process metrics). */
export class ComputedFamily implements MetricFamily {
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly type: 'counter' | 'gauge',
    private readonly samples: () => ReadonlyArray<readonly [Labels, number]>,
  ) {}

  render(): string {
    let out = `# HELP ${this.name} ${escapeHelp(this.help)}\n# TYPE ${this.name} ${this.type}`;
    for (const [labels, value] of this.samples()) {
      const text = Object.entries(labels)
        .map(([n, v]) => `${n}="${escapeLabelValue(v)}"`)
        .join(',');
      out += `\n${sample(this.name, text, value)}`;
    }
    return out;
  }
}

/** The exposition of several families: blank lines between them, a final newline. */
export function renderFamilies(families: readonly MetricFamily[]): string {
  return `${families.map((f) => f.render()).join('\n\n')}\n`;
}

function sample(name: string, labels: string, value: number): string {
  return `${name}${labels === '' ? '' : `{${labels}}`} ${formatValue(value)}`;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function escapeLabelValue(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}
