import { describe, expect, it } from 'vitest';
import { ConnectMetrics } from './connect-metrics.js';

describe('ConnectMetrics', () => {
  it('counts source and sink records per connector and task', async () => {
    const m = new ConnectMetrics({ processMetrics: false });
    m.recordPoll('src', 0, 5);
    m.recordPoll('src', 0, 3);
    m.recordWrite('src', 0, 8);
    m.recordRead('snk', 1, 10);
    m.recordPut('snk', 1, 10);
    const text = await m.render();
    expect(text).toContain('# HELP sluice_connect_source_record_poll_total Records returned by source task poll()');
    expect(text).toContain('# TYPE sluice_connect_source_record_poll_total counter');
    expect(text).toContain('sluice_connect_source_record_poll_total{connector="src",task="0"} 8');
    expect(text).toContain('sluice_connect_source_record_write_total{connector="src",task="0"} 8');
    expect(text).toContain('sluice_connect_sink_record_read_total{connector="snk",task="1"} 10');
    expect(text).toContain('sluice_connect_sink_record_put_total{connector="snk",task="1"} 10');
    expect(text).toContain('sluice_connect_batch_size_records_count{connector="src",task="0"} 2');
    expect(text).toContain('sluice_connect_batch_size_records_bucket{le="10",connector="snk",task="1"} 1');
  });

  it('records offset commits, errors, skips and dead letter queue writes', async () => {
    const m = new ConnectMetrics({ processMetrics: false });
    m.recordOffsetCommit('c', 0, true, 20);
    m.recordOffsetCommit('c', 0, false, 5000);
    m.recordError('c', 0, 'VALUE_CONVERTER');
    m.recordError('c', 0, 'VALUE_CONVERTER');
    m.recordSkipped('c', 0);
    m.recordDeadLetterQueueProduce('c', 0, true);
    m.recordDeadLetterQueueProduce('c', 0, false);
    const text = await m.render();
    expect(text).toContain('sluice_connect_offset_commit_success_total{connector="c",task="0"} 1');
    expect(text).toContain('sluice_connect_offset_commit_failure_total{connector="c",task="0"} 1');
    expect(text).toContain('sluice_connect_offset_commit_duration_seconds_sum{connector="c",task="0"} 5.02');
    expect(text).toContain('sluice_connect_record_errors_total{connector="c",task="0",stage="VALUE_CONVERTER"} 2');
    expect(text).toContain('sluice_connect_records_skipped_total{connector="c",task="0"} 1');
    expect(text).toContain('sluice_connect_deadletterqueue_produce_requests_total{connector="c",task="0"} 2');
    expect(text).toContain('sluice_connect_deadletterqueue_produce_failures_total{connector="c",task="0"} 1');
  });

  it('shows one current state per task and connector', async () => {
    const m = new ConnectMetrics({ processMetrics: false });
    m.setTaskState('c', 0, 'RUNNING');
    m.setTaskState('c', 0, 'FAILED');
    m.setConnectorState('c', 'STOPPED');
    const text = await m.render();
    expect(text).toContain('sluice_connect_task_status{connector="c",task="0",state="FAILED"} 1');
    expect(text).toContain('sluice_connect_task_status{connector="c",task="0",state="RUNNING"} 0');
    expect(text).not.toContain('task="0",state="STOPPED"');
    expect(text).toContain('sluice_connect_connector_status{connector="c",state="STOPPED"} 1');
    expect(text).toContain('sluice_connect_connector_status{connector="c",state="RUNNING"} 0');
  });

  it('forgets removed tasks and connectors but keeps the others', async () => {
    const m = new ConnectMetrics({ processMetrics: false });
    for (const task of [0, 1]) {
      m.recordPoll('c', task, 1);
      m.recordOffsetCommit('c', task, true, 1);
      m.setTaskState('c', task, 'RUNNING');
      m.recordError('c', task, 'TRANSFORMATION');
    }
    m.setConnectorState('c', 'RUNNING');
    m.setConnectorState('d', 'RUNNING');
    m.removeTask('c', 0);
    m.removeConnector('c');
    const text = await m.render();
    expect(text).not.toContain('task="0"');
    expect(text).toContain('sluice_connect_source_record_poll_total{connector="c",task="1"} 1');
    expect(text).toContain('sluice_connect_record_errors_total{connector="c",task="1",stage="TRANSFORMATION"} 1');
    expect(text).not.toContain('sluice_connect_connector_status{connector="c"');
    expect(text).toContain('sluice_connect_connector_status{connector="d",state="RUNNING"} 1');
  });

  it("renders prom-client's text exposition: HELP, TYPE, then the series; cumulative buckets with le first", async () => {
    const m = new ConnectMetrics({ processMetrics: false });
    m.recordPut('snk', 1, 7);
    const text = await m.render();
    const start = text.indexOf('# HELP sluice_connect_sink_record_put_total');
    expect(text.slice(start, text.indexOf('# HELP sluice_connect_offset_commit_success_total'))).toBe(
      [
        '# HELP sluice_connect_sink_record_put_total Records passed to sink task put() after transformations (Kafka: sink-record-send-total).',
        '# TYPE sluice_connect_sink_record_put_total counter',
        'sluice_connect_sink_record_put_total{connector="snk",task="1"} 7',
        '',
        '# HELP sluice_connect_batch_size_records Records per source poll() or sink put() batch (Kafka: batch-size-avg, batch-size-max).',
        '# TYPE sluice_connect_batch_size_records histogram',
        ...[['1', 0], ['10', 1], ['50', 1], ['100', 1], ['500', 1], ['1000', 1], ['5000', 1], ['10000', 1], ['+Inf', 1]].map(
          ([le, n]) => `sluice_connect_batch_size_records_bucket{le="${le}",connector="snk",task="1"} ${n}`,
        ),
        'sluice_connect_batch_size_records_sum{connector="snk",task="1"} 7',
        'sluice_connect_batch_size_records_count{connector="snk",task="1"} 1',
        '',
        '',
      ].join('\n'),
    );
    expect(m.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
  });

  it('keeps registries apart; Node process metrics by default, after the sluice_connect_ families', async () => {
    const a = new ConnectMetrics();
    const b = new ConnectMetrics({ processMetrics: false });
    a.recordPoll('only-a', 0, 1);
    const text = await a.render();
    for (const family of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_gc_duration_seconds', 'nodejs_version_info']) {
      expect(text).toContain(`# TYPE ${family} `);
    }
    expect(text.indexOf('sluice_connect_deadletterqueue_produce_failures_total')).toBeLessThan(text.indexOf('process_cpu_user_seconds_total'));
    expect(await b.render()).not.toContain('only-a');
    expect(await b.render()).not.toContain('process_cpu_user_seconds_total');
  });

  it('starts process metrics with the first render: CPU counted from process start, event loop delay sampled', async () => {
    const m = new ConnectMetrics();
    const before = process.cpuUsage();
    const rendering = m.render();
    // As on a loaded machine: the event loop does not run for a while after the first scrape began.
    const until = performance.now() + 50;
    while (performance.now() < until);
    const first = await rendering;
    const after = process.cpuUsage();
    const value = (family: string) => Number(new RegExp(`^${family} (\\S+)$`, 'm').exec(first)?.[1]);
    // The CPU used before the first render (loading this test, at least) is in the counters, but only once.
    expect(value('process_cpu_seconds_total')).toBeGreaterThanOrEqual((before.user + before.system) / 1e6);
    expect(value('process_cpu_seconds_total')).toBeLessThanOrEqual((after.user + after.system) / 1e6 + 1e-9);
    expect(value('process_cpu_user_seconds_total')).toBeGreaterThanOrEqual(before.user / 1e6);
    // Without samples, prom-client prints a mean of Nan and a minimum of 9223372036.854776.
    expect(value('nodejs_eventloop_lag_mean_seconds')).toBeGreaterThan(0);
    expect(value('nodejs_eventloop_lag_min_seconds')).toBeLessThan(1);
  });
});
