import { createHash } from 'node:crypto';
import type { TranslationContext } from '../translation.js';

/**
 * The target as the proxy passes it (`RequestTarget` of src/providers/rules/apply.ts): its profile
 * names the provider. formats/ may not import providers/, so the name is read structurally.
 */
export type ChatTarget = TranslationContext & { profile?: { name: string } };

/**
 * What a Messages → Chat conversion must know of the Chat provider it writes for, as data. These
 * are features of the provider's Chat API (not model rules, which are provider-profile rows applied
 * afterwards): whether a Messages feature has a form there at all.
 */
export interface ChatProviderTraits {
  /** How the provider names itself in notes and refusals. */
  label: string;
  /**
   * Upstream models that take Anthropic's `cache_control` on text content parts (and at the top
   * level): OpenRouter's Claude models, which it forwards to Anthropic with the breakpoints.
   * @see https://openrouter.ai/docs/features/prompt-caching
   */
  cacheControlModels?: RegExp;
  /** Why `cache_control` is not sent (the note); "caches automatically" only where that is true. */
  cacheControlDropped: string;
  /**
   * Takes `prompt_cache_key` in a Chat body: requests with one key go to one cache.
   * @see https://platform.openai.com/docs/guides/prompt-caching
   */
  promptCacheKey?: boolean;
  /**
   * Fetches a PDF given by URL (a `file` part whose `file_data` is the URL).
   * @see https://openrouter.ai/docs/guides/overview/multimodal/pdfs
   */
  fetchesDocumentUrls?: boolean;
  /** Why its Chat API has no equivalent of Anthropic's server tools (part of the 400). */
  noServerTools: string;
}

const TRAITS: Readonly<Record<string, ChatProviderTraits>> = {
  openai: {
    label: 'OpenAI',
    cacheControlDropped: 'OpenAI caches prompts automatically',
    promptCacheKey: true,
    noServerTools: 'its Chat Completions API runs no server tools (its web search runs on the Responses API)',
  },
  xai: {
    label: 'xAI',
    // @see https://docs.x.ai/developers/advanced-api-usage/prompt-caching/maximizing-cache-hits
    cacheControlDropped: 'xAI caches prompts automatically',
    // Live Search (`search_parameters`) now answers 410 Gone; its search tools run on Responses only.
    // @see https://docs.x.ai/docs/guides/tools/overview
    noServerTools:
      'its Chat Completions API retired Live Search (search_parameters) and runs no server tools',
  },
  zai: {
    label: 'Z.AI',
    cacheControlDropped: "Z.AI's OpenAI-compatible APIs take no cache breakpoints",
    noServerTools: "ekai knows no equivalent on Z.AI's OpenAI-compatible APIs",
  },
  openrouter: {
    label: 'OpenRouter',
    cacheControlModels: /^anthropic\//,
    cacheControlDropped: 'OpenRouter gets it for Anthropic models only',
    fetchesDocumentUrls: true,
    noServerTools: 'OpenRouter has no equivalent',
  },
};

/**
 * A provider ekai knows nothing of (a user catalog's, under the `default` profile; or no profile
 * given): nothing beyond plain Chat is assumed.
 */
const UNKNOWN: ChatProviderTraits = {
  label: 'this provider',
  cacheControlDropped: "this provider's Chat Completions API takes no cache breakpoints",
  noServerTools: "ekai knows no equivalent on this provider's Chat Completions API",
};

export interface ChatProvider extends ChatProviderTraits {
  /** The catalog name (`openrouter`), or `unknown` when the context does not say. */
  name: string;
}

export function chatProviderOf(context: ChatTarget): ChatProvider {
  const name = context.profile?.name ?? 'unknown';
  const traits = Object.hasOwn(TRAITS, name) ? (TRAITS[name] as ChatProviderTraits) : UNKNOWN;
  return { name, ...traits };
}

/** Whether `cache_control` travels to this provider and model. */
export function carriesCacheControl(provider: ChatProvider, upstreamModel: string): boolean {
  return provider.cacheControlModels?.test(upstreamModel) ?? false;
}

/**
 * The cache-routing key of a client session: its SHA-256, so a session keeps one cache at the
 * provider without the client's own session id (which Anthropic also sees) reaching another
 * vendor. The proxy sends the same value as xAI's `x-grok-conv-id` header.
 */
export function sessionCacheKey(session: string): string {
  return createHash('sha256').update(session).digest('hex').slice(0, 32);
}
