import { type SseEvent, SseParser } from '../../src/formats/sse.js';

/** The events of a whole SSE text, parsed by the gateway's own parser. */
export function sseEventsOf(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = new SseParser((event) => events.push(event));
  parser.push(text);
  parser.end();
  return events;
}
