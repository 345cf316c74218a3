import type { ServerTool } from '../anthropic-messages/wire.js';
import type { Warn } from '../openai-chat/request-notes.js';
import { UnsupportedRequestError } from '../translation.js';
import { isRecord } from '../usage.js';
import type { ResponsesTool } from './wire.js';

/**
 * How one Responses provider runs Anthropic's web search tool: its own hosted search tool, the
 * request fields that go with it, and what each Anthropic field becomes (a function of the value,
 * or the reason it is not sent, noted).
 */
export interface WebSearchEquivalent {
  /** The provider's tool type, as the notes name it. */
  type: string;
  tool(tool: ServerTool, index: number, warn: Warn): ResponsesTool;
  /** What the request needs besides the tool, given the tool's `max_uses`. */
  fields(maxUses: number | undefined): { include?: string[]; max_tool_calls?: number };
  /** The tool, forced by `tool_choice` naming it; undefined: the provider documents no such choice. */
  forced?: ResponsesTool;
}

type FieldRule = ((value: unknown, index: number) => Record<string, unknown>) | string;

/** Fields every provider handles elsewhere: the tool's identity, `max_uses` (`fields`), cache breakpoints (noted by the Chat step). */
const HANDLED_ELSEWHERE: Readonly<Record<string, FieldRule>> = {
  type: () => ({}),
  name: () => ({}),
  max_uses: () => ({}),
  cache_control: () => ({}),
};

function mapFields(
  tool: ServerTool,
  index: number,
  rules: Readonly<Record<string, FieldRule>>,
  label: string,
  warn: Warn,
): Record<string, unknown> {
  let mapped: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(tool)) {
    if (value === undefined || value === null) continue;
    const rule = rules[field] ?? HANDLED_ELSEWHERE[field];
    if (typeof rule === 'function') mapped = { ...mapped, ...rule(value, index) };
    else warn(`${tool.name} ${field} not sent: ${rule ?? `${label} has no equivalent`}`);
  }
  return mapped;
}

const LOCATION_FIELDS = ['city', 'region', 'country', 'timezone'] as const;

/** @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tools-web_search-user_location */
function openAiUserLocation(location: unknown): Record<string, unknown> {
  if (!isRecord(location)) return {};
  const fields = LOCATION_FIELDS.filter((field) => typeof location[field] === 'string');
  if (fields.length === 0) return {};
  return {
    user_location: {
      type: 'approximate',
      ...Object.fromEntries(fields.map((field) => [field, location[field]])),
    },
  };
}

/**
 * OpenAI's `web_search`: `allowed_domains` → `filters.allowed_domains`, `user_location` (approximate
 * city, region, country, timezone) → `user_location`, `max_uses` → `max_tool_calls` (which counts
 * every hosted tool call, and web search is the only hosted tool ekai sends); the sources are asked
 * for (`include: web_search_call.action.sources`): they become the client's search result list.
 * @see https://platform.openai.com/docs/guides/tools-web-search
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-max_tool_calls
 */
const OPENAI: WebSearchEquivalent = {
  type: 'web_search',
  tool: (tool, index, warn) => ({
    type: 'web_search',
    ...mapFields(
      tool,
      index,
      {
        allowed_domains: (domains) =>
          Array.isArray(domains) ? { filters: { allowed_domains: domains } } : {},
        user_location: openAiUserLocation,
        blocked_domains: "OpenAI's web_search has no blocked domains",
      },
      "OpenAI's web_search",
      warn,
    ),
  }),
  fields: (maxUses) => ({
    include: ['web_search_call.action.sources'],
    ...(maxUses !== undefined && { max_tool_calls: maxUses }),
  }),
  forced: { type: 'web_search' },
};

/** xAI takes at most five domains in either list. */
const XAI_MAX_DOMAINS = 5;
const XAI_SEARCH_DOCS = 'https://docs.x.ai/developers/tools/web-search';

function xaiDomains(target: 'allowed_domains' | 'excluded_domains', from: string): FieldRule {
  return (domains, index) => {
    if (!Array.isArray(domains)) return {};
    if (domains.length > XAI_MAX_DOMAINS) {
      throw new UnsupportedRequestError(
        `tools.${index}.${from}: xAI's web_search takes at most ${XAI_MAX_DOMAINS} domains (${target}), ${domains.length} were given (${XAI_SEARCH_DOCS})`,
        `tools.${index}.${from}`,
      );
    }
    return { [target]: domains };
  };
}

/**
 * xAI's `web_search` (Responses only; Live Search on Chat is retired): flat `allowed_domains` and
 * `excluded_domains` (at most five each, never both, as Anthropic's also may not be), no location
 * and no call limit. xAI returns each search's sources unasked (its `include` takes only
 * `reasoning.encrypted_content`), so nothing else is sent.
 * @see https://docs.x.ai/developers/tools/web-search
 * @see https://docs.x.ai/docs/guides/tools/search-tools#web-search-parameters
 */
const XAI: WebSearchEquivalent = {
  type: 'web_search',
  tool: (tool, index, warn) => ({
    type: 'web_search',
    ...mapFields(
      tool,
      index,
      {
        allowed_domains: xaiDomains('allowed_domains', 'allowed_domains'),
        blocked_domains: xaiDomains('excluded_domains', 'blocked_domains'),
        user_location: "xAI's web_search takes no location",
        max_uses: "xAI's web_search takes no limit of searches",
      },
      "xAI's web_search",
      warn,
    ),
  }),
  fields: () => ({}),
};

/**
 * OpenRouter's `openrouter:web_search` server tool, on Responses as on Chat (the `web` plugin is
 * deprecated): `allowed_domains` and `excluded_domains` in its `parameters`; it takes no location
 * and counts results, not searches (`max_total_results`), so `max_uses` is not sent.
 * @see https://openrouter.ai/docs/guides/features/server-tools/web-search
 * @see https://openrouter.ai/docs/api_reference/responses/web-search
 */
const OPENROUTER: WebSearchEquivalent = {
  type: 'openrouter:web_search',
  tool: (tool, index, warn) => {
    const parameters = mapFields(
      tool,
      index,
      {
        allowed_domains: (domains) => ({ allowed_domains: domains }),
        blocked_domains: (domains) => ({ excluded_domains: domains }),
        user_location: 'openrouter:web_search takes no location',
        max_uses: 'openrouter:web_search limits results, not searches',
      },
      'openrouter:web_search',
      warn,
    );
    return { type: 'openrouter:web_search', ...(Object.keys(parameters).length > 0 && { parameters }) };
  },
  fields: () => ({}),
};

/** Per provider: its web search, or why it has none (part of the 400). */
export const WEB_SEARCH: Readonly<Record<string, WebSearchEquivalent | string>> = {
  openai: OPENAI,
  xai: XAI,
  openrouter: OPENROUTER,
  // Nothing in Z.AI's Responses API reference runs a search; refused rather than answered unsearched.
  zai: 'Z.AI documents no web search tool for its Responses API',
};

/** Anthropic's `max_uses`, when it is a limit. */
export function maxUsesOf(tool: ServerTool): number | undefined {
  return typeof tool.max_uses === 'number' && tool.max_uses >= 1 ? tool.max_uses : undefined;
}
