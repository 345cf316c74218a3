import type { ErrorDetails } from './errors.js';
import type { ClientToolMap } from './openai-responses/client-tools.js';
import type { SseEvent } from './sse.js';

/**
 * The contract every wire-format converter follows (STYLE.md: pure converters). A converter takes a
 * typed body and returns a typed body plus warnings for what it dropped; it throws
 * UnsupportedRequestError only when the request cannot be served at all. No I/O.
 */

/**
 * What a request converter may know beyond the body itself. What a provider or model refuses is
 * not here: provider rules (src/providers) are applied to the converter's output afterwards.
 */
export interface TranslationContext {
  /** The model id sent upstream (the body's `model` is replaced with it). */
  upstreamModel: string;
  /**
   * The provider that will answer (the gateway's name for it): reasoning it made itself, which a
   * client carried back (carried-reasoning.ts), is given back to it and no one else.
   */
  provider?: string | undefined;
  /** The offer's max output tokens, for defaulting and clamping `max_tokens`; undefined when unknown. */
  maxOutput?: number | undefined;
  /**
   * Lifetime of the prompt-cache breakpoints ekai adds for a Messages upstream (Anthropic's two:
   * `5m`, the default, or `1h`, whose writes cost 2× input instead of 1.25×). Read from the config's
   * `cache.ttl` (under the provider, else top level).
   * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#1-hour-cache-duration
   */
  cacheTtl?: '5m' | '1h' | undefined;
  /**
   * The client's session, when its headers name one (Claude Code's `x-claude-code-session-id`):
   * converters turn it into the upstream's cache-routing key (OpenAI's `prompt_cache_key`), so a
   * translated session keeps hitting one prompt cache. The proxy reads it; converters see no headers.
   */
  session?: string | undefined;
}

/**
 * Thinking the client asked for, before it has the upstream format's form: the provider's profile
 * renders it after translation (Messages: a token budget or adaptive thinking steered by effort;
 * Chat: `reasoning_effort` or OpenRouter's `reasoning`; Responses: `reasoning.effort`), clamped to
 * what the model accepts. `none`: the client turned thinking off (the lowest the model accepts).
 */
export interface ThinkingIntent {
  effort: ThinkingEffort;
}

/** Efforts in increasing order (`max`: Claude's, above xhigh). */
export const THINKING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'] as const;
export type ThinkingEffort = (typeof THINKING_EFFORTS)[number];

/**
 * Where notes on one upstream parameter belong: provider rules run after the converter, and their
 * notes go where the converter wrote that parameter, so warnings keep the request's order.
 */
export interface ParameterNotes {
  /** Index in `warnings` at which the converter wrote the parameter. */
  at: number;
  /** The client's name for it, when the client's wire format names it otherwise (`stop_sequences` for `stop`). */
  name?: string;
}

/**
 * Tool names the request converter had to change (Chat limits names to 64 characters), so the
 * response side can give the client back the names it sent: upstream name → client name.
 */
export type ToolNameMap = ReadonlyMap<string, string>;

export interface RequestTranslation<Body> {
  body: Body;
  /** Human-readable notes on what was dropped or changed (logged and counted in the usage record). */
  warnings: string[];
  toolNames: ToolNameMap;
  /** Upstream parameters → where provider rules put their notes (absent: at the end, by their own name). */
  parameters?: Readonly<Record<string, ParameterNotes>>;
  /** Thinking asked for, for the provider's thinking style to render (Messages upstreams only). */
  thinking?: ThinkingIntent;
}

/** What the response side needs to know about the request it answers. */
export interface ResponseContext {
  /** The model name to report to the client (the upstream model that answers). */
  model: string;
  /** The provider that answers: provider-native pieces of the answer are tagged with it and `model`. */
  provider?: string;
  toolNames: ToolNameMap;
  /** Chat clients only: whether to send the usage chunk (the client asked with include_usage). */
  includeUsage?: boolean;
  /**
   * Chat clients on a Messages provider: the tool the request forced to emulate
   * `response_format: json_schema`. Its input is the answer's text, not a tool call.
   */
  jsonTool?: string;
  /**
   * Responses clients: the tools the request declared as custom (free-form input) tools, such as
   * Codex's `apply_patch`. They went upstream as function tools taking `{"input": string}`; calls
   * to them are answered as `custom_tool_call` items carrying that string.
   */
  customTools?: readonly string[];
  /**
   * Responses clients: Codex's own tools the request sent under names of ekai's (a namespace's
   * tools, the client tool search, local shell), by those names; calls to them go back as the items
   * the client expects (client-tools.ts).
   */
  clientTools?: ClientToolMap;
  /**
   * Responses clients: the request was a compaction turn (Codex's `compaction_trigger`), answered
   * with exactly one `compaction` item carrying the summary (openai-responses/compaction.ts).
   */
  compaction?: boolean;
}

/**
 * Translates one upstream SSE stream into the client's wire format, event by event: state lives in
 * the instance, one instance per response. `push` returns the SSE text to write now (may be '');
 * `finish` is called once when the upstream stream ended (properly or not) and returns the text
 * that closes the client's stream properly (open blocks, stop reason, usage, end marker).
 */
export interface StreamTranslator {
  push(event: SseEvent): string;
  finish(): string;
  /**
   * The upstream failed mid-stream: the frames that end the client's stream with an error, in
   * continuity with what was sent (Responses needs its response id and sequence numbers). Without
   * it, the format's generic in-stream error is used.
   */
  fail?(error: ErrorDetails): string;
}

/** A request that cannot be expressed in the provider's wire format (e.g. Chat `n > 1` to Messages): 400. */
export class UnsupportedRequestError extends Error {
  override readonly name = 'UnsupportedRequestError';
  readonly status = 400;
  readonly code = 'unsupported_request';
  constructor(
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}
