/**
 * OpenAI Responses writer. Event and field order follow recorded gpt-5.x streams: every event has
 * `type` and `sequence_number`, items open with `output_item.added` and close with
 * `output_item.done`, and `response.completed` carries the whole response with usage.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
import type { DialectWriter, RenderContext, Rendered } from './render.js';
import { encryptedContent, providerSearch, type ResponsesSearch } from './responses-providers.js';
import { isObject, type JsonObject, type Plan } from './scenarios.js';
import { eventFrame, type Frame } from './sse.js';

interface Ids {
  response: string;
  reasoning: string;
  message: string;
  calls: Array<{ item: string; callId: string }>;
  search: string;
}

function makeIds(context: RenderContext, search: ResponsesSearch | undefined): Ids {
  const { ids, plan } = context;
  return {
    response: `resp_${ids.hex(50)}`,
    reasoning: `rs_${ids.hex(50)}`,
    message: `msg_${ids.hex(50)}`,
    calls: plan.toolCalls.map(() => ({ item: `fc_${ids.hex(50)}`, callId: `call_${ids.token(24)}` })),
    // Drawn only for a search, so the other ids of an answer stay as they were.
    search: search ? `ws_${ids.hex(50)}` : '',
  };
}

function usage(plan: Plan): JsonObject {
  const input = plan.usage.input + plan.usage.cacheRead + plan.usage.cacheWrite;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: plan.usage.cacheRead },
    output_tokens: plan.usage.output,
    output_tokens_details: { reasoning_tokens: plan.usage.reasoning },
    total_tokens: input + plan.usage.output,
  };
}

function wantsEncryptedReasoning(body: JsonObject): boolean {
  return Array.isArray(body.include) && body.include.includes('reasoning.encrypted_content');
}

/**
 * The search the answer runs: OpenAI's as the plan has it (scenarios.ts), or xAI's or OpenRouter's
 * in their own shapes (responses-providers.ts).
 */
function searchOf(context: RenderContext): ResponsesSearch | undefined {
  const { plan, body } = context;
  if (!plan.webSearch) return providerSearch(plan.provider, body, plan);
  return {
    item: (id, done) => webSearchItem(context, id, done),
    events: ['in_progress', 'searching', 'completed'].map((stage) => `response.web_search_call.${stage}`),
    annotations: () => citationsOf(plan),
  };
}

/** Final output items, in order: reasoning, web search, message, function calls. */
function outputItems(context: RenderContext, ids: Ids, search: ResponsesSearch | undefined): JsonObject[] {
  const { plan } = context;
  const items: JsonObject[] = [];
  if (plan.thinking.length > 0) items.push(reasoningItem(context, ids, true));
  if (search) items.push(search.item(ids.search, true));
  if (plan.text.length > 0) {
    const text = plan.text.join('');
    const annotations = search?.annotations(text) ?? [];
    items.push(messageItem(ids.message, 'completed', [outputText(text, annotations)]));
  }
  plan.toolCalls.forEach((call, i) => {
    const callIds = ids.calls[i];
    if (!callIds) return;
    items.push(
      isCustomTool(context.body, call.name)
        ? customToolCallItem(callIds, call.name, customInput(call.arguments), 'completed')
        : functionCallItem(callIds, call.name, call.arguments, 'completed'),
    );
  });
  return items;
}

/**
 * A call to a tool the request declared as `{type: "custom"}` is a `custom_tool_call` item carrying
 * the free-text `input` (streamed as `response.custom_tool_call_input.delta`), not a function call.
 * Scripts give its input as `{"input": "..."}` arguments.
 * @see https://platform.openai.com/docs/guides/function-calling#custom-tools
 */
function isCustomTool(body: JsonObject, name: string): boolean {
  const tools = Array.isArray(body.tools) ? body.tools : [];
  return tools.some((tool) => isObject(tool) && tool.type === 'custom' && tool.name === name);
}

function customInput(args: string): string {
  try {
    const parsed: unknown = JSON.parse(args);
    return isObject(parsed) && typeof parsed.input === 'string' ? parsed.input : args;
  } catch {
    return args;
  }
}

function customToolCallItem(
  ids: { item: string; callId: string },
  name: string,
  input: string,
  status: string,
): JsonObject {
  return { id: ids.item, type: 'custom_tool_call', status, call_id: ids.callId, name, input };
}

function reasoningItem(context: RenderContext, ids: Ids, done: boolean): JsonObject {
  const summary = done ? [{ type: 'summary_text', text: context.plan.thinking.join('') }] : [];
  const encrypted = wantsEncryptedReasoning(context.body)
    ? { encrypted_content: encryptedContent(context.plan.provider, context.ids.blob(80)) }
    : {};
  return { id: ids.reasoning, type: 'reasoning', ...encrypted, summary };
}

function messageItem(id: string, status: string, content: JsonObject[]): JsonObject {
  return { id, type: 'message', status, content, role: 'assistant' };
}

function outputText(text: string, annotations: JsonObject[] = []): JsonObject {
  return { type: 'output_text', annotations, logprobs: [], text };
}

/**
 * A search: `action` (the query, and the sources when `include` asks for them) once it is done.
 * @see https://platform.openai.com/docs/guides/tools-web-search#output-and-citations
 */
function webSearchItem(context: RenderContext, id: string, done: boolean): JsonObject {
  const search = context.plan.webSearch;
  if (!done || !search) return { id, type: 'web_search_call', status: 'in_progress' };
  const include = context.body.include;
  const withSources = Array.isArray(include) && include.includes('web_search_call.action.sources');
  const sources = search.sources.map(({ url }) => ({ type: 'url', url }));
  return {
    id,
    type: 'web_search_call',
    status: 'completed',
    action: { type: 'search', query: search.query, ...(withSources && { sources }) },
  };
}

/** The text's `url_citation` annotations (start and end index of the citing span). */
function citationsOf(plan: Plan): JsonObject[] {
  const cited = plan.webSearch?.citation;
  if (!cited) return [];
  const { url, title, start, end } = cited;
  return [{ type: 'url_citation', end_index: end, start_index: start, title, url }];
}

function functionCallItem(
  ids: { item: string; callId: string },
  name: string,
  args: string,
  status: string,
): JsonObject {
  return { id: ids.item, type: 'function_call', status, arguments: args, call_id: ids.callId, name };
}

/** The response object; request parameters are echoed back the way the API does. */
function responseObject(
  context: RenderContext,
  ids: Ids,
  final: boolean,
  search?: ResponsesSearch,
): JsonObject {
  const { body, plan, created } = context;
  const incomplete = final && plan.stopReason === 'max_tokens';
  const reasoning = isObject(body.reasoning) ? body.reasoning : {};
  return {
    id: ids.response,
    object: 'response',
    created_at: created,
    status: final ? (incomplete ? 'incomplete' : 'completed') : 'in_progress',
    background: false,
    completed_at: final && !incomplete ? created : null,
    error: null,
    frequency_penalty: 0,
    incomplete_details: incomplete ? { reason: 'max_output_tokens' } : null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    max_tool_calls: null,
    model: plan.model,
    output: final ? outputItems(context, ids, search) : [],
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    presence_penalty: 0,
    previous_response_id: body.previous_response_id ?? null,
    prompt_cache_key: body.prompt_cache_key ?? null,
    prompt_cache_retention: null,
    reasoning: { effort: reasoning.effort ?? null, summary: reasoning.summary ?? null },
    safety_identifier: null,
    service_tier: final ? 'default' : 'auto',
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: body.text ?? { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_logprobs: 0,
    top_p: body.top_p ?? 1,
    truncation: 'disabled',
    usage: final ? usage(plan) : null,
    user: null,
    metadata: body.metadata ?? {},
  };
}

class EventLog {
  readonly frames: Frame[] = [];

  constructor(private readonly context: RenderContext) {}

  /** Fields after `type` are in the API's (alphabetical) order; sequence_number slots in. */
  emit(type: string, fields: JsonObject, terminal = false): void {
    const payload: JsonObject = { type };
    const withSequence: JsonObject = { ...fields, sequence_number: this.frames.length };
    for (const key of Object.keys(withSequence).sort()) payload[key] = withSequence[key];
    this.frames.push(eventFrame(type, payload, terminal));
  }

  obfuscation(): string {
    return this.context.ids.token(1 + ((this.frames.length * 5) % 14));
  }
}

function emitReasoning(log: EventLog, context: RenderContext, ids: Ids, outputIndex: number): void {
  const itemId = ids.reasoning;
  const text = context.plan.thinking.join('');
  const where = { item_id: itemId, output_index: outputIndex, summary_index: 0 };
  log.emit('response.output_item.added', {
    item: reasoningItem(context, ids, false),
    output_index: outputIndex,
  });
  log.emit('response.reasoning_summary_part.added', { ...where, part: { type: 'summary_text', text: '' } });
  for (const delta of context.plan.thinking) {
    log.emit('response.reasoning_summary_text.delta', { ...where, delta, obfuscation: log.obfuscation() });
  }
  log.emit('response.reasoning_summary_text.done', { ...where, text });
  log.emit('response.reasoning_summary_part.done', { ...where, part: { type: 'summary_text', text } });
  log.emit('response.output_item.done', {
    item: reasoningItem(context, ids, true),
    output_index: outputIndex,
  });
}

/** `output_item.added`, then the search's own events (OpenAI: in_progress, searching, completed), then the done item. */
function emitWebSearch(log: EventLog, search: ResponsesSearch, itemId: string, outputIndex: number): void {
  const where = { item_id: itemId, output_index: outputIndex };
  log.emit('response.output_item.added', { item: search.item(itemId, false), output_index: outputIndex });
  for (const event of search.events) log.emit(event, where);
  log.emit('response.output_item.done', { item: search.item(itemId, true), output_index: outputIndex });
}

function emitMessage(
  log: EventLog,
  plan: Plan,
  itemId: string,
  outputIndex: number,
  search: ResponsesSearch | undefined,
): void {
  const text = plan.text.join('');
  const annotations = search?.annotations(text) ?? [];
  const where = { item_id: itemId, output_index: outputIndex, content_index: 0 };
  log.emit('response.output_item.added', {
    item: messageItem(itemId, 'in_progress', []),
    output_index: outputIndex,
  });
  log.emit('response.content_part.added', { ...where, part: outputText('') });
  for (const delta of plan.text) {
    log.emit('response.output_text.delta', { ...where, delta, logprobs: [], obfuscation: log.obfuscation() });
  }
  // Citations are announced once their text has streamed.
  annotations.forEach((annotation, annotation_index) => {
    log.emit('response.output_text.annotation.added', { ...where, annotation, annotation_index });
  });
  log.emit('response.output_text.done', { ...where, logprobs: [], text });
  log.emit('response.content_part.done', { ...where, part: outputText(text, annotations) });
  log.emit('response.output_item.done', {
    item: messageItem(itemId, 'completed', [outputText(text, annotations)]),
    output_index: outputIndex,
  });
}

function emitFunctionCall(
  log: EventLog,
  call: Plan['toolCalls'][number],
  callIds: { item: string; callId: string },
  outputIndex: number,
): void {
  const where = { item_id: callIds.item, output_index: outputIndex };
  log.emit('response.output_item.added', {
    item: functionCallItem(callIds, call.name, '', 'in_progress'),
    output_index: outputIndex,
  });
  for (const delta of call.fragments) {
    log.emit('response.function_call_arguments.delta', { ...where, delta, obfuscation: log.obfuscation() });
  }
  log.emit('response.function_call_arguments.done', { ...where, name: call.name, arguments: call.arguments });
  log.emit('response.output_item.done', {
    item: functionCallItem(callIds, call.name, call.arguments, 'completed'),
    output_index: outputIndex,
  });
}

function emitCustomToolCall(
  log: EventLog,
  call: Plan['toolCalls'][number],
  callIds: { item: string; callId: string },
  outputIndex: number,
): void {
  const where = { item_id: callIds.item, output_index: outputIndex };
  const input = customInput(call.arguments);
  log.emit('response.output_item.added', {
    item: customToolCallItem(callIds, call.name, '', 'in_progress'),
    output_index: outputIndex,
  });
  // The input streams in two halves, as free text (no JSON).
  const half = Math.ceil(input.length / 2);
  for (const delta of [input.slice(0, half), input.slice(half)].filter((piece) => piece !== '')) {
    log.emit('response.custom_tool_call_input.delta', { ...where, delta, obfuscation: log.obfuscation() });
  }
  log.emit('response.custom_tool_call_input.done', { ...where, input });
  log.emit('response.output_item.done', {
    item: customToolCallItem(callIds, call.name, input, 'completed'),
    output_index: outputIndex,
  });
}

function renderStream(context: RenderContext, ids: Ids, search: ResponsesSearch | undefined): Frame[] {
  const { plan } = context;
  const log = new EventLog(context);
  log.emit('response.created', { response: responseObject(context, ids, false) });
  log.emit('response.in_progress', { response: responseObject(context, ids, false) });
  let outputIndex = 0;
  if (plan.thinking.length > 0) emitReasoning(log, context, ids, outputIndex++);
  if (search) emitWebSearch(log, search, ids.search, outputIndex++);
  if (plan.text.length > 0) emitMessage(log, plan, ids.message, outputIndex++, search);
  plan.toolCalls.forEach((call, i) => {
    const callIds = ids.calls[i];
    if (!callIds) return;
    if (isCustomTool(context.body, call.name)) emitCustomToolCall(log, call, callIds, outputIndex++);
    else emitFunctionCall(log, call, callIds, outputIndex++);
  });
  const done = plan.stopReason === 'max_tokens' ? 'response.incomplete' : 'response.completed';
  log.emit(done, { response: responseObject(context, ids, true, search) }, true);
  return log.frames;
}

export const responsesWriter: DialectWriter = {
  render(context): Rendered {
    const search = searchOf(context);
    const ids = makeIds(context, search);
    if (context.body.stream === true) return { kind: 'sse', frames: renderStream(context, ids, search) };
    return { kind: 'json', body: responseObject(context, ids, true, search) };
  },
  midStreamError: ({ type, message }, sent) =>
    eventFrame('error', {
      type: 'error',
      code: type ?? 'server_error',
      message: message ?? 'The server had an error while processing your request. Sorry about that!',
      param: null,
      sequence_number: sent,
    }),
  invalidFrame: () => ({ text: 'event: response.output_text.delta\ndata: {not json\n\n' }),
};
