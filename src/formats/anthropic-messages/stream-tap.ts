import type { SseEvent } from '../sse.js';
import { errorMessageOf, parseJson, type StreamTap } from '../stream-tap.js';
import type { TokenUsage } from '../usage.js';
import { mergeMessagesUsage, messagesUsageToTokens } from './usage.js';
import type { MessagesUsage } from './wire.js';

/**
 * Messages stream: usage in `message_start` (input and cache) and `message_delta` (cumulative
 * output), merged by `mergeMessagesUsage` as the translators merge it, so that what is recorded is
 * what a translated client is told; errors as `event: error`, the end as `message_stop`. Other
 * events pass unparsed.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
export class MessagesStreamTap implements StreamTap {
  error: string | undefined;
  complete = false;
  private rawUsage: Partial<MessagesUsage> | undefined;

  get usage(): TokenUsage | undefined {
    return messagesUsageToTokens(this.rawUsage);
  }

  onEvent(event: SseEvent): void {
    switch (event.event) {
      case 'message_start': {
        const payload = parseJson(event.data) as { message?: { usage?: unknown } } | undefined;
        this.rawUsage = mergeMessagesUsage(this.rawUsage, payload?.message?.usage);
        return;
      }
      case 'message_delta': {
        const payload = parseJson(event.data) as { usage?: unknown } | undefined;
        this.rawUsage = mergeMessagesUsage(this.rawUsage, payload?.usage);
        return;
      }
      case 'message_stop':
        this.complete = true;
        return;
      case 'error':
        this.error = errorMessageOf(parseJson(event.data));
        return;
    }
  }
}
