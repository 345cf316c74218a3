import { ApiError, getJson } from './api.js';
import { renderBreakdown } from './breakdown.js';
import { createCharts } from './charts.js';
import { setApiState, setStreamState } from './connection.js';
import { byId, tableBody } from './dom.js';
import { followEvents } from './live.js';
import { createRefreshScheduler } from './refresh-scheduler.js';
import { createRequestsTable } from './requests.js';
import { renderTotals } from './totals.js';

/** @typedef {import('./types').UsageSummary} UsageSummary */

/** @type {Record<string, string>} */
const RANGES = { '24h': 'last 24 hours', '7d': 'last 7 days', '30d': 'last 30 days' };
const DEFAULT_RANGE = '7d';
const RETRY_MS = 3000;
/** Relative ranges slide with the clock: refresh now and then even when nothing happens. */
const TICK_MS = 30_000;

const main = /** @type {HTMLElement} */ (document.querySelector('main'));
const charts = createCharts(byId('spend-chart'), byId('tokens-chart'));
const requests = createRequestsTable(
  tableBody('requests'),
  /** @type {HTMLButtonElement} */ (byId('load-more')),
);
const scheduler = createRefreshScheduler(() => refreshSummary().then(() => setApiState('ok'), failed));
let range = rangeFromHash();
let summaryGeneration = 0;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let retryTimer;
let streamWasDown = false;

function rangeFromHash() {
  const wanted = location.hash.slice(1);
  return wanted in RANGES ? wanted : DEFAULT_RANGE;
}

async function refreshSummary() {
  const mine = ++summaryGeneration;
  /** @type {UsageSummary} */
  const summary = await getJson(`/api/summary?since=${encodeURIComponent(range)}`);
  if (mine === summaryGeneration) render(summary);
}

/** Everything the page shows, from scratch: at start, on a range change, after a reconnect. */
async function refreshAll() {
  clearTimeout(retryTimer);
  try {
    await Promise.all([refreshSummary(), requests.reload(range)]);
    setApiState('ok');
  } catch (error) {
    failed(error);
  }
}

/** @param {unknown} error */
function failed(error) {
  setApiState(error instanceof ApiError && error.status === 401 ? 'unauthorized' : 'down');
  clearTimeout(retryTimer);
  retryTimer = setTimeout(refreshAll, RETRY_MS);
}

/** @param {UsageSummary} summary */
function render(summary) {
  renderTotals(byId('totals'), summary.totals);
  charts.update(summary);
  renderBreakdown(tableBody('by-provider'), summary.by_provider, (group) =>
    'provider' in group ? group.provider : '',
  );
  renderBreakdown(tableBody('by-model'), summary.by_model, (group) => ('model' in group ? group.model : ''));
  main.dataset.empty = String(summary.totals.requests === 0 && requests.size === 0);
  byId('updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
  document.body.dataset.ready = 'true';
}

function showRange() {
  byId('range-label').textContent = RANGES[range] ?? range;
  byId('empty-range').textContent = `in the ${RANGES[range] ?? range}`;
  for (const button of byId('range').querySelectorAll('button')) {
    button.setAttribute('aria-pressed', String(button.dataset.range === range));
  }
}

/** @param {string} next */
function selectRange(next) {
  if (next === range || !(next in RANGES)) return;
  range = next;
  history.replaceState(null, '', `#${range}`);
  showRange();
  void refreshAll();
}

async function showGatewayHint() {
  /** @type {{gateway_url: string | null}} */
  const info = await getJson('/api/info').catch(() => ({ gateway_url: null }));
  const url = info.gateway_url ?? 'http://127.0.0.1:3001';
  byId('empty-snippet').textContent =
    `ANTHROPIC_BASE_URL=${url} claude\nOPENAI_BASE_URL=${url}/v1 your-openai-app`;
}

byId('range').addEventListener('click', (event) => {
  const button = event.target instanceof HTMLElement ? event.target.closest('button') : null;
  if (button?.dataset.range) selectRange(button.dataset.range);
});
addEventListener('hashchange', () => selectRange(rangeFromHash()));

followEvents({
  onRow(row) {
    requests.prepend(row);
    main.dataset.empty = 'false';
    scheduler.event();
  },
  onOpen() {
    setStreamState('open');
    // Back after a drop: whatever happened meanwhile is only in the database.
    if (streamWasDown) void refreshAll();
    streamWasDown = false;
  },
  onDown() {
    setStreamState('down');
    streamWasDown = true;
  },
});

showRange();
void showGatewayHint();
void refreshAll();
setInterval(() => void refreshSummary().catch(failed), TICK_MS);
