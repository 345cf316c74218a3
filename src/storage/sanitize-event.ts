import type { UsageEvent } from '../usage/event.js';

/**
 * The largest token count one request may record. Upstream usage is untrusted JSON: `1e308`,
 * `1e19` or two `5e18` would overflow SQLite's 64-bit hourly sums and make the database reject the
 * record (and, before records were set aside one by one, every record behind it). No request comes
 * near a trillion tokens, and sums of such stay far inside 64-bit integers.
 */
export const MAX_TOKENS_PER_REQUEST = 1_000_000_000_000;

/** Longest text kept per field: names are capped at the gateway's edge already, these are backstops. */
const MAX_NAME = 256;
const MAX_MESSAGE = 2000;

const TOKEN_FIELDS = ['inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens'] as const;
const NAME_FIELDS = [
  'requestedModel',
  'model',
  'provider',
  'upstreamModel',
  'clientName',
  'tag',
  'endpoint',
] as const;

/**
 * An event both stores accept: token counts that are non-negative safe integers up to
 * MAX_TOKENS_PER_REQUEST (anything else is recorded as 0 with an unknown cost and a warning, never
 * guessed), a finite non-negative cost or none, and text without NUL (PostgreSQL refuses it in
 * `text`), lone surrogates or unbounded length. Returns the event itself when nothing needs fixing.
 */
export function sanitizeEvent(event: UsageEvent): UsageEvent {
  if (isClean(event)) return event; // every request pays this check; only odd ones pay the rest
  const fixed: UsageEvent = {
    ...event,
    warnings: event.warnings.map((note) => cleanText(note, MAX_MESSAGE)),
  };
  const notes: string[] = [];
  for (const field of TOKEN_FIELDS) {
    if (isTokenCount(event[field])) continue;
    notes.push(`${field} ${describe(event[field])} is not a token count`);
    fixed[field] = 0;
  }
  if (event.reasoningTokens !== null && !isTokenCount(event.reasoningTokens)) {
    notes.push(`reasoningTokens ${describe(event.reasoningTokens)} is not a token count`);
    fixed.reasoningTokens = null;
  }
  if (notes.length > 0) {
    fixed.costUsd = null;
    fixed.warnings.push(`usage: upstream reported ${notes.join(', ')}; recorded as 0 with an unknown cost`);
  } else if (event.costUsd !== null && !(Number.isFinite(event.costUsd) && event.costUsd >= 0)) {
    fixed.costUsd = null;
    fixed.warnings.push(`cost ${describe(event.costUsd)} is not a price; recorded as unknown`);
  }
  for (const field of NAME_FIELDS) {
    const value = event[field];
    if (typeof value === 'string') fixed[field] = cleanText(value, MAX_NAME);
  }
  if (event.errorMessage !== null) fixed.errorMessage = cleanText(String(event.errorMessage), MAX_MESSAGE);
  fixed.attempts = event.attempts.map((attempt) =>
    attempt.error === undefined ? attempt : { ...attempt, error: cleanText(attempt.error, MAX_MESSAGE) },
  );
  for (const field of ['ts', 'latencyMs'] as const)
    if (!Number.isSafeInteger(event[field]))
      fixed[field] = Math.max(0, Math.round(Number(event[field])) || 0);
  if (event.ttfbMs !== null && !Number.isSafeInteger(event.ttfbMs)) fixed.ttfbMs = null;
  return unchanged(event, fixed) ? event : fixed;
}

/** NUL or any surrogate (a valid pair, such as an emoji, only costs the slow path). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is looked for
const SUSPECT_CHARACTER = /[\u0000\uD800-\uDFFF]/;

function isCleanText(value: string | null | undefined, max: number): boolean {
  return typeof value !== 'string' || (value.length <= max && !SUSPECT_CHARACTER.test(value));
}

function isClean(event: UsageEvent): boolean {
  return (
    TOKEN_FIELDS.every((field) => isTokenCount(event[field])) &&
    (event.reasoningTokens === null || isTokenCount(event.reasoningTokens)) &&
    (event.costUsd === null || (Number.isFinite(event.costUsd) && event.costUsd >= 0)) &&
    Number.isSafeInteger(event.ts) &&
    Number.isSafeInteger(event.latencyMs) &&
    (event.ttfbMs === null || Number.isSafeInteger(event.ttfbMs)) &&
    NAME_FIELDS.every((field) => isCleanText(event[field], MAX_NAME)) &&
    isCleanText(event.errorMessage, MAX_MESSAGE) &&
    event.warnings.every((note) => isCleanText(note, MAX_MESSAGE)) &&
    event.attempts.every((attempt) => isCleanText(attempt.error, MAX_MESSAGE))
  );
}

function isTokenCount(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_TOKENS_PER_REQUEST;
}

function describe(value: unknown): string {
  return String(value).slice(0, 40);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** No NUL, well-formed UTF-16 (a lone surrogate becomes U+FFFD), at most `max` characters. */
export function cleanText(text: string, max: number): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is removed
  const bare = text.includes('\u0000') ? text.replace(/\u0000/g, '') : text;
  const whole = bare.replace(LONE_SURROGATE, '\uFFFD');
  return whole.length > max ? `${whole.slice(0, max - 1)}…` : whole;
}

function unchanged(event: UsageEvent, fixed: UsageEvent): boolean {
  for (const key of Object.keys(fixed) as Array<keyof UsageEvent>) {
    if (key === 'warnings' || key === 'attempts') continue;
    if (!Object.is(event[key], fixed[key])) return false;
  }
  return (
    fixed.warnings.length === event.warnings.length &&
    fixed.warnings.every((note, index) => note === event.warnings[index]) &&
    fixed.attempts.every((attempt, index) => attempt === event.attempts[index])
  );
}
