import type { SseEvent } from './sse.js';
import type { TokenUsage } from './usage.js';

/** Reads what the gateway needs off a passing stream, without changing it. */
export interface StreamTap {
  onEvent(event: SseEvent): void;
  /** The usage reported so far, merged by the wire format's usage merger (per field, the larger count). */
  readonly usage: TokenUsage | undefined;
  /** An error the upstream reported inside the stream. */
  readonly error: string | undefined;
  /** The stream's proper end was seen ([DONE], message_stop). */
  readonly complete: boolean;
}

/** The `error.message` of an error frame, or a stand-in when the frame is not the expected shape. */
export function errorMessageOf(payload: unknown): string {
  const error = (payload as { error?: { message?: unknown } } | undefined)?.error;
  return typeof error?.message === 'string' ? error.message : 'upstream sent an error event';
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
