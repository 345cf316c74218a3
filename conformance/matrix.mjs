#!/usr/bin/env node
// Writes conformance/MATRIX.md from the last replay's results, which `npm run conformance` leaves in
// test-results/conformance-results.json:  npm run conformance; node conformance/matrix.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readmeWithMatrix, renderMatrix } from './matrix-render.mjs';

const results = fileURLToPath(new URL('../test-results/conformance-results.json', import.meta.url));
const matrix = fileURLToPath(new URL('./MATRIX.md', import.meta.url));
const readme = fileURLToPath(new URL('../README.md', import.meta.url));
const input = JSON.parse(readFileSync(results, 'utf8'));
writeFileSync(matrix, renderMatrix(input));
writeFileSync(readme, readmeWithMatrix(readFileSync(readme, 'utf8'), input));
console.log(`wrote ${matrix} and the table in ${readme}`);
