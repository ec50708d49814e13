/**
 * Node process metrics under the names Prometheus' Node.js clients use (process_*, nodejs_*), so
 * dashboards built on prom-client's default metrics keep working. Everything is read when scraped,
 * except garbage collections and event loop delay, which are observed from construction on.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { constants, monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import { ComputedFamily, Histogram, type Labels, type MetricFamily } from './prometheus.js';

type Samples = ReadonlyArray<readonly [Labels, number]>;

const GC_KINDS: Readonly<Record<number, string>> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};
const NO_LABELS: Labels = {};
const one = (value: number): Samples => [[NO_LABELS, value]];

interface InternalProcess {
  _getActiveHandles?: () => object[];
  _getActiveRequests?: () => object[];
}

export class ProcessMetrics {
  private readonly gc = new Histogram('nodejs_gc_duration_seconds', 'Garbage collection duration by kind, one of major, minor, incremental or weakcb.', ['kind'], [0.001, 0.01, 0.1, 1, 2, 5]);
  private readonly loopDelay: IntervalHistogram;
  /** Event loop lag measured by the scrape that is rendering (a setImmediate round trip). */
  private lagSeconds = 0;
  private readonly families: MetricFamily[];

  constructor() {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const kind = GC_KINDS[(entry as { detail?: { kind?: number } }).detail?.kind ?? -1];
        if (kind !== undefined) this.gc.observe({ kind }, entry.duration / 1000);
      }
    }).observe({ entryTypes: ['gc'] });
    this.loopDelay = monitorEventLoopDelay({ resolution: 10 });
    this.loopDelay.enable();
    this.families = this.define();
  }

  /** The families, current as of this call (it waits one event loop turn to measure the lag). */
  async collect(): Promise<MetricFamily[]> {
    const start = process.hrtime.bigint();
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.lagSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    return this.families;
  }

  private define(): MetricFamily[] {
    const gauge = (name: string, help: string, samples: () => Samples) => new ComputedFamily(name, help, 'gauge', samples);
    const cpu = (name: string, help: string, seconds: (u: NodeJS.CpuUsage) => number) =>
      new ComputedFamily(name, help, 'counter', () => one(seconds(process.cpuUsage()) / 1e6));
    const loop = (name: string, what: string, ns: (h: IntervalHistogram) => number) =>
      gauge(`nodejs_eventloop_lag_${name}_seconds`, `The ${what} of the recorded event loop delays.`, () => one(ns(this.loopDelay) / 1e9));
    const heapSpace = (what: string, field: 'space_size' | 'space_used_size' | 'space_available_size') =>
      gauge(`nodejs_heap_space_size_${what}_bytes`, `Process heap space size ${what} from Node.js in bytes.`, () =>
        getHeapSpaceStatistics().map((s) => [{ space: s.space_name.replace(/_space$/, '') }, s[field]] as const),
      );
    const internal = process as unknown as InternalProcess;
    const byType = (items: readonly unknown[]): Samples => {
      const counts = new Map<string, number>();
      for (const item of items) {
        const type = typeof item === 'string' ? item : ((item as object | null)?.constructor?.name ?? 'unknown');
        counts.set(type, (counts.get(type) ?? 0) + 1);
      }
      return [...counts].map(([type, n]) => [{ type }, n] as const);
    };
    const [major, minor, patch] = process.versions.node.split('.');
    return [
      cpu('process_cpu_user_seconds_total', 'Total user CPU time spent in seconds.', (u) => u.user),
      cpu('process_cpu_system_seconds_total', 'Total system CPU time spent in seconds.', (u) => u.system),
      cpu('process_cpu_seconds_total', 'Total user and system CPU time spent in seconds.', (u) => u.user + u.system),
      gauge('process_start_time_seconds', 'Start time of the process since unix epoch in seconds.', () => one(Math.round(Date.now() / 1000 - process.uptime()))),
      gauge('process_resident_memory_bytes', 'Resident memory size in bytes.', () => one(procStatusBytes('VmRSS') ?? process.memoryUsage.rss())),
      ...(process.platform === 'linux'
        ? [
            gauge('process_virtual_memory_bytes', 'Virtual memory size in bytes.', () => one(procStatusBytes('VmSize') ?? 0)),
            gauge('process_heap_bytes', 'Process heap size in bytes.', () => one(procStatusBytes('VmData') ?? 0)),
            // The directory listing holds one descriptor of its own.
            gauge('process_open_fds', 'Number of open file descriptors.', () => one(readdirSync('/proc/self/fd').length - 1)),
            gauge('process_max_fds', 'Maximum number of open file descriptors.', () => one(maxOpenFiles())),
          ]
        : []),
      gauge('nodejs_eventloop_lag_seconds', 'Lag of event loop in seconds.', () => one(this.lagSeconds)),
      loop('min', 'minimum', (h) => h.min),
      loop('max', 'maximum', (h) => h.max),
      loop('mean', 'mean', (h) => h.mean),
      loop('stddev', 'standard deviation', (h) => h.stddev),
      loop('p50', '50th percentile', (h) => h.percentile(50)),
      loop('p90', '90th percentile', (h) => h.percentile(90)),
      loop('p99', '99th percentile', (h) => h.percentile(99)),
      gauge('nodejs_active_resources', 'Number of active resources that are currently keeping the event loop alive, grouped by async resource type.', () => byType(process.getActiveResourcesInfo())),
      gauge('nodejs_active_resources_total', 'Total number of active resources.', () => one(process.getActiveResourcesInfo().length)),
      gauge('nodejs_active_handles', 'Number of active libuv handles grouped by handle type. Every handle type is C++ class name.', () => byType(internal._getActiveHandles?.() ?? [])),
      gauge('nodejs_active_handles_total', 'Total number of active handles.', () => one(internal._getActiveHandles?.().length ?? 0)),
      gauge('nodejs_active_requests', 'Number of active libuv requests grouped by request type. Every request type is C++ class name.', () => byType(internal._getActiveRequests?.() ?? [])),
      gauge('nodejs_active_requests_total', 'Total number of active requests.', () => one(internal._getActiveRequests?.().length ?? 0)),
      gauge('nodejs_heap_size_total_bytes', 'Process heap size from Node.js in bytes.', () => one(process.memoryUsage().heapTotal)),
      gauge('nodejs_heap_size_used_bytes', 'Process heap size used from Node.js in bytes.', () => one(process.memoryUsage().heapUsed)),
      gauge('nodejs_external_memory_bytes', 'Node.js external memory size in bytes.', () => one(process.memoryUsage().external)),
      heapSpace('total', 'space_size'),
      heapSpace('used', 'space_used_size'),
      heapSpace('available', 'space_available_size'),
      gauge('nodejs_version_info', 'Node.js version info.', () => [[{ version: process.version, major: major ?? '', minor: minor ?? '', patch: patch ?? '' }, 1]]),
      this.gc,
    ];
  }
}

function procStatusBytes(field: string): number | undefined {
  try {
    const kib = new RegExp(`^${field}:\\s*(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kib === undefined ? undefined : Number(kib) * 1024;
  } catch {
    return undefined;
  }
}

function maxOpenFiles(): number {
  try {
    const soft = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1];
    return soft === undefined ? -1 : Number(soft);
  } catch {
    return -1;
  }
}
