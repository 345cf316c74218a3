import { useSyncExternalStore } from 'react';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import type { LiveStore } from './live-store.js';
import { LiveView } from './live-view.js';
import type { LiveInfo } from './types.js';

/** LiveView fed by the store, at the terminal's width. */
export function LiveApp({ info, store }: { info: LiveInfo; store: LiveStore }) {
  const { columns } = useTerminalSize();
  const { page, events, totals, setAside } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return (
    <LiveView info={info} events={events} totals={totals} columns={columns} page={page} setAside={setAside} />
  );
}
