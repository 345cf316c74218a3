import type { SseEvent } from '../sse.js';
import { errorMessageOf, parseJson, type StreamTap } from '../stream-tap.js';
import type { TokenUsage } from '../usage.js';
import { chatUsageToTokens, mergeChatUsage } from './usage.js';
import type { ChatUsage } from './wire.js';

// Only frames that may carry usage or an error are parsed: most chunks are small deltas.
const MAY_CARRY_USAGE = /"usage"\s*:\s*\{/;
const MAY_CARRY_ERROR = /"error"\s*:/;

/**
 * Chat Completions stream: usage arrives in a chunk of its own after the finish chunk (with
 * `stream_options.include_usage`), or on the last chunk (OpenRouter, some others); errors as a data
 * chunk holding `error`; the end as `data: [DONE]`. Several usage reports are merged by
 * `mergeChatUsage`, as the translators from Chat merge them.
 */
export class ChatStreamTap implements StreamTap {
  error: string | undefined;
  complete = false;
  private rawUsage: ChatUsage | undefined;

  get usage(): TokenUsage | undefined {
    return chatUsageToTokens(this.rawUsage);
  }

  onEvent(event: SseEvent): void {
    const data = event.data;
    if (data === '[DONE]') {
      this.complete = true;
      return;
    }
    const usage = MAY_CARRY_USAGE.test(data);
    const error = MAY_CARRY_ERROR.test(data);
    if (!usage && !error) return;
    const chunk = parseJson(data) as { usage?: unknown; error?: unknown } | undefined;
    if (chunk?.error) this.error = errorMessageOf(chunk);
    this.rawUsage = mergeChatUsage(this.rawUsage, chunk?.usage);
  }
}

/** The chunk ekai asked for with include_usage (no choices, only usage), to drop when the client did not. */
export function isUsageOnlyChunk(frame: string): boolean {
  return MAY_CARRY_USAGE.test(frame) && /"choices"\s*:\s*\[\s*\]/.test(frame);
}
