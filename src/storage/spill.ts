import { createHash } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { UsageEvent } from '../usage/event.js';
import { isPostgresUrl } from './location.js';

/**
 * Usage records the database cannot take right now, kept on disk instead of in memory: an
 * append-only JSON-lines file beside the database. The writer moves records here when its queue
 * grows past its bound while the database is failing, and at shutdown when the last flush fails;
 * they go back to the database when it takes writes again, or at the next start. Only when even
 * this file cannot be written is a record lost, and then the gateway exits non-zero saying how many.
 */
export class SpillFile {
  constructor(readonly path: string) {}

  /** Adds records at the end; throws when the file cannot be written (the caller keeps them). */
  append(events: readonly UsageEvent[]): void {
    if (events.length === 0) return;
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, `${events.map((event) => JSON.stringify(event)).join('\n')}\n`);
  }

  get exists(): boolean {
    return existsSync(this.path);
  }

  /**
   * Removes and returns up to `limit` records from the start; the rest stay in the file. A line
   * that is not a record (a write cut by a crash) is skipped.
   */
  take(limit = Number.POSITIVE_INFINITY): UsageEvent[] {
    if (!this.exists) return [];
    const lines = readFileSync(this.path, 'utf8').split('\n').filter(Boolean);
    const taken = lines.slice(0, limit).flatMap((line) => parseRecord(line));
    const rest = lines.slice(limit);
    if (rest.length === 0) rmSync(this.path, { force: true });
    else {
      // Written aside and renamed over: a crash leaves the old file or the new one, never half.
      writeFileSync(`${this.path}.tmp`, `${rest.join('\n')}\n`);
      renameSync(`${this.path}.tmp`, this.path);
    }
    return taken;
  }
}

function parseRecord(line: string): UsageEvent[] {
  try {
    const value = JSON.parse(line) as UsageEvent;
    return typeof value?.id === 'string' && typeof value.ts === 'number' ? [value] : [];
  } catch {
    return [];
  }
}

/**
 * Where a database's spill file lives: beside a SQLite file (`usage.db.spill.jsonl`); for a
 * PostgreSQL URL, in ~/.ekai, named after the URL (without its password) so that two databases
 * never share one. None for an in-memory database.
 */
export function spillPathFor(location: string): string | undefined {
  if (location === ':memory:') return undefined;
  if (!isPostgresUrl(location)) return `${location}.spill.jsonl`;
  const url = new URL(location);
  url.password = '';
  const name = createHash('sha256').update(url.toString()).digest('hex').slice(0, 12);
  return join(homedir(), '.ekai', `postgres-${name}.spill.jsonl`);
}
