/**
 * OpenAI Responses writer. Event and field order follow recorded gpt-5.x streams: every event has
 * `type` and `sequence_number`, items open with `output_item.added` and close with
 * `output_item.done`, and `response.completed` carries the whole response with usage.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
import type { DialectWriter, RenderContext, Rendered } from './render.js';
import { isObject, type JsonObject, type Plan } from './scenarios.js';
import { eventFrame, type Frame } from './sse.js';

interface Ids {
  response: string;
  reasoning: string;
  message: string;
  calls: Array<{ item: string; callId: string }>;
}

function makeIds(context: RenderContext): Ids {
  const { ids, plan } = context;
  return {
    response: `resp_${ids.hex(50)}`,
    reasoning: `rs_${ids.hex(50)}`,
    message: `msg_${ids.hex(50)}`,
    calls: plan.toolCalls.map(() => ({ item: `fc_${ids.hex(50)}`, callId: `call_${ids.token(24)}` })),
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

/** Final output items, in order: reasoning, message, function calls. */
function outputItems(context: RenderContext, ids: Ids): JsonObject[] {
  const { plan } = context;
  const items: JsonObject[] = [];
  if (plan.thinking.length > 0) items.push(reasoningItem(context, ids, true));
  if (plan.text.length > 0) {
    items.push(messageItem(ids.message, 'completed', [outputText(plan.text.join(''))]));
  }
  plan.toolCalls.forEach((call, i) => {
    const callIds = ids.calls[i];
    if (callIds) items.push(functionCallItem(callIds, call.name, call.arguments, 'completed'));
  });
  return items;
}

function reasoningItem(context: RenderContext, ids: Ids, done: boolean): JsonObject {
  const summary = done ? [{ type: 'summary_text', text: context.plan.thinking.join('') }] : [];
  const encrypted = wantsEncryptedReasoning(context.body)
    ? { encrypted_content: `gAAAAAB${context.ids.blob(80)}` }
    : {};
  return { id: ids.reasoning, type: 'reasoning', ...encrypted, summary };
}

function messageItem(id: string, status: string, content: JsonObject[]): JsonObject {
  return { id, type: 'message', status, content, role: 'assistant' };
}

function outputText(text: string): JsonObject {
  return { type: 'output_text', annotations: [], logprobs: [], text };
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
function responseObject(context: RenderContext, ids: Ids, final: boolean): JsonObject {
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
    output: final ? outputItems(context, ids) : [],
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

function emitMessage(log: EventLog, plan: Plan, itemId: string, outputIndex: number): void {
  const text = plan.text.join('');
  const where = { item_id: itemId, output_index: outputIndex, content_index: 0 };
  log.emit('response.output_item.added', {
    item: messageItem(itemId, 'in_progress', []),
    output_index: outputIndex,
  });
  log.emit('response.content_part.added', { ...where, part: outputText('') });
  for (const delta of plan.text) {
    log.emit('response.output_text.delta', { ...where, delta, logprobs: [], obfuscation: log.obfuscation() });
  }
  log.emit('response.output_text.done', { ...where, logprobs: [], text });
  log.emit('response.content_part.done', { ...where, part: outputText(text) });
  log.emit('response.output_item.done', {
    item: messageItem(itemId, 'completed', [outputText(text)]),
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

function renderStream(context: RenderContext, ids: Ids): Frame[] {
  const { plan } = context;
  const log = new EventLog(context);
  log.emit('response.created', { response: responseObject(context, ids, false) });
  log.emit('response.in_progress', { response: responseObject(context, ids, false) });
  let outputIndex = 0;
  if (plan.thinking.length > 0) emitReasoning(log, context, ids, outputIndex++);
  if (plan.text.length > 0) emitMessage(log, plan, ids.message, outputIndex++);
  plan.toolCalls.forEach((call, i) => {
    const callIds = ids.calls[i];
    if (callIds) emitFunctionCall(log, call, callIds, outputIndex++);
  });
  const done = plan.stopReason === 'max_tokens' ? 'response.incomplete' : 'response.completed';
  log.emit(done, { response: responseObject(context, ids, true) }, true);
  return log.frames;
}

export const responsesWriter: DialectWriter = {
  render(context): Rendered {
    const ids = makeIds(context);
    if (context.body.stream === true) return { kind: 'sse', frames: renderStream(context, ids) };
    return { kind: 'json', body: responseObject(context, ids, true) };
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
