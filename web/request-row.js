import { h } from './dom.js';
import { formatCount, formatInteger, formatLatency, formatTime, formatUsd, providerChain } from './format.js';

/** @typedef {import('./types').RequestRow} RequestRow */

/**
 * One row of the recent-requests table. Input is the whole prompt (input + cache read + cache
 * write, the same in every wire format); the split is in the tooltip.
 * @param {RequestRow} row
 * @returns {HTMLTableRowElement}
 */
export function requestRow(row) {
  const prompt = row.input_tokens + row.cache_read_tokens + row.cache_write_tokens;
  const fellBack = row.attempts.length > 1;
  return h('tr', { 'data-id': row.id, 'data-ts': row.ts, 'data-outcome': row.outcome }, [
    h('td', { class: 'time', title: new Date(row.ts).toString() }, [formatTime(row.ts)]),
    h('td', {}, [row.client_name ?? '–']),
    h('td', { class: 'name' }, [row.model || '–']),
    h('td', fellBack ? { class: 'fallback', title: 'fell back' } : {}, [
      providerChain(row.attempts, row.provider),
    ]),
    h('td', {}, [h('span', { class: 'tag' }, [row.client_dialect]), row.stream ? ' stream' : '']),
    h('td', { class: 'num', title: tokenTitle(row) }, [
      `${formatCount(prompt)} · ${formatCount(row.output_tokens)}`,
    ]),
    h('td', { class: row.cost_usd === null ? 'num unknown' : 'num' }, [formatUsd(row.cost_usd)]),
    h('td', { class: 'num' }, [formatLatency(row.latency_ms)]),
    h('td', {}, [statusBadge(row)]),
  ]);
}

/** @param {RequestRow} row */
function statusBadge(row) {
  const text = row.outcome === 'aborted' ? 'aborted' : String(row.status);
  return h('span', { class: `status ${row.outcome}`, title: row.outcome }, [text]);
}

/** @param {RequestRow} row */
function tokenTitle(row) {
  return [
    `input ${formatInteger(row.input_tokens)}`,
    `cache read ${formatInteger(row.cache_read_tokens)}`,
    `cache write ${formatInteger(row.cache_write_tokens)}`,
    `output ${formatInteger(row.output_tokens)}`,
  ].join(' · ');
}
