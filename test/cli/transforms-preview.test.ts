/** `sluice transforms preview` runs a chain offline, from a connector config file and JSONL samples. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SLUICE_BIN, removeDir, tempDir } from '../helpers/broker-process.js';
import { run } from '../helpers/run.js';

const dir = tempDir('preview-cli');
afterAll(() => removeDir(dir));

describe('sluice transforms preview', () => {
  it('prints each record after every transform and the serialized result', async () => {
    const config = join(dir, 'connector.properties');
    writeFileSync(
      config,
      [
        'name=preview',
        'value.converter=org.apache.kafka.connect.json.JsonConverter',
        'value.converter.schemas.enable=false',
        'transforms=mask,route',
        'transforms.mask.type=org.apache.kafka.connect.transforms.MaskField$Value',
        'transforms.mask.fields=ssn',
        'transforms.route.type=org.apache.kafka.connect.transforms.TimestampRouter',
        'transforms.route.topic.format=${topic}-${timestamp}',
        'transforms.route.timestamp.format=yyyyMMdd',
      ].join('\n'),
    );
    const records = join(dir, 'records.jsonl');
    writeFileSync(records, `${JSON.stringify({ topic: 'people', value: '{"name":"ann","ssn":"123"}', timestamp: 1_700_000_000_000 })}\n\n${JSON.stringify({ topic: 'people', value: 'not json' })}\n`);
    const res = await run(process.execPath, [SLUICE_BIN, 'transforms', 'preview', '--config', config, '--records', records]);
    expect(res.code, res.stderr).toBe(0);
    const results = JSON.parse(res.stdout.toString()) as { output: { topic: string; value: { text: string } } | null; error: { stage: string } | null }[];
    expect(results).toHaveLength(2);
    expect(results[0].output?.topic).toBe('people-20231114');
    expect(JSON.parse(results[0].output?.value.text ?? '{}')).toEqual({ name: 'ann', ssn: '' });
    expect(results[1].error?.stage).toBe('VALUE_CONVERTER');
  });

  it('explains its usage when arguments are missing', async () => {
    const res = await run(process.execPath, [SLUICE_BIN, 'transforms', 'preview']);
    expect(res.code).toBe(2);
    expect(res.stdout.toString()).toContain('Usage: sluice transforms preview');
  });
});
