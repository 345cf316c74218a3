/**
 * Runs `refresh` soon after live events, but not for every one: the first event of a burst waits
 * `settleMs` (the gateway writes its records in batches a moment after they happen), refreshes are
 * at least `minIntervalMs` apart under steady traffic, and one more runs when an event arrived
 * too close to the start of the last refresh to be in what it read.
 * @param {() => Promise<void>} refresh
 * @param {{settleMs?: number, minIntervalMs?: number, now?: () => number}} [options]
 */
export function createRefreshScheduler(refresh, options = {}) {
  const settleMs = options.settleMs ?? 300;
  const minIntervalMs = options.minIntervalMs ?? 1000;
  const now = options.now ?? Date.now;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let lastEventAt = Number.NEGATIVE_INFINITY;
  let lastRefreshAt = Number.NEGATIVE_INFINITY;

  const schedule = () => {
    if (timer !== undefined) return;
    const wait = Math.max(settleMs, lastRefreshAt + minIntervalMs - now());
    timer = setTimeout(run, wait);
  };
  const run = async () => {
    const startedAt = now();
    lastRefreshAt = startedAt;
    try {
      await refresh();
    } finally {
      timer = undefined;
      if (lastEventAt > startedAt - settleMs) schedule();
    }
  };
  return {
    /** A live event arrived. */
    event() {
      lastEventAt = now();
      schedule();
    },
  };
}
