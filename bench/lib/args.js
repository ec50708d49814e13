/**
 * The command line every benchmark shares: its own options plus --quick (1/10 of the sizes),
 * --scale F and --help / -h (prints `usage` and exits). Unknown options are errors.
 */
import { parseArgs } from 'node:util';

/** Returns the parsed options and the size factor (--scale, or 0.1 with --quick, else 1). */
export function parseBenchArgs(usage, options) {
  const { values: opts } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      scale: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      ...options,
    },
    strict: true,
  });
  if (opts.help) {
    console.log(usage);
    process.exit(0);
  }
  const scale = opts.scale !== undefined ? Number(opts.scale) : opts.quick ? 0.1 : 1;
  if (!(scale > 0)) throw new Error(`--scale must be a positive number, got ${opts.scale}`);
  return { opts, scale };
}
