/**
 * Turns a request plus a scenario (scripted, or read from markers in the last user message) into a
 * dialect-neutral plan that the three writers render. Usage is computed here once, so streaming
 * and non-streaming answers to the same request report the same numbers.
 */
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
  /** All generated tokens, reasoning included. */
  output: number;
  reasoning: number;
}

export interface Plan {
  provider: ProviderName;
  model: string;
  thinking: string[];
  text: string[];
  toolCalls: PlannedToolCall[];
  stopReason: StopReason;
  usage: PlannedUsage;
  messageDeltaUsage: 'full' | 'output-only';
  error?: Pick<Fault, 'status' | 'headers' | 'body'>;
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

function plannedUsage(
  scenario: Scenario,
  dialect: Dialect,
  body: JsonObject,
  output: { thinking: string[]; text: string[]; toolCalls: PlannedToolCall[] },
): PlannedUsage {
  const custom = isObject(scenario.cache) ? scenario.cache : undefined;
  const cache =
    scenario.cache === true
      ? CACHE_DEFAULT
      : custom && { input: custom.input ?? CACHE_DEFAULT.input, read: custom.read, write: custom.write };
  const fragments = output.toolCalls.reduce((sum, call) => sum + call.fragments.length, 0);
  return {
    input: scenario.usage?.inputTokens ?? cache?.input ?? estimateInputTokens(dialect, body),
    cacheRead: cache?.read ?? 0,
    cacheWrite: cache?.write ?? 0,
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
}

export function planResponse({ provider, dialect, body, scripted }: PlanInput): Plan {
  const conversation = readConversation(dialect, body);
  const scenario = scripted ?? scenarioFromText(conversation.lastUserText);
  const toolCalls = plannedToolCalls(scenario, conversation, scripted !== undefined);
  const thinking = thinkingDeltas(scenario.thinking);
  const text = textDeltas(scenario, provider, conversation.lastUserText, toolCalls.length > 0);
  const error = typeof scenario.error === 'number' ? { status: scenario.error } : scenario.error;
  return {
    provider,
    model: scenario.model ?? (typeof body.model === 'string' ? body.model : 'unknown'),
    thinking,
    text,
    toolCalls,
    stopReason: scenario.stopReason ?? (toolCalls.length > 0 ? 'tool_use' : 'end_turn'),
    usage: plannedUsage(scenario, dialect, body, { thinking, text, toolCalls }),
    messageDeltaUsage: scenario.messageDeltaUsage ?? 'full',
    ...(error ? { error } : {}),
  };
}
