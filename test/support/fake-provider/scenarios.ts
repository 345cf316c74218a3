/**
 * Turns a request plus a scenario (scripted, or read from markers in the last user message) into a
 * dialect-neutral plan that the three writers render. Usage is computed here once, so streaming
 * and non-streaming answers to the same request report the same numbers.
 */
import { anthropicErrorBody } from './errors.js';
import type { CacheUsage, PromptCacheSimulator } from './prompt-cache.js';
import type { Dialect, Fault, ProviderName, Scenario, StopReason } from './types.js';

export interface PlannedToolCall {
  name: string;
  /** The complete JSON arguments. */
  arguments: string;
  /** How the arguments are streamed; concatenated they equal `arguments`. */
  fragments: string[];
}

export interface PlannedUsage {
  /** Prompt tokens that were neither read from nor written to the cache (Anthropic's `input_tokens`). */
  input: number;
  cacheRead: number;
  cacheWrite: number;
  /** The part of `cacheWrite` written with a 1-hour lifetime. */
  cacheWrite1h: number;
  /** All generated tokens, reasoning included. */
  output: number;
  reasoning: number;
}

export interface Plan {
  provider: ProviderName;
  model: string;
  thinking: string[];
  /** Anthropic: a redacted thinking block follows the thinking. */
  redactedThinking: boolean;
  text: string[];
  toolCalls: PlannedToolCall[];
  stopReason: StopReason;
  usage: PlannedUsage;
  messageDeltaUsage: 'full' | 'output-only';
  error?: Pick<Fault, 'status' | 'headers' | 'body'>;
  /**
   * Responses on OpenAI, Messages on Anthropic: a web search before the text, which cites one of
   * its sources.
   */
  webSearch?: PlannedSearch;
}

export interface PlannedSearch {
  query: string;
  sources: Array<{ url: string; title: string; pageAge?: string }>;
  /**
   * OpenAI: the `url_citation` of the text, its page and the span (code points) of the text citing
   * it. Anthropic: the whole text block cites `citedText`, a passage of the page.
   */
  citation?: { url: string; title: string; start: number; end: number; citedText?: string };
}

export type JsonObject = Record<string, unknown>;

export const DEFAULT_TOOL_NAME = 'get_weather';
export const DEFAULT_THINKING = ['Let me think', ' about what', ' the user', ' asked.'];
const DEFAULT_ARGUMENTS = [
  { city: 'Paris', unit: 'celsius' },
  { city: 'Tokyo', unit: 'fahrenheit' },
];
const CACHE_DEFAULT = { input: 25, read: 1200, write: 300 };
/** Keeps `[long 1e9]` from exhausting memory. */
const MAX_LONG = 100_000;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads markers such as `[tool]`, `[long 50]` or `[error 429]` from the user's text. */
export function scenarioFromText(text: string): Scenario {
  const scenario: Scenario = {};
  if (/\[tool\]/i.test(text)) scenario.tool = true;
  if (/\[parallel-tools\]/i.test(text)) scenario.parallelTools = true;
  if (/\[thinking\]/i.test(text)) scenario.thinking = true;
  if (/\[cache\]/i.test(text)) scenario.cache = true;
  const long = /\[long\s+(\d+)\]/i.exec(text);
  if (long?.[1] !== undefined) scenario.long = Number(long[1]);
  const error = /\[error(?:\s+(\d{3}))?\]/i.exec(text);
  if (error) scenario.error = error[1] === undefined ? 500 : Number(error[1]);
  return scenario;
}

/** Same estimate as the fake's `input_tokens`, exported so tests can predict it. */
export function estimateInputTokens(dialect: Dialect, body: JsonObject): number {
  const prompt =
    dialect === 'responses'
      ? { instructions: body.instructions, input: body.input }
      : { system: body.system, messages: body.messages };
  return Math.max(1, Math.ceil(JSON.stringify(prompt).length / 4));
}

interface Conversation {
  lastUserText: string;
  /** The model is answering a tool result, so tool markers no longer apply (tool loops end). */
  answeringToolResult: boolean;
  toolNames: string[];
}

function textOf(content: unknown, partTypes: readonly string[]): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter((part): part is JsonObject => isObject(part) && partTypes.includes(String(part.type)))
    .map((part) => (typeof part.text === 'string' ? part.text : ''))
    .join('\n');
}

function lastWhere<T>(items: readonly T[], predicate: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i -= 1) {
    const item = items[i] as T;
    if (predicate(item)) return item;
  }
  return undefined;
}

function toolNames(tools: unknown): string[] {
  if (!Array.isArray(tools)) return [];
  return tools.flatMap((tool) => {
    if (!isObject(tool)) return [];
    // Chat nests the name under `function`; Messages and Responses keep it at the top.
    const name = isObject(tool.function) ? tool.function.name : tool.name;
    return typeof name === 'string' ? [name] : [];
  });
}

export function readConversation(dialect: Dialect, body: JsonObject): Conversation {
  const names = toolNames(body.tools);
  if (dialect === 'responses') return readResponsesInput(body.input, names);
  const messages = Array.isArray(body.messages) ? body.messages.filter(isObject) : [];
  const lastUser = lastWhere(messages, (m) => m.role === 'user');
  const last = messages[messages.length - 1];
  if (dialect === 'chat') {
    return {
      lastUserText: textOf(lastUser?.content, ['text']),
      answeringToolResult: last?.role === 'tool' || last?.role === 'function',
      toolNames: names,
    };
  }
  const lastBlocks = Array.isArray(last?.content) ? last.content : [];
  return {
    lastUserText: textOf(lastUser?.content, ['text']),
    answeringToolResult:
      last?.role === 'user' && lastBlocks.some((block) => isObject(block) && block.type === 'tool_result'),
    toolNames: names,
  };
}

function readResponsesInput(input: unknown, names: string[]): Conversation {
  if (typeof input === 'string') return { lastUserText: input, answeringToolResult: false, toolNames: names };
  const items = Array.isArray(input) ? input.filter(isObject) : [];
  const lastUser = lastWhere(items, (item) => item.role === 'user');
  const lastType = String(items[items.length - 1]?.type ?? '');
  return {
    lastUserText: textOf(lastUser?.content, ['input_text', 'text']),
    answeringToolResult: lastType === 'function_call_output' || lastType === 'custom_tool_call_output',
    toolNames: names,
  };
}

/** Word-by-word deltas with the leading space kept on each word, as tokenizers emit them. */
export function splitWords(text: string): string[] {
  return text.split(/(?=\s)/).filter((part) => part.length > 0);
}

/** Splits JSON after each ':' and ',' — several fragments, the first already holding data. */
export function splitArguments(json: string): string[] {
  return json.split(/(?<=[:,])/);
}

function plannedToolCalls(
  scenario: Scenario,
  conversation: Conversation,
  scripted: boolean,
): PlannedToolCall[] {
  const nameAt = (i: number): string =>
    conversation.toolNames[i] ?? conversation.toolNames[0] ?? DEFAULT_TOOL_NAME;
  let specs = scenario.toolCalls ?? [];
  if (specs.length === 0 && (scripted || !conversation.answeringToolResult)) {
    if (scenario.parallelTools) specs = [{}, {}];
    else if (scenario.tool) specs = [{}];
  }
  return specs.map((spec, i) => {
    const fallback = DEFAULT_ARGUMENTS[i % DEFAULT_ARGUMENTS.length];
    const json =
      spec.fragments?.join('') ??
      (typeof spec.arguments === 'string' ? spec.arguments : JSON.stringify(spec.arguments ?? fallback));
    return {
      name: spec.name ?? nameAt(i),
      arguments: json,
      fragments: spec.fragments ?? splitArguments(json),
    };
  });
}

/**
 * Claude asked to think thinks before it answers (and before its tool calls, which the next request
 * must then give back): an Anthropic Messages request with thinking enabled (a budget, or adaptive)
 * gets a thinking block unless the scenario says otherwise.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 */
function asksToThink(provider: ProviderName, dialect: Dialect, body: JsonObject): boolean | undefined {
  if (provider !== 'anthropic' || dialect !== 'messages' || !isObject(body.thinking)) return undefined;
  const type = body.thinking.type;
  return type === 'enabled' || type === 'adaptive' ? true : undefined;
}

function thinkingDeltas(thinking: Scenario['thinking']): string[] {
  if (thinking === undefined || thinking === false) return [];
  if (thinking === true) return [...DEFAULT_THINKING];
  return typeof thinking === 'string' ? splitWords(thinking) : [...thinking];
}

function textDeltas(
  scenario: Scenario,
  provider: ProviderName,
  userText: string,
  hasTools: boolean,
): string[] {
  if (scenario.textDeltas) return [...scenario.textDeltas];
  if (scenario.text !== undefined) return splitWords(scenario.text);
  if (scenario.long !== undefined) {
    const count = Math.min(Math.max(0, Math.floor(scenario.long)), MAX_LONG);
    return Array.from({ length: count }, (_, i) => `${i === 0 ? '' : ' '}token${i + 1}`);
  }
  if (hasTools) return [];
  return splitWords(`Hello from ${provider}! You said: ${userText.slice(0, 40)}`);
}

/** A script's or marker's own cache or input numbers win over the simulated prompt cache. */
function explicitUsage(scenario: Scenario): boolean {
  return scenario.cache !== undefined || scenario.usage?.inputTokens !== undefined;
}

function plannedUsage(
  scenario: Scenario,
  dialect: Dialect,
  body: JsonObject,
  output: { thinking: string[]; text: string[]; toolCalls: PlannedToolCall[] },
  simulated: CacheUsage | undefined,
): PlannedUsage {
  const custom = isObject(scenario.cache) ? scenario.cache : undefined;
  const cache =
    scenario.cache === true
      ? CACHE_DEFAULT
      : custom && { input: custom.input ?? CACHE_DEFAULT.input, read: custom.read, write: custom.write };
  const fragments = output.toolCalls.reduce((sum, call) => sum + call.fragments.length, 0);
  return {
    input:
      scenario.usage?.inputTokens ?? cache?.input ?? simulated?.input ?? estimateInputTokens(dialect, body),
    cacheRead: cache?.read ?? simulated?.cacheRead ?? 0,
    cacheWrite: cache?.write ?? simulated?.cacheWrite ?? 0,
    cacheWrite1h: cache ? 0 : (simulated?.cacheWrite1h ?? 0),
    output: scenario.usage?.outputTokens ?? output.thinking.length + output.text.length + fragments,
    reasoning: output.thinking.length,
  };
}

export interface PlanInput {
  provider: ProviderName;
  dialect: Dialect;
  body: JsonObject;
  /** From `fake.script`; when undefined the markers in the user's text decide. */
  scripted?: Scenario;
  /** The fake's prompt cache; consulted only when neither script nor marker sets the cache numbers. */
  promptCache?: PromptCacheSimulator;
}

/** The plan, with the server-tool behaviour of OpenAI's APIs (refusing unknown tool types, searching). */
export function planResponse(input: PlanInput): Plan {
  return withServerTools(planOf(input), input);
}

function planOf({ provider, dialect, body, scripted, promptCache }: PlanInput): Plan {
  const conversation = readConversation(dialect, body);
  const scenario = scripted ?? scenarioFromText(conversation.lastUserText);
  const toolCalls = plannedToolCalls(scenario, conversation, scripted !== undefined);
  const thinking = thinkingDeltas(scenario.thinking ?? asksToThink(provider, dialect, body));
  const text = textDeltas(scenario, provider, conversation.lastUserText, toolCalls.length > 0);
  const error = typeof scenario.error === 'number' ? { status: scenario.error } : scenario.error;
  // A request that fails reads and writes nothing.
  const simulated = error || explicitUsage(scenario) ? undefined : promptCache?.use(provider, dialect, body);
  return {
    provider,
    model: scenario.model ?? (typeof body.model === 'string' ? body.model : 'unknown'),
    thinking,
    redactedThinking: scenario.redactedThinking === true,
    text,
    toolCalls,
    stopReason: scenario.stopReason ?? (toolCalls.length > 0 ? 'tool_use' : 'end_turn'),
    usage: plannedUsage(scenario, dialect, body, { thinking, text, toolCalls }, simulated),
    messageDeltaUsage: scenario.messageDeltaUsage ?? 'full',
    ...(error ? { error } : {}),
  };
}

/**
 * Tool types OpenAI's APIs take (the SDK's `Tool` unions); anything else — Anthropic's
 * `web_search_20250305` sent as is — is a 400 worded as OpenAI words an unknown enum value
 * (https://github.com/openai/codex/issues/7073: "Invalid value: 'other'. Supported values are: …",
 * code `invalid_value`, param with brackets).
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tools
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-tools
 */
const OPENAI_TOOL_TYPES: Partial<Record<Dialect, readonly string[]>> = {
  chat: ['function', 'custom'],
  responses: [
    'function',
    'file_search',
    'computer',
    'computer_use_preview',
    'web_search',
    'web_search_2025_08_26',
    'mcp',
    'code_interpreter',
    'programmatic_tool_calling',
    'image_generation',
    'local_shell',
    'shell',
    'custom',
    'namespace',
    'tool_search',
    'web_search_preview',
    'web_search_preview_2025_03_11',
    'apply_patch',
  ],
};
const WEB_SEARCH_TOOLS = new Set(['web_search', 'web_search_2025_08_26', 'web_search_preview']);

/** The fake search's one result page and the sentence citing it (an inline link, as OpenAI writes them). */
const SEARCH_SOURCES = [
  { url: 'https://www.iana.org/help/example-domains', title: 'Example Domains' },
  { url: 'https://example.com/', title: 'Example Domain' },
];
const CITED_LINK = '[iana.org](https://www.iana.org/help/example-domains?utm_source=openai)';
const SEARCH_TEXT = `Example domains are reserved for documentation (${CITED_LINK}).`;

function withServerTools(plan: Plan, input: PlanInput): Plan {
  if (plan.error) return plan;
  if (input.provider === 'openai') return withOpenAiServerTools(plan, input);
  if (input.provider === 'anthropic' && input.dialect === 'messages')
    return withAnthropicServerTools(plan, input);
  if (input.provider === 'openrouter' && input.dialect === 'chat')
    return withOpenRouterWebSearch(plan, input);
  return plan;
}

/** Whether the model, given a search tool, searches: not when it calls a tool or reads a tool result. */
function searches(plan: Plan, input: PlanInput, types: ReadonlySet<string>): boolean {
  const conversation = readConversation(input.dialect, input.body);
  const scenario = input.scripted ?? scenarioFromText(conversation.lastUserText);
  const { tools } = input.body;
  return (
    scenario.webSearch !== false &&
    plan.toolCalls.length === 0 &&
    !conversation.answeringToolResult &&
    Array.isArray(tools) &&
    tools.some((tool) => isObject(tool) && types.has(String(tool.type)))
  );
}

function scriptedText(input: PlanInput): boolean {
  const scenario =
    input.scripted ?? scenarioFromText(readConversation(input.dialect, input.body).lastUserText);
  return scenario.text !== undefined || scenario.textDeltas !== undefined;
}

function withOpenAiServerTools(plan: Plan, { provider, dialect, body, scripted }: PlanInput): Plan {
  const refused = refusedToolType(dialect, body.tools);
  if (refused) return { ...plan, error: refused };
  const input = { provider, dialect, body, ...(scripted && { scripted }) };
  if (dialect !== 'responses' || !searches(plan, input, WEB_SEARCH_TOOLS)) return plan;
  const scripts = scriptedText(input);
  const start = SEARCH_TEXT.indexOf(CITED_LINK);
  const [cited] = SEARCH_SOURCES as [(typeof SEARCH_SOURCES)[number]];
  return {
    ...plan,
    text: scripts ? plan.text : splitWords(SEARCH_TEXT),
    webSearch: {
      query: searchQuery(input),
      sources: SEARCH_SOURCES,
      // A scripted text has no link to cite.
      ...(!scripts && { citation: { ...cited, start, end: start + CITED_LINK.length } }),
    },
  };
}

function searchQuery(input: PlanInput): string {
  return readConversation(input.dialect, input.body).lastUserText.trim().slice(0, 80);
}

/**
 * Anthropic's web search tool (any `web_search_*` version); its answer as documented: the query
 * as a `server_tool_use`, the pages as a `web_search_tool_result`, then text citing one page by a
 * passage of it (a `web_search_result_location`), `usage.server_tool_use.web_search_requests: 1`.
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool
 */
const ANTHROPIC_SEARCH_TEXT = 'Example domains are reserved for use in documentation.';
const ANTHROPIC_CITED_TEXT =
  'As described in RFC 2606 and RFC 6761, a number of domains such as example.com and example.org are maintained for documentation purposes.';
const PAGE_AGES = ['April 30, 2025', 'March 12, 2024'];

function withAnthropicServerTools(plan: Plan, input: PlanInput): Plan {
  const refused = refusedAnthropicToolType(input.body.tools);
  if (refused) return { ...plan, error: refused };
  if (!searches(plan, input, anthropicWebSearchTypes(input.body.tools))) return plan;
  const scripts = scriptedText(input);
  const [cited] = SEARCH_SOURCES as [(typeof SEARCH_SOURCES)[number]];
  return {
    ...plan,
    text: scripts ? plan.text : splitWords(ANTHROPIC_SEARCH_TEXT),
    webSearch: {
      query: searchQuery(input),
      sources: SEARCH_SOURCES.map((source, i) => ({
        ...source,
        pageAge: PAGE_AGES[i % PAGE_AGES.length] as string,
      })),
      ...(!scripts && {
        citation: { ...cited, start: 0, end: ANTHROPIC_SEARCH_TEXT.length, citedText: ANTHROPIC_CITED_TEXT },
      }),
    },
  };
}

/**
 * OpenRouter's web search (the `openrouter:web_search` server tool, the `:online` model suffix or
 * the deprecated `web` plugin): the text cites iana.org's page by a markdown link named by its
 * domain (OpenRouter's search prompt asks for those), reported as a `url_citation` annotation with
 * the page's `content` and the link's span. OpenRouter reports no search of its own in the answer.
 * @see https://openrouter.ai/docs/features/web-search
 * @see https://openrouter.ai/docs/guides/features/server-tools/web-search
 */
const OPENROUTER_LINK = '[iana.org](https://www.iana.org/help/example-domains)';
export const OPENROUTER_SEARCH_TEXT = `Example domains are reserved for documentation (${OPENROUTER_LINK}).`;

function withOpenRouterWebSearch(plan: Plan, input: PlanInput): Plan {
  const { body } = input;
  const online =
    (typeof body.model === 'string' && body.model.endsWith(':online')) ||
    (Array.isArray(body.plugins) && body.plugins.some((plugin) => isObject(plugin) && plugin.id === 'web'));
  if (!online && !searches(plan, input, new Set(['openrouter:web_search']))) return plan;
  if (scriptedText(input) || plan.toolCalls.length > 0) return plan;
  const [cited] = SEARCH_SOURCES as [(typeof SEARCH_SOURCES)[number]];
  const start = OPENROUTER_SEARCH_TEXT.indexOf(OPENROUTER_LINK);
  return {
    ...plan,
    text: splitWords(OPENROUTER_SEARCH_TEXT),
    webSearch: {
      query: searchQuery(input),
      sources: [cited],
      citation: { ...cited, start, end: start + OPENROUTER_LINK.length, citedText: ANTHROPIC_CITED_TEXT },
    },
  };
}

function anthropicWebSearchTypes(tools: unknown): Set<string> {
  const types = (Array.isArray(tools) ? tools : []).map((tool) => (isObject(tool) ? String(tool.type) : ''));
  return new Set(types.filter((type) => type.startsWith('web_search_')));
}

/**
 * Tool tags Anthropic's Messages API takes, as its 400 lists them. Modelled on a real error body
 * (https://github.com/dirac-run/dirac/issues/57, `tools.0: Input tag 'function' found using 'type'
 * does not match any of the expected tags: 'bash_20250124', …`); that quote stops after
 * 'web_fetch_20260209', so the web search tags closing the list are ekai's reconstruction.
 */
const ANTHROPIC_TOOL_TAGS = [
  'bash_20250124',
  'code_execution_20250522',
  'code_execution_20250825',
  'code_execution_20260120',
  'custom',
  'memory_20250818',
  'text_editor_20250124',
  'text_editor_20250429',
  'text_editor_20250728',
  'tool_search_tool_bm25',
  'tool_search_tool_bm25_20251119',
  'tool_search_tool_regex',
  'tool_search_tool_regex_20251119',
  'web_fetch_20250910',
  'web_fetch_20260209',
  'web_search_20250305',
  'web_search_20260209',
];

/**
 * OpenAI's tool types sent to Anthropic as is (`{type: "web_search"}`, `{type: "function"}`) are
 * refused as Anthropic refuses an unknown tag. Only OpenAI's types: the beta tools Claude Code sends
 * (computer use, MCP toolsets…) are not in the quoted list, and the fake does not model the beta API.
 */
function refusedAnthropicToolType(tools: unknown): Plan['error'] {
  const openAiOnly = (OPENAI_TOOL_TYPES.responses ?? []).filter((type) => type !== 'custom');
  if (!Array.isArray(tools)) return undefined;
  const index = tools.findIndex((tool) => isObject(tool) && openAiOnly.includes(String(tool.type)));
  if (index === -1) return undefined;
  const type = String((tools[index] as JsonObject).type);
  const tags = ANTHROPIC_TOOL_TAGS.map((tag) => `'${tag}'`).join(', ');
  return {
    status: 400,
    body: anthropicErrorBody(
      'invalid_request_error',
      `tools.${index}: Input tag '${type}' found using 'type' does not match any of the expected tags: ${tags}`,
    ),
  };
}

function refusedToolType(dialect: Dialect, tools: unknown): Plan['error'] {
  const supported = OPENAI_TOOL_TYPES[dialect];
  if (!supported || !Array.isArray(tools)) return undefined;
  const index = tools.findIndex((tool) => isObject(tool) && !supported.includes(String(tool.type)));
  if (index === -1) return undefined;
  const type = String((tools[index] as JsonObject).type);
  const listed = supported.map((value) => `'${value}'`);
  const values = `${listed.slice(0, -1).join(', ')}${listed.length > 2 ? ',' : ''} and ${listed.at(-1)}`;
  return {
    status: 400,
    body: {
      error: {
        message: `Invalid value: '${type}'. Supported values are: ${values}.`,
        type: 'invalid_request_error',
        param: `tools[${index}].type`,
        code: 'invalid_value',
      },
    },
  };
}
