/**
 * The names of the wire formats, owned by no layer: config (the catalog's `formats`), formats
 * (one per wire format), the usage record (`clientDialect`), the provider profiles and the proxy
 * all use them.
 */

/** Every wire format: OpenAI Chat Completions, Anthropic Messages, OpenAI Responses (Codex). */
export const WIRE_FORMATS = ['chat', 'messages', 'responses'] as const;
export type WireFormat = (typeof WIRE_FORMATS)[number];

/**
 * The wire formats a catalog says a provider serves over its own APIs: Chat Completions, Messages,
 * and Responses (OpenAI's current models take tools with reasoning only there).
 */
export const PROVIDER_FORMATS = ['chat', 'messages', 'responses'] as const;
export type ProviderFormat = (typeof PROVIDER_FORMATS)[number];

/**
 * The names older catalogs and usage records gave the provider formats (`dialects: [openai,
 * anthropic]` in a catalog, openai or anthropic in a record's `client_dialect`): still read, as the
 * format they named.
 */
export const LEGACY_FORMAT_NAMES: Readonly<Record<string, ProviderFormat>> = {
  openai: 'chat',
  anthropic: 'messages',
};

/** A stored or configured format name in today's vocabulary (an old name mapped, anything else as is). */
export function currentFormatName(name: string): string {
  return Object.hasOwn(LEGACY_FORMAT_NAMES, name) ? (LEGACY_FORMAT_NAMES[name] as string) : name;
}
