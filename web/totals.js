import { formatCount, formatInteger, formatPercent, formatUsd, plural } from './format.js';

/**
 * @typedef {import('./types').UsageTotals} UsageTotals
 * @typedef {{value: string, detail: string, raw: unknown, title?: string}} Card
 */

/** @type {Record<string, (totals: UsageTotals) => Card>} */
const CARDS = {
  requests: (t) => ({
    value: formatInteger(t.requests),
    detail: failures(t),
    raw: t.requests,
  }),
  cost_usd: (t) => ({
    // Nothing happened, so nothing was spent; with requests, a null cost means no price was known.
    value: t.requests === 0 ? '$0' : formatUsd(t.cost_usd),
    detail: spendDetail(t),
    raw: t.cost_usd,
    title: t.cost_usd === null ? '' : `$${t.cost_usd.toFixed(6)}`,
  }),
  input_tokens: (t) => ({
    value: formatCount(t.input_tokens),
    detail: `${formatInteger(t.input_tokens)} not cached`,
    raw: t.input_tokens,
  }),
  output_tokens: (t) => ({
    value: formatCount(t.output_tokens),
    detail: formatInteger(t.output_tokens),
    raw: t.output_tokens,
  }),
  cache_tokens: (t) => ({
    value: formatCount(t.cache_read_tokens),
    detail: `${formatCount(t.cache_write_tokens)} written to cache`,
    raw: [t.cache_read_tokens, t.cache_write_tokens],
  }),
  error_rate: (t) => ({
    value: t.requests === 0 ? '–' : formatPercent(t.errors / t.requests),
    detail:
      t.requests === 0 ? 'no requests' : `${formatInteger(t.errors)} of ${formatInteger(t.requests)} failed`,
    raw: t.requests === 0 ? null : t.errors / t.requests,
  }),
};

/** @param {UsageTotals} totals */
function failures(totals) {
  const parts = [];
  if (totals.errors > 0) parts.push(plural(totals.errors, 'error'));
  if (totals.aborted > 0) parts.push(`${formatInteger(totals.aborted)} aborted by the client`);
  return parts.join(' · ') || 'no errors';
}

/** @param {UsageTotals} totals */
function spendDetail(totals) {
  if (totals.requests === 0) return 'nothing spent';
  if (totals.unpriced_requests === 0) return 'every request priced';
  const priced = totals.cost_usd === null ? 'no known price' : 'not included';
  return `${plural(totals.unpriced_requests, 'request')} at unknown price (${priced})`;
}

/**
 * Fills the cards. Each card keeps the exact figure in `data-value` (JSON) next to the rounded
 * text, for tooltips and for the browser test that checks the page against `/usage`.
 * @param {HTMLElement} section
 * @param {UsageTotals} totals
 */
export function renderTotals(section, totals) {
  for (const [name, card] of Object.entries(CARDS)) {
    const element = section.querySelector(`[data-total="${name}"]`);
    if (!(element instanceof HTMLElement)) continue;
    const figures = card(totals);
    element.dataset.value = JSON.stringify(figures.raw);
    element.dataset.unknown = String(figures.value === 'unknown');
    setText(element, '.value', figures.value);
    setText(element, '.detail', figures.detail);
    element.title = figures.title ?? '';
  }
}

/**
 * @param {HTMLElement} parent
 * @param {string} selector
 * @param {string} text
 */
function setText(parent, selector, text) {
  const child = parent.querySelector(selector);
  if (child) child.textContent = text;
}
