import type { Dialect } from '../config/catalog-schema.js';
import type { MessagesModelRules } from '../formats/translation.js';

/** The upstream endpoints ekai calls, by what they do. */
export type Endpoint = 'chat' | 'messages' | 'count_tokens' | 'responses';

/**
 * What differs between providers on the wire, kept per provider (quirks live in the provider's own
 * file, never as `if (provider === …)` in the proxy).
 */
export interface ProviderAdapter {
  /** Headers carrying the provider key for a request in `dialect`. */
  auth(apiKey: string, dialect: Dialect): Record<string, string>;
  /** Fixed extra headers (OpenRouter's attribution). */
  extraHeaders?: Record<string, string>;
  /** Serves OpenAI's Responses API natively (`/v1/responses`), so Responses clients need no translation. */
  speaksResponses?: boolean;
  /** Models that take `max_completion_tokens` instead of `max_tokens` (OpenAI's reasoning models). */
  reasoningModel?(upstreamModel: string): boolean;
  /** What a Messages model refuses, for requests translated into Messages (Anthropic's Claude models). */
  messagesModel?(upstreamModel: string): MessagesModelRules;
}

export const ENDPOINT_PATHS: Record<Endpoint, string> = {
  chat: '/v1/chat/completions',
  messages: '/v1/messages',
  count_tokens: '/v1/messages/count_tokens',
  responses: '/v1/responses',
};

export const bearer = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` });
export const xApiKey = (apiKey: string) => ({ 'x-api-key': apiKey });

/** Providers not known to ekai (added in a user catalog) authenticate the way their dialect does. */
export const DEFAULT_ADAPTER: ProviderAdapter = {
  auth: (apiKey, dialect) => (dialect === 'anthropic' ? xApiKey(apiKey) : bearer(apiKey)),
};
