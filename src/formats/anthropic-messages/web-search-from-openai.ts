import { UnsupportedRequestError } from '../translation.js';
import { isRecord } from '../usage.js';
import type { ServerTool } from './wire.js';

/**
 * A web search an OpenAI-dialect client asked for (a Responses `web_search` tool, Chat
 * `web_search_options`), read into what Anthropic's web search tool can take. It travels from the
 * Chat step of Responses → Messages to the Messages step beside the Chat body, never in it, so it
 * cannot reach a Chat provider.
 */
export interface OpenAiWebSearch {
  /** Where the client asked, as notes and refusals name it: `tools.0 (web_search_preview)`, `web_search_options`. */
  origin: string;
  /** The request field a refusal points at. */
  param: string;
  /** Responses `filters.allowed_domains`. */
  allowedDomains?: string[];
  /** The approximate location, flattened (Chat nests it under `approximate`). */
  userLocation?: ApproximateLocation;
  /** Fields the client set that Anthropic's tool has no place for: each becomes a note. */
  uncarried: string[];
  /**
   * The request is about searching (Chat `web_search_options`; a Responses search tool offered
   * alone or forced by `tool_choice`), so a provider without search refuses it. Otherwise it is
   * one tool on offer among the client's own (Codex offers `web_search` on every turn), and a
   * provider without search gets the request without it, noted.
   */
  required: boolean;
}

export interface ApproximateLocation {
  city?: string;
  region?: string;
  country?: string;
  timezone?: string;
}

/** Responses hosted tool types that are OpenAI's web search. */
export const RESPONSES_WEB_SEARCH_TYPES: ReadonlySet<string> = new Set([
  'web_search',
  'web_search_2025_08_26',
  'web_search_preview',
  'web_search_preview_2025_03_11',
]);

const LOCATION_FIELDS = ['city', 'region', 'country', 'timezone'] as const;

/**
 * Why a Messages provider cannot run Anthropic's web search (part of the 400); Anthropic runs it.
 * Z.AI documents its web search as an MCP server and as a tool of its own Chat API, not as the
 * server tool on its Anthropic-compatible endpoint; xAI's search tools run on its Responses API. A
 * provider ekai knows nothing of is refused too, rather than sent a tool it may silently not run.
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool
 * @see https://docs.z.ai/devpack/mcp/search-mcp-server
 * @see https://docs.x.ai/docs/guides/tools/overview
 */
const NO_WEB_SEARCH: Readonly<Record<string, string>> = {
  zai: "Z.AI's Anthropic-compatible API runs no web search server tool (its search is an MCP server)",
  xai: "xAI's Anthropic-compatible API runs no web search server tool (its search tools run on its Responses API)",
};
const WEB_SEARCH_PROVIDERS = new Set(['anthropic']);
const PROVIDER_LABELS: Readonly<Record<string, string>> = { zai: 'Z.AI', xai: 'xAI' };

/**
 * Responses `{type: "web_search" | "web_search_preview", filters?: {allowed_domains}, user_location?,
 * search_context_size?}` → the search it asks for.
 * @see https://platform.openai.com/docs/guides/tools-web-search
 */
export function webSearchFromResponsesTool(
  tool: Record<string, unknown>,
  index: number,
  required: boolean,
): OpenAiWebSearch {
  // Anthropic's search always reads the live web, which is what `external_web_access: true` asks.
  const { type, filters, user_location: location, external_web_access: live, ...rest } = tool;
  const uncarried = Object.keys(rest).filter((field) => matters(rest[field]));
  if (live === false) uncarried.push('external_web_access');
  const domains = isRecord(filters) ? filters.allowed_domains : undefined;
  if (isRecord(filters))
    uncarried.push(
      ...Object.keys(filters)
        .filter((field) => field !== 'allowed_domains' && matters(filters[field]))
        .map((field) => `filters.${field}`),
    );
  return {
    origin: `tools.${index} (${String(type)})`,
    param: `tools.${index}`,
    ...allowedDomains(domains),
    ...userLocation(location),
    uncarried,
    required,
  };
}

/**
 * Chat `web_search_options: {search_context_size?, user_location?: {type: "approximate",
 * approximate: {city, country, region, timezone}}}` → the search it asks for; undefined when absent.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-web_search_options
 */
export function webSearchFromChatOptions(options: unknown): OpenAiWebSearch | undefined {
  if (!isRecord(options)) return undefined;
  const { user_location: location, ...rest } = options;
  return {
    origin: 'web_search_options',
    param: 'web_search_options',
    ...userLocation(isRecord(location) ? location.approximate : undefined),
    uncarried: Object.keys(rest).filter((field) => matters(rest[field])),
    // A Chat search model searches on every request that sets it.
    required: true,
  };
}

/**
 * The searches → Anthropic's `web_search_20250305` tool (one: its name is fixed, and Messages wants
 * tool names unique), noted as run by Anthropic's engine, with a note for each field it cannot
 * carry. A Messages provider without web search: a 400 naming the tool and the provider when the
 * request is about searching (`required`), else the offer is not sent, noted (never a tool the
 * provider may ignore, and never a refusal of every Codex turn).
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool
 */
export function messagesWebSearchTools(
  searches: readonly OpenAiWebSearch[],
  provider: string | undefined,
  warnings: string[],
): ServerTool[] {
  const [search, ...others] = searches;
  if (!search) return [];
  const name = provider ?? 'unknown';
  if (!WEB_SEARCH_PROVIDERS.has(name)) {
    const label = PROVIDER_LABELS[name] ?? 'this provider';
    const why = NO_WEB_SEARCH[name] ?? "ekai knows no web search on this provider's Messages API";
    const required = searches.find((each) => each.required);
    if (required)
      throw new UnsupportedRequestError(
        `${required.param}: web search (${required.origin}) cannot run on ${label}: ${why}. ekai does not answer in its place.`,
        required.param,
      );
    for (const offered of searches) warnings.push(`${offered.origin} not sent: ${why}`);
    return [];
  }
  warnings.push(`${search.origin} runs as Anthropic's web_search_20250305 tool`);
  for (const field of search.uncarried)
    warnings.push(`${search.origin} ${field} not sent: Anthropic's web search has no equivalent`);
  for (const other of others)
    warnings.push(
      `${other.origin} not sent: Anthropic's web search runs once per request, as ${search.origin}`,
    );
  return [
    {
      type: 'web_search_20250305',
      name: 'web_search',
      ...(search.allowedDomains && { allowed_domains: search.allowedDomains }),
      ...(search.userLocation && { user_location: { type: 'approximate', ...search.userLocation } }),
    },
  ];
}

function allowedDomains(domains: unknown): Pick<OpenAiWebSearch, 'allowedDomains'> {
  if (!Array.isArray(domains)) return {};
  const kept = domains.filter((domain): domain is string => typeof domain === 'string' && domain !== '');
  return kept.length > 0 ? { allowedDomains: kept } : {};
}

function userLocation(location: unknown): Pick<OpenAiWebSearch, 'userLocation'> {
  if (!isRecord(location)) return {};
  const fields = LOCATION_FIELDS.flatMap((field) => {
    const value = location[field];
    return typeof value === 'string' && value !== '' ? [[field, value] as const] : [];
  });
  return fields.length > 0 ? { userLocation: Object.fromEntries(fields) } : {};
}

/** Defaults some SDKs always send (null, {}, []) change nothing, so not carrying them is not worth a note. */
function matters(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  return typeof value !== 'object' || Object.keys(value).length > 0;
}
