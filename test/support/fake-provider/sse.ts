/** SSE frames as the writers produce them, and a small parser for tests that read streams back. */

export interface Frame {
  /** The exact bytes of the frame, blank line included. */
  text: string;
  /** Comment frames (`: OPENROUTER PROCESSING`) do not count towards `afterChunks`. */
  comment?: boolean;
  /** Finish / usage / [DONE] / message_delta / message_stop / response.completed: dropped by `truncate`. */
  terminal?: boolean;
}

/** Chat Completions style: `data:` only. */
export function dataFrame(payload: unknown, terminal = false): Frame {
  return { text: `data: ${JSON.stringify(payload)}\n\n`, terminal };
}

/** Messages and Responses style: every event has both `event:` and `data:` lines. */
export function eventFrame(event: string, payload: unknown, terminal = false): Frame {
  return { text: `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`, terminal };
}

/** Pre-serialised data, for payloads whose exact spelling matters (Anthropic's `{"type": "ping"}`). */
export function rawEventFrame(event: string, data: string, terminal = false): Frame {
  return { text: `event: ${event}\ndata: ${data}\n\n`, terminal };
}

export function commentFrame(comment: string): Frame {
  return { text: `: ${comment}\n\n`, comment: true };
}

export const DONE_FRAME: Frame = { text: 'data: [DONE]\n\n', terminal: true };

export interface ParsedEvent {
  event: string | null;
  data: string;
  /** JSON.parse(data), or undefined for `[DONE]` and malformed data. */
  json: unknown;
}

/**
 * Parses a complete SSE body per the WHATWG rules that matter here: CRLF/LF, comments, multi-line
 * data joined with '\n', events dispatched on blank lines, frames without data dropped.
 */
export function parseSse(body: string): ParsedEvent[] {
  const events: ParsedEvent[] = [];
  let event: string | null = null;
  let data: string[] = [];
  for (const line of body.split(/\r\n|\r|\n/)) {
    if (line === '') {
      if (data.length > 0) events.push(toEvent(event, data.join('\n')));
      event = null;
      data = [];
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return events;
}

function toEvent(event: string | null, data: string): ParsedEvent {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    json = undefined;
  }
  return { event, data, json };
}
