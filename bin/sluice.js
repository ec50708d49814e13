#!/usr/bin/env node
// Runs the compiled CLI; `npm install` builds it (the `prepare` script), so start-up never compiles TypeScript.
import { main } from '../dist/src/cli/main.js';

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
