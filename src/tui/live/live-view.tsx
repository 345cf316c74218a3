import { Box, Static } from 'ink';
import type { UsageTotals } from '../../storage/summary.js';
import type { UsageEvent } from '../../usage/event.js';
import { RequestHeader, RequestLine, requestLayout } from '../components/request-line.js';
import { eventLine } from './event-line.js';
import { LiveFooter } from './live-footer.js';
import { LiveHeader } from './live-header.js';
import type { LiveInfo } from './types.js';

export interface LiveViewProps {
  info: LiveInfo;
  /** Finished requests of the current log page, oldest first; only ever appended to within a page. */
  events: readonly UsageEvent[];
  totals: UsageTotals;
  columns: number;
  /**
   * The log is kept in pages so that a gateway left running does not hold every request in memory:
   * a new page starts an empty `events`. Page 0 opens with the header.
   */
  page?: number;
  /** Usage records the database refused (kept in its dead-letter table). */
  setAside?: number;
}

type LogItem = { kind: 'header'; id: string } | { kind: 'request'; id: string; event: UsageEvent };

/**
 * The live view of `ekai serve`: a header and one line per finished request, printed once each with
 * `<Static>` (terminal scrollback keeps them), above a footer of running totals redrawn in place.
 */
export function LiveView({ info, events, totals, columns, page = 0, setAside = 0 }: LiveViewProps) {
  const layout = requestLayout(columns);
  const requests: LogItem[] = events.map((event) => ({ kind: 'request', id: event.id, event }));
  const items: LogItem[] = page === 0 ? [{ kind: 'header', id: 'header' }, ...requests] : requests;
  return (
    <Box flexDirection="column" width={columns}>
      {/* A new page is a new <Static>: it prints its items from the first, while the old one's stay on screen. */}
      <Static key={page} items={items}>
        {(item) =>
          item.kind === 'header' ? (
            <Box key={item.id} flexDirection="column">
              <LiveHeader info={info} />
              <RequestHeader layout={layout} />
            </Box>
          ) : (
            <RequestLine key={item.id} line={eventLine(item.event)} layout={layout} />
          )
        }
      </Static>
      <LiveFooter totals={totals} proxyUrl={info.urls.proxy} columns={columns} setAside={setAside} />
    </Box>
  );
}
