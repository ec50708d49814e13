import { describe, expect, it } from 'vitest';
import { ProcessMetrics } from './process-metrics.js';
import { Counter, Gauge, Histogram, renderFamilies } from './prometheus.js';

describe('Prometheus text exposition', () => {
  it('renders HELP, TYPE and samples; families without series keep their HELP and TYPE', () => {
    const c = new Counter('c_total', 'Counts\\ things\nacross lines.', ['a', 'b']);
    const g = new Gauge('g', 'A gauge.', ['a']);
    c.inc({ b: 'y', a: 'x"\\\n' }, 2);
    c.inc({ a: 'x"\\\n', b: 'y' });
    expect(() => c.inc({ a: 'x', b: 'y' }, -1)).toThrow(/only goes up/);
    expect(renderFamilies([c, g])).toBe(
      '# HELP c_total Counts\\\\ things\\nacross lines.\n# TYPE c_total counter\nc_total{a="x\\"\\\\\\n",b="y"} 3\n\n# HELP g A gauge.\n# TYPE g gauge\n',
    );
  });

  it('renders histograms cumulatively with le first, +Inf, sum and count; remove drops a series', () => {
    const h = new Histogram('h', 'Sizes.', ['t'], [10, 1]);
    for (const v of [0.5, 1, 5, 50]) h.observe({ t: 'a' }, v);
    h.observe({ t: 'b' }, 1);
    h.remove({ t: 'b' });
    expect(h.render().split('\n').slice(2)).toEqual(['h_bucket{le="1",t="a"} 2', 'h_bucket{le="10",t="a"} 3', 'h_bucket{le="+Inf",t="a"} 4', 'h_sum{t="a"} 56.5', 'h_count{t="a"} 4']);
  });

  it('reports the Node process: CPU, memory, event loop, heap spaces, GC', async () => {
    const metrics = new ProcessMetrics();
    const garbage: number[][] = [];
    for (let i = 0; i < 200_000; i++) garbage.push([i]); // a scavenge or two
    await new Promise((resolve) => setTimeout(resolve, 50));
    const text = renderFamilies(await metrics.collect());
    for (const family of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_p99_seconds', 'nodejs_heap_size_used_bytes', 'nodejs_version_info']) {
      expect(text).toMatch(new RegExp(`^${family}(\\{[^}]*\\})? [0-9.e+-]+$`, 'm'));
    }
    expect(text).toMatch(/^nodejs_heap_space_size_used_bytes\{space="old"\} \d+$/m);
    expect(text).toMatch(/^nodejs_gc_duration_seconds_count\{kind="minor"\} [1-9]\d*$/m);
    expect(garbage.length).toBe(200_000);
  });
});
