/**
 * Follows `/api/events`. The browser reconnects by itself after a dropped stream (the server asks
 * for a 1 s retry); when it gives up for good (an error status, such as 401 or a proxy's 502) this
 * reconnects with a growing delay instead.
 * @param {{
 *   onRow: (row: import('./types').RequestRow) => void,
 *   onOpen: () => void,
 *   onDown: () => void,
 * }} handlers
 */
export function followEvents(handlers) {
  let delay = 1000;
  const open = () => {
    const source = new EventSource('/api/events');
    source.addEventListener('open', () => {
      delay = 1000;
      handlers.onOpen();
    });
    source.addEventListener('request', (event) => handlers.onRow(JSON.parse(event.data)));
    source.addEventListener('error', () => {
      handlers.onDown();
      if (source.readyState !== EventSource.CLOSED) return;
      setTimeout(open, delay);
      delay = Math.min(delay * 2, 15_000);
    });
  };
  open();
}
