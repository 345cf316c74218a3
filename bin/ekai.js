#!/usr/bin/env node
// Thin entry: everything lives in dist/ (built from src/ by `npm run build`, run by `prepare`).
import { main } from '../dist/cli/index.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`ekai: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
