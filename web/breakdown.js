import { h } from './dom.js';
import { formatCount, formatInteger, formatUsd } from './format.js';

/** @typedef {import('./types').ProviderUsage | import('./types').ModelUsage} Group */

/**
 * One table of the provider or model breakdown. The share bar is of spend when anything in the
 * range had a price, else of requests (a bar of unknowns would say nothing).
 * @param {HTMLTableSectionElement} body
 * @param {Group[]} groups
 * @param {(group: Group) => string} nameOf
 */
export function renderBreakdown(body, groups, nameOf) {
  const totalCost = groups.reduce((sum, group) => sum + (group.cost_usd ?? 0), 0);
  const totalRequests = groups.reduce((sum, group) => sum + group.requests, 0);
  const share = (/** @type {Group} */ group) =>
    totalCost > 0 ? (group.cost_usd ?? 0) / totalCost : group.requests / Math.max(1, totalRequests);
  body.replaceChildren(...groups.map((group) => groupRow(nameOf(group), group, share(group))));
}

/**
 * @param {string} name
 * @param {Group} group
 * @param {number} share
 */
function groupRow(name, group, share) {
  const prompt = group.input_tokens + group.cache_read_tokens + group.cache_write_tokens;
  const fill = h('span', { class: 'fill' });
  fill.style.width = `${Math.round(share * 1000) / 10}%`;
  const errors = group.errors > 0 ? [' ', h('span', { class: 'errors' }, [`${group.errors} failed`])] : [];
  return h('tr', { 'data-name': name }, [
    h('td', { class: 'name' }, [name]),
    h('td', { class: 'num' }, [formatInteger(group.requests), ...errors]),
    h('td', { class: 'num', title: tokenTitle(group) }, [
      `${formatCount(prompt)} · ${formatCount(group.output_tokens)}`,
    ]),
    h('td', { class: group.cost_usd === null ? 'num unknown' : 'num' }, [formatUsd(group.cost_usd)]),
    h('td', { class: 'share' }, [h('span', { class: 'bar' }, [fill])]),
  ]);
}

/** @param {Group} group */
function tokenTitle(group) {
  return [
    `input ${formatInteger(group.input_tokens)}`,
    `cache read ${formatInteger(group.cache_read_tokens)}`,
    `cache write ${formatInteger(group.cache_write_tokens)}`,
    `output ${formatInteger(group.output_tokens)}`,
  ].join(' · ');
}
