// Printing and saving results.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RESULTS = fileURLToPath(new URL('../results/', import.meta.url));

export function machine() {
  const [cpu] = cpus();
  return {
    cpu: cpu?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: loadavg().map((value) => Number(value.toFixed(2))),
  };
}

/** A plain text table: columns are [header, key, align] with align 'l' or 'r'. */
export function table(columns, rows) {
  const cells = rows.map((row) => columns.map(([, key]) => (row[key] === undefined ? '' : String(row[key]))));
  const widths = columns.map(([header], index) =>
    Math.max(header.length, ...cells.map((line) => line[index].length)),
  );
  const line = (values) =>
    values
      .map((value, index) =>
        columns[index][2] === 'r' ? value.padStart(widths[index]) : value.padEnd(widths[index]),
      )
      .join('  ')
      .trimEnd();
  return [
    line(columns.map(([header]) => header)),
    line(widths.map((width) => '─'.repeat(width))),
    ...cells.map(line),
  ].join('\n');
}

/** Number formatting for the table: fixed decimals, '' for missing values. */
export function fixed(value, digits = 0) {
  return value === undefined || value === null || Number.isNaN(value) ? '' : value.toFixed(digits);
}

export function signed(value, digits = 2) {
  if (value === undefined || value === null || Number.isNaN(value)) return '';
  return `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
}

export function saveJson(name, data) {
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, `${name}.json`);
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
  return path;
}

export function readJson(name) {
  try {
    return JSON.parse(readFileSync(join(RESULTS, `${name}.json`), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Least-squares slope of y over x. */
export function slope(points) {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  let numerator = 0;
  let denominator = 0;
  for (const [x, y] of points) {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  }
  return denominator === 0 ? 0 : numerator / denominator;
}
