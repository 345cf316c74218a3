import type { ErrorDetails, ErrorKind } from './errors.js';
import type { TokenUsage } from './usage.js';

/**
 * Why the model stopped, in no wire format's words (STYLE.md: the AI SDK's neutral finish reasons).
 * `other` keeps the provider's own value in `raw`, for writers that can pass it on.
 */
export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'other';

/**
 * One piece of an answer as it streams, in no wire format: a stream reader (one per upstream wire
 * format) turns the provider's events into parts, a stream writer (one per client wire format)
 * turns parts into the client's events. A translation is `reader → writer`; adding a wire format
 * means one reader and one writer, never a new pair.
 *
 * Order: `start` first; content parts (`text`, `reasoning`, tool calls, server tool calls and their
 * results, citations of the text so far) with at most one tool call open at a time per `index`; then `finish`, `usage` (possibly several times, each cumulative and
 * merged by the reader), and `end` once the answer is complete, or `error` instead. Readers never
 * emit empty text.
 */
export type StreamPart =
  /** The answer began; `id` is the upstream's message or completion id, if it gave one. */
  | { type: 'start'; id: unknown }
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  /**
   * A provider-native piece of reasoning the neutral form cannot interpret (a thinking block's
   * signature, redacted thinking): opaque, tagged with the wire format, provider and model that
   * made it, to be written back byte for byte only to the same provider and model (current Claude
   * models bind thinking to the model and the exact prefix). Writers of other formats skip it.
   */
  | {
      type: 'reasoning-opaque';
      format: 'messages';
      provider: string | undefined;
      model: string;
      kind: 'signature' | 'redacted';
      value: string;
    }
  /** A tool call opens; `index` names it until `tool-call-end` (upstream ids and names as given). */
  | { type: 'tool-call-start'; index: number; id: unknown; name: unknown }
  /** A fragment of the open call's arguments JSON. */
  | { type: 'tool-input'; index: number; json: string }
  | { type: 'tool-call-end'; index: number }
  /**
   * A search the provider ran itself (a hosted / server tool, not the client's): its input whole,
   * since providers give the query only once the search is done. Not a tool call of the client's:
   * it never makes the finish `tool-calls`. Writers without a form for it skip it.
   */
  | { type: 'server-tool-call'; id: unknown; name: 'web_search'; input: { query: string } }
  /** What that search found, in order (`title` where the provider gave one). */
  | { type: 'server-tool-result'; callId: unknown; name: 'web_search'; results: SearchResult[] }
  /**
   * The text streamed so far cites a page: `citedText` is the cited span, `start` / `end` its
   * offsets in the answer's whole text (every text part so far, joined), as the provider counts.
   */
  | {
      type: 'citation';
      url: string;
      title: string | undefined;
      citedText: string;
      start: number;
      end: number;
    }
  /** The model finished (`raw`: the upstream's own value); no content follows. */
  | { type: 'finish'; reason: FinishReason | undefined; raw: string | undefined }
  /** The usage so far, merged by the reader's format rule (never smaller than an earlier one). */
  | { type: 'usage'; usage: TokenUsage }
  /** The answer is complete: writers close what is open and end the client's stream properly. */
  | { type: 'end' }
  /** The upstream reported an error inside the stream; nothing follows. */
  | { type: 'error'; kind: ErrorKind; message: string; code: string | undefined };

/** A page a provider's search returned. */
export interface SearchResult {
  url: string;
  title: string | undefined;
}

/** Where a reader sends its parts. */
export type PartSink = (part: StreamPart) => void;

/** Writes one client wire format's stream from parts; `write` returns the SSE text to send now. */
export interface StreamWriter {
  write(part: StreamPart): string;
  /**
   * The gateway ends the stream with an error of its own (the upstream failed mid-stream), in
   * continuity with what was sent. Writers without it get the format's generic error frames.
   */
  fail?(error: ErrorDetails): string;
}
