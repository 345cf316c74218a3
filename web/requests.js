import { getJson } from './api.js';
import { requestRow } from './request-row.js';

/**
 * @typedef {import('./types').RequestRow} RequestRow
 * @typedef {import('./types').RequestsPage} RequestsPage
 */

const PAGE_SIZE = 50;
/** Live rows push older ones out past this; "Load older requests" brings them back. */
const MAX_ROWS = 200;

/**
 * The recent-requests table: a first page from `/api/requests`, live rows on top, older pages on
 * demand. Rows are keyed by request id, so a row seen live and again in a page shows once. Each
 * row remembers the load (generation) it belongs to, so a reload swaps the old rows out only once
 * the new page has arrived, keeping live rows that came in meanwhile.
 * @param {HTMLTableSectionElement} body
 * @param {HTMLButtonElement} moreButton
 */
export function createRequestsTable(body, moreButton) {
  let range = '7d';
  /** @type {string | null} */
  let nextBefore = null;
  let generation = 0;

  const has = (/** @type {string} */ id) => body.querySelector(`tr[data-id="${CSS.escape(id)}"]`) !== null;
  const setCursor = (/** @type {string | null} */ cursor) => {
    nextBefore = cursor;
    moreButton.hidden = cursor === null;
  };
  const rowOf = (/** @type {RequestRow} */ row) => {
    const element = requestRow(row);
    element.dataset.generation = String(generation);
    return element;
  };
  /** @param {string | null} before @returns {Promise<RequestsPage>} */
  const fetchPage = (before) => {
    const query = new URLSearchParams({ since: range, limit: String(PAGE_SIZE) });
    if (before) query.set('before', before);
    return getJson(`/api/requests?${query}`);
  };

  const loadOlder = async () => {
    const mine = generation;
    const page = await fetchPage(nextBefore);
    if (mine !== generation) return;
    body.append(...page.requests.filter((row) => !has(row.id)).map(rowOf));
    setCursor(page.next_before);
  };
  moreButton.addEventListener('click', () => void loadOlder().catch(() => {}));

  return {
    /**
     * Show the newest page of `newRange` (also after a reconnect, to pick up what was missed).
     * @param {string} newRange
     */
    async reload(newRange) {
      range = newRange;
      generation += 1;
      const mine = generation;
      const page = await fetchPage(null);
      if (mine !== generation) return; // a newer reload is on its way
      const ids = new Set(page.requests.map((row) => row.id));
      for (const row of [...body.rows]) {
        if (row.dataset.generation !== String(mine) || ids.has(row.dataset.id ?? '')) row.remove();
      }
      body.append(...page.requests.map(rowOf));
      setCursor(page.next_before);
    },

    /** @param {RequestRow} row */
    prepend(row) {
      if (has(row.id)) return;
      const element = rowOf(row);
      element.classList.add('fresh');
      body.prepend(element);
      if (body.rows.length <= MAX_ROWS) return;
      while (body.rows.length > MAX_ROWS) body.lastElementChild?.remove();
      // Just after the oldest kept row: rows of that same millisecond come back too (and show once).
      const oldest = Date.parse(body.lastElementChild?.getAttribute('data-ts') ?? '');
      setCursor(Number.isNaN(oldest) ? null : new Date(oldest + 1).toISOString());
    },

    get size() {
      return body.rows.length;
    },
  };
}
