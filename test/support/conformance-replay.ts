/**
 * Replays one recorded client request through ekai on one path and checks what a client relies on.
 * The request goes as the client sent it (headers, path, query, body; only the model is renamed to
 * the path's model and credentials are left out), so the bytes ekai reads are the real client's.
 * The strict fake is scripted with the answer the recording gave (thinking, text, tool calls), and
 * the checks are:
 *   - upstream: the provider (the strict fake, which enforces the provider's documented rules)
 *     accepted what ekai sent;
 *   - dialect: the client got a well-formed answer in its own format (stream events parse, the
 *     required ones are there, blocks and items open and close);
 *   - tools: each scripted call reaches the client with its name (and namespace) and arguments;
 *   - reasoning: scripted reasoning reaches the client where the path can carry it;
 *   - usage: one usage row, for that provider, equal to the usage the client was told.
 * Every check returns a reason string on failure (null when it holds), so the test can compare
 * the outcome with the table of known gaps instead of stopping at the first assertion.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ReplayPath } from './conformance-paths.js';
import type { RecordedAnswer, RecordedCall, TraceRequest } from './conformance-traces.js';
import type { FakeProvider, Scenario } from './fake-provider/index.js';
import type { TestGateway } from './gateway.js';
import { sseEventsOf } from './sse-events.js';

/** Headers not replayed: transport, compression (answers are read as text) and credentials. */
const DROPPED_HEADERS = new Set([
  'host',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'accept-encoding',
  'authorization',
  'x-api-key',
]);

export interface ToolCallSeen {
  name: string;
  namespace?: string;
  /** Parsed JSON arguments, or a custom tool's free text. */
  input: unknown;
}

/** A client's answer, read in its own dialect. */
export interface ClientAnswer {
  toolCalls: ToolCallSeen[];
  reasoning: boolean;
  /** Whole prompt (input + cache) and output tokens, as the client was told. */
  usage: { prompt: number; output: number } | null;
}

export interface ReplayContext {
  gateway: TestGateway;
  fake: FakeProvider;
  path: ReplayPath;
}

/**
 * The path cannot be taken by this client: ekai serves the client's own format natively at that
 * provider (a Codex request for a model xAI serves over Responses never goes to xAI's Chat API).
 */
export const UNREACHABLE = Symbol('unreachable');

/** Replays one request; resolves with the first failed check's reason, or null. */
export async function replayRequest(
  request: TraceRequest,
  context: ReplayContext,
): Promise<string | null | typeof UNREACHABLE> {
  if (request.upgrade) return null; // the WebSocket transport has its own tests
  if (request.method === 'GET' && request.path.endsWith('/models')) return replayModelList(request, context);
  if (request.path.endsWith('/count_tokens')) return replayCountTokens(request, context);
  if (request.path.endsWith('/responses/compact')) return replayCompact(request, context);
  return replayGeneration(request, context);
}

function headersOf(request: TraceRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!DROPPED_HEADERS.has(name) && value !== '<redacted>') headers[name] = value;
  }
  return headers;
}

function urlOf(request: TraceRequest, gateway: TestGateway): string {
  return `${gateway.url}${request.path}${request.query ? `?${request.query}` : ''}`;
}

function send(request: TraceRequest, context: ReplayContext, body?: unknown): Promise<Response> {
  return fetch(urlOf(request, context.gateway), {
    method: request.method,
    headers: headersOf(request),
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

const renamed = (request: TraceRequest, model: string) => ({ ...(request.body as object), model });

async function replayModelList(request: TraceRequest, context: ReplayContext): Promise<string | null> {
  const response = await send(request, context);
  const text = await response.text();
  if (response.status !== 200) return `GET /v1/models answered ${response.status}: ${text.slice(0, 200)}`;
  const list = JSON.parse(text) as { data?: Array<{ id?: unknown }> };
  if (!Array.isArray(list.data) || list.data.length === 0) return 'GET /v1/models: no `data` list';
  if (!list.data.every((model) => typeof model.id === 'string'))
    return 'GET /v1/models: a model without an id';
  return null;
}

/** A real count or a clean error in the client's dialect, never a made-up 0. */
async function replayCountTokens(request: TraceRequest, context: ReplayContext): Promise<string | null> {
  const response = await send(request, context, renamed(request, context.path.alias));
  const body = (await response.json()) as {
    input_tokens?: number;
    type?: string;
    error?: { message?: string };
  };
  if (response.status === 200) {
    return typeof body.input_tokens === 'number' && body.input_tokens > 0
      ? null
      : `count_tokens answered ${JSON.stringify(body)}`;
  }
  return body.type === 'error' && body.error?.message
    ? null
    : `count_tokens: ${response.status} not in Anthropic's error shape`;
}

async function replayCompact(request: TraceRequest, context: ReplayContext): Promise<string | null> {
  const response = await send(request, context, renamed(request, context.path.alias));
  const text = await response.text();
  if (response.status !== 200) return `/responses/compact answered ${response.status}: ${text.slice(0, 200)}`;
  const body = JSON.parse(text) as { output?: unknown };
  return Array.isArray(body.output) ? null : '/responses/compact: no `output` list';
}

/** The fake's script for this request: the recording's answer, with tool names as the upstream knows them. */
function scenarioOf(answer: RecordedAnswer, upstreamName: (call: RecordedCall) => string): Scenario {
  return {
    ...(answer.thinking && { thinking: answer.thinking }),
    ...(answer.text && { text: answer.text }),
    ...(answer.calls?.length && {
      toolCalls: answer.calls.map((call) => ({
        name: upstreamName(call),
        // The fake's convention for a Responses custom tool's free text: `{"input": "..."}`.
        arguments: typeof call.input === 'string' ? { input: call.input } : call.input,
      })),
    }),
    // The web search helper's answer is the scripted text, with no search of the fake's own.
    webSearch: false,
  };
}

const isGeneration = (dialect: string | null) =>
  dialect === 'chat' || dialect === 'messages' || dialect === 'responses';

async function replayGeneration(
  request: TraceRequest,
  context: ReplayContext,
): Promise<string | null | typeof UNREACHABLE> {
  const { fake, gateway, path } = context;
  const clientFormat = request.path.endsWith('/responses') ? 'responses' : 'messages';
  const answer = request.answer ?? {};
  const body = renamed(request, path.alias);
  // A namespaced call is answered under the name ekai gave the function upstream (providers
  // without namespaces see it flattened): learn it from one unscripted request first.
  let tools: string[] = [];
  if (answer.calls?.some((call) => call.namespace)) {
    const probed = gateway.nextEvents();
    await (await send(request, context, body)).text();
    await probed;
    tools = upstreamToolNames(fake.lastRequest()?.body);
    fake.reset();
  }
  const upstreamName = (call: RecordedCall) =>
    call.namespace
      ? (tools.find(
          (name) => name !== call.name && name.includes(call.namespace!) && name.endsWith(call.name),
        ) ?? call.name)
      : call.name;
  fake.script(scenarioOf(answer, upstreamName), { provider: path.provider, dialect: path.format });

  const recorded = gateway.nextEvents();
  const response = await send(request, context, body);
  const text = await response.text();
  const upstream = fake.requests.filter((record) => isGeneration(record.dialect)).at(-1);
  if (!upstream) return `no upstream request (ekai answered ${response.status}: ${text.slice(0, 300)})`;
  if (upstream.provider !== path.provider || upstream.dialect !== path.format) {
    if (upstream.provider === path.provider && upstream.dialect === clientFormat) return UNREACHABLE;
    return `went to ${upstream.provider} ${upstream.dialect}, not ${path.provider} ${path.format}`;
  }
  if (upstream.status !== 200)
    return `upstream refused (${upstream.status}): ${upstream.responseText.slice(0, 300)}`;
  if (response.status !== 200) return `ekai answered ${response.status}: ${text.slice(0, 300)}`;

  const streamed = (body as { stream?: unknown }).stream === true;
  let seen: ClientAnswer;
  try {
    seen =
      clientFormat === 'messages' ? readMessagesAnswer(text, streamed) : readResponsesAnswer(text, streamed);
  } catch (error) {
    return `malformed ${clientFormat} answer: ${(error as Error).message}`;
  }

  // A namespace is ekai's to restore when it translated the call; in the client's own format the
  // item is relayed as the provider wrote it (the strict fake writes none).
  const translated = path.format !== clientFormat;
  const expectedCalls = (answer.calls ?? []).map((call) => ({
    name: call.name,
    ...(call.namespace && translated && { namespace: call.namespace }),
    input: call.input,
  }));
  if (!isDeepStrictEqual(seen.toolCalls, expectedCalls)) {
    return `tool calls: client got ${JSON.stringify(seen.toolCalls)}, scripted ${JSON.stringify(expectedCalls)}`;
  }
  if (answer.thinking && path.carriesReasoning && !seen.reasoning)
    return 'reasoning did not reach the client';

  const [event] = await recorded;
  if (event?.outcome !== 'ok' || event.provider !== path.provider) {
    return `usage row: ${JSON.stringify(event && { outcome: event.outcome, provider: event.provider, error: event.errorMessage })}`;
  }
  if (!seen.usage) return 'the client was told no usage';
  const recordedPrompt = event.inputTokens + event.cacheReadTokens + event.cacheWriteTokens;
  if (recordedPrompt !== seen.usage.prompt || event.outputTokens !== seen.usage.output) {
    return `usage: recorded ${recordedPrompt} in / ${event.outputTokens} out, client told ${seen.usage.prompt} / ${seen.usage.output}`;
  }
  return null;
}

function upstreamToolNames(body: unknown): string[] {
  const tools = (body as { tools?: Array<{ name?: string; function?: { name?: string } }> } | undefined)
    ?.tools;
  return (tools ?? []).map((tool) => tool.name ?? tool.function?.name ?? '').filter(Boolean);
}

// ---------------------------------------------------------------- client dialects, read by hand
// Shapes: https://docs.anthropic.com/en/docs/build-with-claude/streaming and
// https://platform.openai.com/docs/api-reference/responses-streaming

type Json = Record<string, unknown>;

function eventsOf(text: string): Json[] {
  return sseEventsOf(text)
    .filter((event) => event.data !== '[DONE]')
    .map((event) => {
      const data = JSON.parse(event.data) as Json;
      if (event.event && data.type !== event.event)
        throw new Error(`event ${event.event} carries type ${data.type}`);
      return data;
    });
}

function parseInput(raw: string): unknown {
  return raw === '' ? {} : JSON.parse(raw);
}

function readMessagesAnswer(text: string, streamed: boolean): ClientAnswer {
  if (!streamed) {
    const message = JSON.parse(text) as { type?: string; content?: Json[]; usage?: Json };
    if (message.type !== 'message' || !Array.isArray(message.content)) throw new Error('not a message');
    return {
      toolCalls: message.content
        .filter((block) => block.type === 'tool_use')
        .map((block) => ({ name: block.name as string, input: block.input })),
      reasoning: message.content.some(
        (block) => block.type === 'thinking' || block.type === 'redacted_thinking',
      ),
      usage: messagesUsage(message.usage ?? {}),
    };
  }
  const events = eventsOf(text);
  const error = events.find((event) => event.type === 'error');
  if (error) throw new Error(`error event ${JSON.stringify(error.error)}`);
  if (events[0]?.type !== 'message_start') throw new Error(`first event ${events[0]?.type}`);
  if (events.at(-1)?.type !== 'message_stop') throw new Error(`last event ${events.at(-1)?.type}`);
  const open = new Map<number, { block: Json; json: string }>();
  const blocks: Array<{ block: Json; json: string }> = [];
  let usage: Json = {};
  let stopReason: unknown;
  for (const event of events) {
    if (event.type === 'message_start') usage = mergeCounts(usage, (event.message as Json).usage);
    if (event.type === 'message_delta') {
      usage = mergeCounts(usage, event.usage);
      stopReason = (event.delta as Json).stop_reason;
    }
    const index = event.index as number;
    if (event.type === 'content_block_start') {
      if (open.has(index)) throw new Error(`block ${index} opened twice`);
      const entry = { block: event.content_block as Json, json: '' };
      open.set(index, entry);
      blocks.push(entry);
    }
    if (event.type === 'content_block_delta') {
      const entry = open.get(index);
      if (!entry) throw new Error(`delta for block ${index}, which is not open`);
      const delta = event.delta as Json;
      if (delta.type === 'input_json_delta') entry.json += delta.partial_json as string;
    }
    if (event.type === 'content_block_stop' && !open.delete(index))
      throw new Error(`block ${index} closed, not open`);
  }
  if (open.size > 0) throw new Error('a block was never closed');
  if (!stopReason) throw new Error('no message_delta with a stop_reason');
  return {
    toolCalls: blocks
      .filter(({ block }) => block.type === 'tool_use')
      .map(({ block, json }) => ({ name: block.name as string, input: parseInput(json) })),
    reasoning: blocks.some(({ block }) => block.type === 'thinking' || block.type === 'redacted_thinking'),
    usage: messagesUsage(usage),
  };
}

/** Anthropic's input_tokens excludes cache reads and writes, reported beside it. */
function messagesUsage(usage: Json): ClientAnswer['usage'] {
  const count = (field: string) => (typeof usage[field] === 'number' ? (usage[field] as number) : 0);
  if (typeof usage.output_tokens !== 'number') return null;
  return {
    prompt: count('input_tokens') + count('cache_read_input_tokens') + count('cache_creation_input_tokens'),
    output: count('output_tokens'),
  };
}

/** Providers report cumulative counts: per field the larger wins (a later 0 is not a correction). */
function mergeCounts(earlier: Json, later: unknown): Json {
  const merged = { ...earlier };
  for (const [key, value] of Object.entries((later as Json | null) ?? {})) {
    if (typeof value === 'number') merged[key] = Math.max(value, (merged[key] as number | undefined) ?? 0);
  }
  return merged;
}

function readResponsesAnswer(text: string, streamed: boolean): ClientAnswer {
  let response: Json;
  if (!streamed) {
    response = JSON.parse(text) as Json;
  } else {
    const events = eventsOf(text);
    const failure = events.find((event) => event.type === 'error' || event.type === 'response.failed');
    if (failure) throw new Error(`${failure.type} ${JSON.stringify(failure.error ?? failure.response)}`);
    if (events[0]?.type !== 'response.created') throw new Error(`first event ${events[0]?.type}`);
    const last = events.at(-1);
    if (last?.type !== 'response.completed') throw new Error(`last event ${last?.type}`);
    const added = new Set<number>();
    const done: Json[] = [];
    for (const event of events) {
      if (event.type === 'response.output_item.added') added.add(event.output_index as number);
      if (event.type === 'response.output_item.done') {
        if (!added.delete(event.output_index as number))
          throw new Error(`item ${event.output_index} done, not added`);
        done.push(event.item as Json);
      }
    }
    if (added.size > 0) throw new Error('an output item was never done');
    response = last.response as Json;
    const kinds = (items: Json[]) => items.map((item) => `${item.type}:${item.id ?? item.call_id}`).join(',');
    if (kinds(response.output as Json[]) !== kinds(done)) {
      throw new Error(
        `response.completed output (${kinds(response.output as Json[])}) is not the items streamed (${kinds(done)})`,
      );
    }
  }
  const output = (response.output ?? []) as Json[];
  const usage = response.usage as Json | null;
  return {
    toolCalls: output
      .filter((item) => item.type === 'function_call' || item.type === 'custom_tool_call')
      .map((item) => ({
        name: item.name as string,
        ...(typeof item.namespace === 'string' && { namespace: item.namespace }),
        input: item.type === 'custom_tool_call' ? item.input : parseInput(item.arguments as string),
      })),
    reasoning: output.some((item) => item.type === 'reasoning'),
    usage:
      usage && typeof usage.output_tokens === 'number'
        ? { prompt: usage.input_tokens as number, output: usage.output_tokens as number }
        : null,
  };
}
