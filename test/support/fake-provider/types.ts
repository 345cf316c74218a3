/** Public types of the fake provider. Everything a test touches is declared here. */

export type ProviderName = 'openai' | 'anthropic' | 'xai' | 'openrouter' | 'zai';

/** The generation dialects plus the token counter; `models` and unknown paths are recorded too. */
export type Dialect = 'chat' | 'messages' | 'responses' | 'count_tokens';

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal';

/** How a recorded exchange ended, from the fake's point of view. */
export type Outcome =
  | 'pending'
  | 'completed' // the fake finished the response
  | 'aborted' // the client went away before the response finished
  | 'reset' // a `reset` fault destroyed the socket
  | 'closed'; // `fake.close()` ended it

export interface RecordedRequest {
  /** 1, 2, 3… in arrival order. */
  id: number;
  /** null when the first path segment names no provider. */
  provider: ProviderName | null;
  /** null for paths the provider does not serve. */
  dialect: Dialect | 'models' | null;
  method: string;
  /** Path without the query string, e.g. `/anthropic/v1/messages`. */
  path: string;
  /** Query string without the `?`, e.g. `beta=true` ('' when absent). */
  query: string;
  /** Lowercased names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when empty or malformed. */
  body: unknown;
  rawBody: string;
  /** True when the client closed before the response finished. */
  aborted: boolean;
  outcome: Outcome;
  /** HTTP status sent, or null when the socket was reset or hung before any response. */
  status: number | null;
  /** Every byte the fake wrote as the body, before any gzip. */
  responseText: string;
  /** Settles (never rejects) when the response is done, aborted, reset or closed. */
  finished: Promise<void>;
}

/** A queued misbehaviour. Fields combine: `{ chunkDelayMs: 5, truncate: { afterChunks: 3 } }`. */
export interface Fault {
  /** Answer this HTTP error in the provider's dialect instead of a completion. */
  status?: number;
  /** Extra response headers, e.g. `{ 'retry-after': '1' }` (with `status`). */
  headers?: Record<string, string>;
  /** Error body (object → JSON, string → verbatim); defaults to the dialect's error shape. */
  body?: unknown;
  /** Destroy the socket: before any byte, or after `afterChunks` SSE frames. */
  reset?: 'before-response' | 'mid-stream';
  /** Never answer, or stall after `afterChunks` frames, until the client aborts or the fake closes. */
  hang?: 'before-response' | 'mid-stream';
  /** Frame count for `reset: 'mid-stream'` and `hang: 'mid-stream'` (default 1). */
  afterChunks?: number;
  /** Send n frames, then end the response cleanly without the terminal frames. */
  truncate?: { afterChunks: number };
  /** After n frames, an in-stream error event in the dialect's shape, then the end. */
  midStreamError?: { afterChunks: number; type?: string; message?: string };
  /** After n frames, one `data: {not json` frame; the stream then carries on. */
  invalidJsonFrame?: { afterChunks: number };
  /** Pause between SSE frames. */
  chunkDelayMs?: number;
  /** Pause before the status line and headers. */
  firstByteDelayMs?: number;
  /** Write the body one byte per write, so frames (and UTF-8 characters) split everywhere. */
  splitFrames?: boolean;
  /** Alias of `splitFrames`. */
  writeBytewise?: boolean;
  /** Gzip this JSON response when the client accepts gzip. */
  compress?: boolean;
}

export interface ScriptedToolCall {
  /** Defaults to the request's n-th tool, else `get_weather`. */
  name?: string;
  /** Object (serialised compactly) or a raw JSON string. */
  arguments?: Record<string, unknown> | string;
  /** Explicit argument fragments; their concatenation wins over `arguments`. */
  fragments?: string[];
}

/** What the fake should answer. Markers in the user's text map onto the same fields. */
export interface Scenario {
  /** Answer text, streamed word by word unless `textDeltas` is given. */
  text?: string;
  textDeltas?: string[];
  /** Thinking / reasoning before the answer: true for a default text, or the text or its deltas. */
  thinking?: boolean | string | string[];
  /** Anthropic: a `redacted_thinking` block after the thinking (its `data` signed as thinking is). */
  redactedThinking?: boolean;
  /** `[tool]`: one call to the request's first tool. */
  tool?: boolean;
  /** `[parallel-tools]`: two calls. */
  parallelTools?: boolean;
  toolCalls?: ScriptedToolCall[];
  /** `[long N]`: N text deltas. */
  long?: number;
  /** `[cache]`: input 25, cache read 1200, cache write 300 (or the given numbers). */
  cache?: boolean | { read: number; write: number; input?: number };
  /** `[error]` / `[error 429]`: answer this API error instead (status, or status with headers/body). */
  error?: number | Pick<Fault, 'status' | 'headers' | 'body'>;
  stopReason?: StopReason;
  /** Model id echoed back (default: the request's model). */
  model?: string;
  /** Override computed token counts. */
  usage?: { inputTokens?: number; outputTokens?: number };
  /**
   * The answer runs a web search: Responses on OpenAI (a `web_search_call` item, then text citing
   * one of its sources) whenever the request carries a `web_search` tool; Messages on Anthropic (a
   * `server_tool_use`, a `web_search_tool_result`, then text citing one page) whenever it carries a
   * `web_search_*` tool; Responses on xAI and OpenRouter in their own shapes (xAI's `web_search_call`,
   * OpenRouter's `openrouter:web_search` item) whenever their search tool is sent — those ignore
   * `false`. `false` answers without searching.
   */
  webSearch?: boolean;
  /**
   * Messages `message_delta.usage`: `full` (input, cache and output, as the API sends since 2025)
   * or `output-only` (the older `{output_tokens}` only).
   */
  messageDeltaUsage?: 'full' | 'output-only';
}

export interface QueueOptions {
  /** Only requests to this provider. */
  provider?: ProviderName;
  /**
   * Only requests of this dialect. Without it, a queued item matches chat, messages and responses
   * requests, never count_tokens or models (so Claude Code's side calls do not eat it).
   */
  dialect?: Dialect;
  /** How many matching requests it applies to (default 1; Infinity for all). */
  count?: number;
}

export interface StartOptions {
  /** API keys the fake accepts; defaults to FAKE_KEYS. */
  keys?: Partial<Record<ProviderName, string>>;
  /** Gzip every JSON response when the request accepts gzip. */
  compress?: boolean;
  /** Milliseconds for the prompt cache's lifetimes (default `Date.now`); tests of expiry move it. */
  clock?: () => number;
}

export interface FakeProvider {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** What the gateway should use as the provider's baseUrl. */
  baseUrl(provider: ProviderName): string;
  /** Every request, in arrival order (recorded once its body has been read). */
  readonly requests: readonly RecordedRequest[];
  lastRequest(): RecordedRequest | undefined;
  /** Resolves once at least `count` requests have been recorded (event-driven, no timers). */
  waitForRequests(count: number): Promise<readonly RecordedRequest[]>;
  inject(fault: Fault, options?: QueueOptions): void;
  script(scenario: Scenario, options?: QueueOptions): void;
  /** Clear recorded requests, both queues and the prompt cache. */
  reset(): void;
  /** Open sockets, including idle keep-alive ones. */
  openConnections(): number;
  /** Requests whose response has not finished yet. */
  activeRequests(): number;
  /** Destroys open sockets, stops every timer and closes the server. */
  close(): Promise<void>;
}
