import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseConfigFile } from '../config/config-file.js';
import { loadPlugins } from '../runtime/builtin-plugins.js';
import { previewTransforms, type PreviewSample } from '../runtime/transform-preview.js';
import { buildTransformationChain } from '../runtime/transformation-chain.js';

const HELP = `Usage: sluice transforms preview --config connector.json --records samples.jsonl [--plugin-path DIR,...]

Runs sample records through the transform chain of a connector config (transforms, transforms.*,
predicates.*, key.converter, value.converter) without Kafka or a worker, and prints, per record,
the record after every transform and the final serialized key and value (JSON).

samples.jsonl holds one JSON object per line: {"topic": "t", "key": "...", "value": "...",
"headers": {"h": "v"}} (key and value as the converters read them; keyBase64/valueBase64 for bytes).
`;

export async function runTransformsCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      config: { type: 'string' },
      records: { type: 'string' },
      'plugin-path': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (sub !== 'preview' || values.help || values.config === undefined || values.records === undefined) {
    console.log(HELP);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const { config } = await parseConfigFile(values.config);
  const records = readFileSync(values.records, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), i }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, i }) => {
      try {
        return JSON.parse(line) as PreviewSample;
      } catch (err) {
        throw new Error(`${values.records}:${i + 1}: not a JSON object: ${(err as Error).message}`);
      }
    });
  const pluginPath = (values['plugin-path'] ?? config['plugin.path'] ?? '').split(',').map((p) => p.trim()).filter((p) => p.length > 0);
  const plugins = await loadPlugins(pluginPath);
  await plugins.prepare(config);
  const results = await previewTransforms({ config, records }, {}, (c) => buildTransformationChain(plugins, c));
  console.log(JSON.stringify(results, null, 2));
}
