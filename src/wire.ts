/**
 * The names of the wire formats, owned by no layer: config (the catalog's `dialects`), formats
 * (one per wire format), the usage record (`clientDialect`) and the proxy all use them.
 */

/** Wire formats a provider speaks: OpenAI Chat Completions, or Anthropic Messages. */
export const DIALECTS = ['openai', 'anthropic'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** What a client speaks: a provider dialect, or OpenAI's Responses API (Codex). */
export type ClientDialect = Dialect | 'responses';
