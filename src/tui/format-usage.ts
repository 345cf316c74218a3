/**
 * Compact numbers for the usage views. Hand-rolled rather than `toLocaleString` so that output is
 * the same on every machine (render tests pin it) and always fits the narrow columns it is given.
 */

const SCALES = [
  { divisor: 1e9, suffix: 'B' },
  { divisor: 1e6, suffix: 'M' },
  { divisor: 1e3, suffix: 'k' },
] as const;

/** 999 → "999", 1234 → "1.2k", 123456 → "123k", 3.4e6 → "3.4M": at most five characters below 1e12. */
export function formatCount(value: number): string {
  if (value < 1000) return String(Math.round(value));
  for (const [index, scale] of SCALES.entries()) {
    if (value < scale.divisor) continue;
    const scaled = value / scale.divisor;
    const text = scaled < 99.95 ? scaled.toFixed(1) : String(Math.round(scaled));
    // 999,960 rounds to "1000k": say "1.0M" instead.
    const larger = SCALES[index - 1];
    if (text === '1000' && larger) return `1.0${larger.suffix}`;
    return `${text}${scale.suffix}`;
  }
  return String(value);
}

/**
 * US dollars: up to four decimals below a dollar ("$0.0123", "$0.61": requests often cost fractions
 * of a cent), "$12.34" below $10k, then "$12.3k". Null is an unknown price and prints "?", never "$0".
 */
export function formatUsd(value: number | null): string {
  if (value === null) return '?';
  if (value === 0) return '$0';
  if (value < 0.0001) return '<$0.0001';
  if (value < 1) return `$${value.toFixed(4).replace(/(\.\d\d\d*?)0+$/, '$1')}`;
  if (value < 10_000) return `$${value.toFixed(2)}`;
  return `$${formatCount(value)}`;
}

/** 1284 → "1,284": counts that are read exactly, such as the number of requests. */
export function formatInteger(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 850 → "850ms", 1234 → "1.2s", 125000 → "2.1m". */
export function formatLatency(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.round(milliseconds)}ms`;
  if (milliseconds < 60_000) return `${(milliseconds / 1000).toFixed(1)}s`;
  return `${(milliseconds / 60_000).toFixed(1)}m`;
}

/** "openai→openrouter" when the request fell back, else the provider that served; "–" when none was tried. */
export function providerChain(attempts: readonly string[], provider: string | null): string {
  if (attempts.length > 1) return attempts.join('→');
  return provider ?? attempts[0] ?? '–';
}

/** "1 error", "3 errors". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
