/** The embedded broker against kafka-python 2.0.2 (Debian python3-kafka), a real third-party client. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startBrokerProcess, type BrokerProcess } from '../helpers/broker-process.js';
import { run } from '../helpers/run.js';

// Debian's python3-kafka is visible only to the system interpreter, not the python3 first on PATH.
const PYTHON = '/usr/bin/python3';
let broker: BrokerProcess;

beforeAll(async () => {
  broker = await startBrokerProcess();
});

afterAll(async () => {
  await broker?.stop();
  if (broker) removeDir(broker.dataDir);
});

interface PythonReport {
  api_version: number[];
  offsets: [number, number][];
  members: Record<string, { assignment: number[]; count: number; partitions: number[]; first: [number, number, string, [string, string][]][] }>;
  committed: Record<string, number>;
}

describe('kafka-python', () => {
  it('produces, consumes in a two-member group, commits and reads the offsets back', async () => {
    const script = join(import.meta.dirname, 'python', 'producer_and_group.py');
    const res = await run(PYTHON, [script, broker.bootstrap, 'py-topic', 'py-group'], { timeoutMs: 120_000 });
    expect(res.code, res.stderr).toBe(0);
    const report = JSON.parse(res.stdout.toString().trim().split('\n').at(-1) ?? '{}') as PythonReport;

    // kafka-python infers a broker release from ApiVersions; >= 2.1 selects the modern code paths.
    expect(report.api_version[0] * 10 + report.api_version[1]).toBeGreaterThanOrEqual(21);
    const p0 = report.offsets.filter(([p]) => p === 0).map(([, o]) => o);
    const p1 = report.offsets.filter(([p]) => p === 1).map(([, o]) => o);
    expect(p0).toEqual(p0.map((_, i) => i));
    expect(p1).toEqual(p1.map((_, i) => i));

    const members = Object.values(report.members);
    expect(members).toHaveLength(2);
    expect(members.map((m) => m.assignment.length)).toEqual([1, 1]);
    expect(new Set(members.flatMap((m) => m.assignment))).toEqual(new Set([0, 1]));
    for (const m of members) expect(m.partitions).toEqual(m.assignment);
    expect(members.reduce((n, m) => n + m.count, 0)).toBe(110);
    const first = members.flatMap((m) => m.first).find(([, offset]) => offset === 0);
    expect(first?.[3]).toEqual([['h', 'x']]);

    expect(report.committed).toEqual({ '0': p0.length, '1': p1.length });
  });
});
