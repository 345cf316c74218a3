/** What the three dialect writers share: their input, their output and the stop-reason mapping. */
import type { IdSource } from './ids.js';
import type { JsonObject, Plan } from './scenarios.js';
import type { Frame } from './sse.js';
import type { StopReason } from './types.js';

export interface RenderContext {
  plan: Plan;
  body: JsonObject;
  ids: IdSource;
  /** Unix seconds, real time. */
  created: number;
}

export type Rendered = { kind: 'json'; body: unknown } | { kind: 'sse'; frames: Frame[] };

export interface DialectWriter {
  render(context: RenderContext): Rendered;
  /** The in-stream error the provider sends after `sent` frames. */
  midStreamError(fault: { type?: string; message?: string }, sent: number): Frame;
  /** A frame whose data is not JSON, shaped like the dialect's usual frames. */
  invalidFrame(): Frame;
}

/** @see https://platform.openai.com/docs/api-reference/chat/object (finish_reason) */
export function chatFinishReason(stop: StopReason): string {
  switch (stop) {
    case 'max_tokens':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}

export function isStreaming(body: JsonObject): boolean {
  return body.stream === true;
}
