/**
 * Numbers as the page shows them; the same rules as the terminal views (src/tui/format-usage.ts),
 * except that an unknown price reads "unknown", never "$0".
 */

const SCALES = [
  { divisor: 1e9, suffix: 'B' },
  { divisor: 1e6, suffix: 'M' },
  { divisor: 1e3, suffix: 'k' },
];

/**
 * 999 → "999", 1234 → "1.2k", 123456 → "123k", 3.4e6 → "3.4M".
 * @param {number} value
 */
export function formatCount(value) {
  if (value < 1000) return String(Math.round(value));
  for (const [index, scale] of SCALES.entries()) {
    if (value < scale.divisor) continue;
    const scaled = value / scale.divisor;
    const text = scaled < 99.95 ? scaled.toFixed(1) : String(Math.round(scaled));
    const larger = SCALES[index - 1];
    if (text === '1000' && larger) return `1.0${larger.suffix}`;
    return `${text}${scale.suffix}`;
  }
  return String(value);
}

/**
 * 1284 → "1,284".
 * @param {number} value
 */
export function formatInteger(value) {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Up to four decimals below a dollar (requests cost fractions of a cent), cents above.
 * @param {number | null} value
 */
export function formatUsd(value) {
  if (value === null) return 'unknown';
  if (value === 0) return '$0';
  if (value < 0.0001) return '<$0.0001';
  if (value < 1) return `$${value.toFixed(4).replace(/(\.\d\d\d*?)0+$/, '$1')}`;
  if (value < 10_000) return `$${formatInteger(Math.trunc(value))}.${value.toFixed(2).slice(-2)}`;
  return `$${formatCount(value)}`;
}

/**
 * 850 → "850 ms", 1234 → "1.2 s", 125000 → "2.1 min".
 * @param {number} milliseconds
 */
export function formatLatency(milliseconds) {
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  if (milliseconds < 60_000) return `${(milliseconds / 1000).toFixed(1)} s`;
  return `${(milliseconds / 60_000).toFixed(1)} min`;
}

/**
 * 0.0213 → "2.1%", 0 → "0%".
 * @param {number} ratio
 */
export function formatPercent(ratio) {
  if (ratio === 0) return '0%';
  if (ratio < 0.001) return '<0.1%';
  return `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)}%`;
}

/**
 * "14:03:12" today, "Jun 12 14:03" before.
 * @param {string} iso
 * @param {Date} [now]
 */
export function formatTime(iso, now = new Date()) {
  const date = new Date(iso);
  const two = (/** @type {number} */ value) => String(value).padStart(2, '0');
  const clock = `${two(date.getHours())}:${two(date.getMinutes())}`;
  if (date.toDateString() === now.toDateString()) return `${clock}:${two(date.getSeconds())}`;
  return `${date.toLocaleString('en', { month: 'short' })} ${date.getDate()} ${clock}`;
}

/**
 * "openai → openrouter" when the request fell back, else who served; "–" when nobody was tried.
 * @param {readonly string[]} attempts
 * @param {string | null} provider
 */
export function providerChain(attempts, provider) {
  if (attempts.length > 1) return attempts.join(' → ');
  return provider ?? attempts[0] ?? '–';
}

/**
 * "1 error", "3 errors".
 * @param {number} count
 * @param {string} noun
 */
export function plural(count, noun) {
  return `${formatInteger(count)} ${noun}${count === 1 ? '' : 's'}`;
}
