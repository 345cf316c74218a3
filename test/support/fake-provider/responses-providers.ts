/**
 * What differs between the providers serving OpenAI's Responses API (OpenAI, xAI, OpenRouter,
 * Z.AI): how each reads the key, how each marks the reasoning it encrypts, and what each refuses
 * that the others take, with the provider's own error body. One row per refusal, with its source.
 */
import { type CredentialRule, credentialRule } from './credentials.js';
import type { ErrorReply } from './errors.js';
import { isObject, type JsonObject, readConversation } from './scenarios.js';
import type { ProviderName } from './types.js';

/**
 * Reasoning items' `encrypted_content` is opaque and only its maker can read it. The fake marks
 * what each provider mints so that a provider can tell another's content: OpenAI's keeps the real
 * Fernet prefix (`gAAAAAB…`, as in public error reports); the others' marks are the fake's own.
 */
const ENCRYPTED_MARK: Readonly<Record<ProviderName, string>> = {
  openai: 'gAAAAAB',
  anthropic: 'anthropic-enc.',
  xai: 'xai-enc.',
  openrouter: 'openrouter-enc.',
  zai: 'zai-enc.',
};

export function encryptedContent(provider: ProviderName, blob: string): string {
  return `${ENCRYPTED_MARK[provider]}${blob}`;
}

function mintedBy(provider: ProviderName, content: string): boolean {
  return content.startsWith(ENCRYPTED_MARK[provider]);
}

/**
 * xAI and OpenRouter read the key on Responses as on their Chat route (Bearer, OpenAI's wording);
 * Z.AI's OpenAI-compatible API takes a Bearer token with Z.AI's own messages (codes 1001 / 1000).
 */
const ZAI_RESPONSES: CredentialRule = {
  provider: 'zai',
  routes: ['responses'],
  schemes: ['bearer'],
  shape: 'openai',
  messages: {
    missing: 'Authentication parameter not received in Header, unable to authenticate',
    invalid: { bearer: 'Authentication Failed' },
  },
  source: 'https://docs.z.ai/api-reference/api-code',
};

export function responsesCredentialRule(provider: ProviderName, route: string): CredentialRule | undefined {
  if (route !== 'responses' || provider === 'openai') return undefined;
  return provider === 'zai' ? ZAI_RESPONSES : credentialRule(provider, 'chat');
}

interface Refusal {
  id: string;
  provider: ProviderName;
  /** The reply when the body breaks the rule, else undefined. */
  check(body: JsonObject, input: readonly unknown[]): ErrorReply | undefined;
  source: string;
}

const reasoningItems = (input: readonly unknown[]): JsonObject[] =>
  input.filter((item): item is JsonObject => isObject(item) && item.type === 'reasoning');

const withEncrypted = (input: readonly unknown[]): Array<JsonObject & { encrypted_content: string }> =>
  reasoningItems(input).filter(
    (item): item is JsonObject & { encrypted_content: string } => typeof item.encrypted_content === 'string',
  );

/** xAI's errors are `{code, error}`, not OpenAI's `{error: {…}}`. */
const xaiError = (error: string): ErrorReply => ({ status: 400, body: { code: 'invalid-argument', error } });

/** The keys of a reasoning item as xAI returns it; anything more means it was not sent back unmodified. */
const XAI_REASONING_KEYS = new Set(['type', 'id', 'summary', 'encrypted_content']);

export const RESPONSES_REFUSALS: readonly Refusal[] = [
  {
    // Codex serialises `content: null` on every reasoning item it sends back; a missing `summary`
    // fails the same way. The message names a "compaction blob" although no compaction is involved.
    id: 'xai-reasoning-item-as-returned',
    provider: 'xai',
    check: (_body, input) =>
      withEncrypted(input).some(
        (item) =>
          !Array.isArray(item.summary) || Object.keys(item).some((key) => !XAI_REASONING_KEYS.has(key)),
      )
        ? xaiError('Could not decode the compaction blob. Ensure it is unmodified from the compact response.')
        : undefined,
    source: 'https://github.com/makecindy/cindy/pull/1345 ; https://github.com/chenyme/grok2api/pull/689',
  },
  {
    // Reasoning another provider encrypted (a session moved from gpt-5.5 to grok-4.5) cannot be read.
    id: 'xai-foreign-encrypted-content',
    provider: 'xai',
    check: (_body, input) =>
      withEncrypted(input).some((item) => !mintedBy('xai', item.encrypted_content))
        ? xaiError(
            'Could not decrypt the provided encrypted_content. Ensure the value is the unmodified encrypted_content from a previous response.',
          )
        : undefined,
    source: 'https://github.com/Wei-Shaw/sub2api/issues/4535',
  },
  {
    // The reverse: a session moved from Grok (or from Claude through a gateway) back to OpenAI.
    id: 'openai-foreign-encrypted-content',
    provider: 'openai',
    check: (_body, input) => {
      // Anything OpenAI did not encrypt itself: xAI's, or a gateway's own envelope.
      const foreign = withEncrypted(input).find((item) => !mintedBy('openai', item.encrypted_content));
      if (!foreign) return undefined;
      return {
        status: 400,
        body: {
          error: {
            message: `The encrypted content for item ${String(foreign.id)} could not be verified. Reason: Encrypted content could not be decrypted or parsed.`,
            type: 'invalid_request_error',
            param: null,
            code: 'invalid_encrypted_content',
          },
        },
      };
    },
    source:
      'https://github.com/NousResearch/hermes-agent/pull/32062 ; https://github.com/smallmain/vscode-unify-chat-provider/issues/178',
  },
  {
    // Stateless: `store` may only be false (a Zod literal); absent is fine.
    id: 'openrouter-store-false-only',
    provider: 'openrouter',
    check: (body) =>
      'store' in body && body.store !== false
        ? {
            status: 400,
            body: {
              error: { code: 'invalid_prompt', message: 'Invalid Responses API request' },
              metadata: {
                raw: [
                  {
                    code: 'invalid_value',
                    values: [false],
                    path: ['store'],
                    message: 'Invalid input: expected false',
                  },
                ],
              },
            },
          }
        : undefined,
    source: 'https://github.com/BerriAI/litellm/issues/30851',
  },
  {
    id: 'xai-web-search-domains',
    provider: 'xai',
    check: (body) => xaiSearchFilterError(body.tools),
    source: 'https://docs.x.ai/docs/guides/tools/search-tools#web-search-parameters',
  },
];

/** The provider's own refusal of a Responses body, or null. */
export function responsesRefusal(provider: ProviderName, body: JsonObject): ErrorReply | null {
  const input = Array.isArray(body.input) ? body.input : [];
  for (const refusal of RESPONSES_REFUSALS) {
    if (refusal.provider !== provider) continue;
    const reply = refusal.check(body, input);
    if (reply) return reply;
  }
  return null;
}

/**
 * xAI's web_search filters: at most five domains in either list, never both lists. The rule is
 * documented; the error wording is the fake's own (no refusal body was found), in xAI's shape.
 * @see https://docs.x.ai/docs/guides/tools/search-tools#web-search-parameters
 */
const XAI_MAX_DOMAINS = 5;

function xaiSearchFilterError(tools: unknown): ErrorReply | undefined {
  const list = Array.isArray(tools) ? tools : [];
  for (const [index, tool] of list.entries()) {
    if (!isObject(tool) || tool.type !== 'web_search') continue;
    const allowed = Array.isArray(tool.allowed_domains) ? tool.allowed_domains : undefined;
    const excluded = Array.isArray(tool.excluded_domains) ? tool.excluded_domains : undefined;
    if (allowed && excluded)
      return xaiError(`tools[${index}]: allowed_domains cannot be set together with excluded_domains`);
    for (const [field, domains] of [
      ['allowed_domains', allowed],
      ['excluded_domains', excluded],
    ] as const) {
      if (domains && domains.length > XAI_MAX_DOMAINS)
        return xaiError(`tools[${index}].${field} can include a maximum of ${XAI_MAX_DOMAINS} domains`);
    }
  }
  return undefined;
}

/** A search the provider runs, as its Responses API shows it. */
export interface ResponsesSearch {
  /** The search's output item: open (`output_item.added`) or done. */
  item(id: string, done: boolean): JsonObject;
  /** The search's own events between its item's `added` and `done`, in order. */
  events: readonly string[];
  /** The answer text's `url_citation` annotations. */
  annotations(text: string): JsonObject[];
}

type SearchPage = { url: string; title: string };

/** The pages every fake search finds (the same as OpenAI's and Anthropic's, scenarios.ts). */
export const SEARCH_PAGES: readonly SearchPage[] = [
  { url: 'https://www.iana.org/help/example-domains', title: 'Example Domains' },
  { url: 'https://example.com/', title: 'Example Domain' },
];

/**
 * xAI's `web_search` (recorded by vercel/ai, 2026: `xai-13218-web-search-provider-tool-result`):
 * a `web_search_call` item opened with an empty search action, the in_progress / searching /
 * completed events, done with the query and its sources (given unasked); the text's citations
 * are `url_citation`s of every source, titled by their URL, at offsets 0–0 (xAI reports which
 * pages it cited, not where).
 * @see https://docs.x.ai/developers/tools/web-search
 * @see https://docs.x.ai/developers/tools/citations
 * @see https://github.com/vercel/ai/blob/main/packages/xai/src/responses/__fixtures__/xai-13218-web-search-provider-tool-result.1.chunks.txt
 */
function xaiSearch(query: string, pages: readonly SearchPage[]): ResponsesSearch {
  return {
    item: (id, done) => ({
      id,
      type: 'web_search_call',
      status: done ? 'completed' : 'in_progress',
      action: {
        type: 'search',
        query: done ? query : '',
        sources: done ? pages.map(({ url }) => ({ type: 'url', url })) : [],
      },
    }),
    events: ['in_progress', 'searching', 'completed'].map((stage) => `response.web_search_call.${stage}`),
    annotations: () =>
      pages.map(({ url }) => ({ type: 'url_citation', url, start_index: 0, end_index: 0, title: url })),
  };
}

/**
 * OpenRouter's `openrouter:web_search` on Responses: an output item of that type whose `action` has
 * OpenAI's web_search_call.action shape (the query, the sources as `{type: "url", url}`), and
 * `url_citation` annotations (url, title, start and end index) on the text; no search events are
 * documented, so none are sent.
 * @see https://openrouter.ai/docs/sdks/typescript/api-reference/models/outputwebsearchservertoolitem
 * @see https://openrouter.ai/docs/api_reference/responses/web-search
 */
function openRouterSearch(query: string, pages: readonly SearchPage[]): ResponsesSearch {
  const [cited] = pages;
  return {
    item: (id, done) => ({
      id,
      type: 'openrouter:web_search',
      status: done ? 'completed' : 'in_progress',
      ...(done && {
        action: { type: 'search', query, sources: pages.map(({ url }) => ({ type: 'url', url })) },
      }),
    }),
    events: [],
    annotations: (text) =>
      cited && text !== ''
        ? [
            {
              type: 'url_citation',
              url: cited.url,
              title: cited.title,
              start_index: 0,
              end_index: Array.from(text).length,
            },
          ]
        : [],
  };
}

/** The search tool each provider runs on Responses (OpenAI's is the plan's, scenarios.ts). */
const PROVIDER_SEARCH: Partial<Record<ProviderName, { tool: string; search: typeof xaiSearch }>> = {
  xai: { tool: 'web_search', search: xaiSearch },
  openrouter: { tool: 'openrouter:web_search', search: openRouterSearch },
};

/**
 * The search xAI or OpenRouter runs for this request: when it carries the provider's search tool and
 * the answer neither calls a tool nor reads a tool result (as OpenAI's fake search).
 */
export function providerSearch(
  provider: ProviderName,
  body: JsonObject,
  plan: { toolCalls: readonly unknown[] },
): ResponsesSearch | undefined {
  const entry = PROVIDER_SEARCH[provider];
  const tools = Array.isArray(body.tools) ? body.tools : [];
  if (!entry || !tools.some((tool) => isObject(tool) && tool.type === entry.tool)) return undefined;
  const conversation = readConversation('responses', body);
  if (plan.toolCalls.length > 0 || conversation.answeringToolResult) return undefined;
  return entry.search(conversation.lastUserText.trim().slice(0, 80), SEARCH_PAGES);
}
