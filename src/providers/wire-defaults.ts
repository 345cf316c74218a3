import {
  type AuthScheme,
  EVERY_MODEL,
  type HeaderRules,
  type ProviderProfile,
  type RequestRule,
  type WireFormat,
} from './profile.js';

/**
 * What most providers share, named so each profile says explicitly which of it applies: the key
 * where each wire format's own API reads it, the headers each wire format needs, and OpenAI's
 * documented Chat limits, which every Chat upstream gets (OpenAI-compatible APIs copy them).
 */

/** Anthropic's `x-api-key` on Messages, a Bearer token on OpenAI's formats. */
export const AUTH_BY_FORMAT: Readonly<Record<WireFormat, AuthScheme>> = {
  chat: 'bearer',
  messages: 'x-api-key',
  responses: 'bearer',
};

export const BEARER_ONLY: Readonly<Record<WireFormat, AuthScheme>> = {
  chat: 'bearer',
  messages: 'bearer',
  responses: 'bearer',
};

/**
 * Messages requires `anthropic-version` (clients that omit it get the stable one); OpenAI's formats
 * do not get the client's `anthropic-*` headers.
 * @see https://docs.anthropic.com/en/api/versioning
 */
export const WIRE_HEADERS: Readonly<Record<WireFormat, HeaderRules>> = {
  chat: { refused: ['anthropic-'] },
  messages: { defaults: { 'anthropic-version': '2023-06-01' } },
  responses: { refused: ['anthropic-'] },
};

/** WIRE_HEADERS plus headers the provider always gets, whatever the format. */
export function wireHeadersWith(set: Readonly<Record<string, string>>): Record<WireFormat, HeaderRules> {
  const entries = Object.entries(WIRE_HEADERS).map(([format, rules]) => [format, { ...rules, set }]);
  return Object.fromEntries(entries) as Record<WireFormat, HeaderRules>;
}

/** A profile with WIRE_HEADERS and no natively served format unless it says otherwise. */
export function profile(
  own: Pick<ProviderProfile, 'name' | 'auth' | 'rules'> & Partial<ProviderProfile>,
): ProviderProfile {
  return { headers: WIRE_HEADERS, serves: [], ...own };
}

/** OpenAI's limits on Chat Completions, applied to every Chat upstream. */
export const OPENAI_CHAT_LIMITS: readonly RequestRule[] = [
  {
    id: 'chat-stop-at-most-4',
    kind: 'max-items',
    format: 'chat',
    models: EVERY_MODEL,
    param: 'stop',
    max: 4,
    note: '{param} beyond the first 4 dropped',
    see: 'https://platform.openai.com/docs/api-reference/chat/create#chat-create-stop',
  },
  {
    // Claude Code sends a ~150-character JSON blob as metadata.user_id.
    id: 'chat-user-at-most-64',
    kind: 'hash-longer',
    format: 'chat',
    models: EVERY_MODEL,
    param: 'user',
    max: 64,
    note: '{param} longer than 64 characters sent as its SHA-256',
    see: 'https://platform.openai.com/docs/api-reference/chat/create#chat-create-user',
  },
];

/** OpenAI's limits on Responses, as on Chat: Claude Code's user id goes to Responses as `user` too. */
export const OPENAI_RESPONSES_LIMITS: readonly RequestRule[] = [
  {
    id: 'responses-user-at-most-64',
    kind: 'hash-longer',
    format: 'responses',
    models: EVERY_MODEL,
    param: 'user',
    max: 64,
    note: '{param} longer than 64 characters sent as its SHA-256',
    see: 'https://platform.openai.com/docs/api-reference/responses/create#responses-create-user',
  },
];

/**
 * OpenAI's Chat limits on another provider's Chat API: applied to the bodies ekai translates (it
 * cannot know that provider's limits), not to a client that speaks the API itself.
 */
export const OPENAI_CHAT_LIMITS_WHEN_TRANSLATED: readonly RequestRule[] = OPENAI_CHAT_LIMITS.map((rule) => ({
  ...rule,
  translatedOnly: true,
}));

/** Where each wire format carries a reasoning effort. */
export const EFFORT_PARAM: Readonly<Record<WireFormat, string>> = {
  chat: 'reasoning_effort',
  responses: 'reasoning.effort',
  messages: 'output_config.effort',
};

/** The same rule in several formats (ids shared: one rule, written once per body shape). */
export function inFormats(
  formats: readonly WireFormat[],
  row: (format: WireFormat) => RequestRule,
): RequestRule[] {
  return formats.map(row);
}
