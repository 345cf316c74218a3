/**
 * Anthropic Messages writer (Anthropic itself, and the Anthropic-compatible endpoints of xAI and
 * Z.AI). Shapes follow recorded streams of claude-sonnet-4.5: `content_block_start` then `ping`,
 * an empty first `input_json_delta`, cumulative usage with cache fields in `message_delta`. A web
 * search (the plan's `webSearch`) comes first, as Anthropic's web search tool documents it.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool
 */
import type { DialectWriter, RenderContext, Rendered } from './render.js';
import {
  estimateInputTokens,
  type JsonObject,
  type Plan,
  type PlannedSearch,
  type PlannedUsage,
} from './scenarios.js';
import { eventFrame, type Frame, rawEventFrame } from './sse.js';
import { redactedData, signThinking } from './thinking-signatures.js';

type Block =
  | { type: 'thinking'; deltas: string[]; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'text'; deltas: string[]; citation?: JsonObject }
  | { type: 'tool_use'; id: string; name: string; fragments: string[]; arguments: string }
  | { type: 'server_tool_use'; id: string; query: string }
  | { type: 'web_search_tool_result'; toolUseId: string; content: JsonObject[] };

/** The API spells this one event with a space, unlike every other. */
const PING = rawEventFrame('ping', '{"type": "ping"}');

/** The answer's count of searches, as the usage reports it once the message is done. */
function searchUsage(plan: Plan): JsonObject {
  return plan.webSearch ? { server_tool_use: { web_search_requests: 1 } } : {};
}

function usageFields(plan: Plan, outputTokens: number, done: boolean): JsonObject {
  const { usage } = plan;
  const base = {
    input_tokens: usage.input,
    cache_creation_input_tokens: usage.cacheWrite,
    cache_read_input_tokens: usage.cacheRead,
    ...(done && searchUsage(plan)),
  };
  // Only Anthropic itself adds the 5m/1h breakdown and the service tier.
  if (plan.provider !== 'anthropic') return { ...base, output_tokens: outputTokens };
  return {
    ...base,
    cache_creation: {
      ephemeral_5m_input_tokens: usage.cacheWrite - usage.cacheWrite1h,
      ephemeral_1h_input_tokens: usage.cacheWrite1h,
    },
    output_tokens: outputTokens,
    service_tier: 'standard',
    inference_geo: 'not_available',
  };
}

function deltaUsage(plan: Plan, usage: PlannedUsage): JsonObject {
  if (plan.messageDeltaUsage === 'output-only') return { output_tokens: usage.output };
  return {
    input_tokens: usage.input,
    cache_creation_input_tokens: usage.cacheWrite,
    cache_read_input_tokens: usage.cacheRead,
    output_tokens: usage.output,
    ...searchUsage(plan),
  };
}

function blocksOf(context: RenderContext): Block[] {
  const { plan, ids, body } = context;
  const blocks: Block[] = [];
  // Signed over the text, the model and (where the model binds them) the request's messages.
  if (plan.thinking.length > 0)
    blocks.push({
      type: 'thinking',
      deltas: plan.thinking,
      signature: signThinking(plan.model, plan.thinking.join(''), body),
    });
  if (plan.redactedThinking) blocks.push({ type: 'redacted_thinking', data: redactedData(plan.model, body) });
  const search = plan.webSearch && webSearchBlocks(plan.webSearch, context);
  if (search) blocks.push(search.call, search.result);
  if (plan.text.length > 0)
    blocks.push({ type: 'text', deltas: plan.text, ...(search?.citation && { citation: search.citation }) });
  for (const call of plan.toolCalls) {
    blocks.push({
      type: 'tool_use',
      id: `toolu_01${ids.token(22)}`,
      name: call.name,
      fragments: call.fragments,
      arguments: call.arguments,
    });
  }
  return blocks;
}

/**
 * The search's blocks: `server_tool_use` (id `srvtoolu_…`, input `{query}`), `web_search_tool_result`
 * (each page with Anthropic's opaque `encrypted_content` and its age), and the citation of the text:
 * a `web_search_result_location` with its opaque `encrypted_index`.
 */
function webSearchBlocks(search: PlannedSearch, { ids }: RenderContext) {
  const id = `srvtoolu_01${ids.token(22)}`;
  const cited = search.citation;
  return {
    call: { type: 'server_tool_use', id, query: search.query } as const,
    result: {
      type: 'web_search_tool_result',
      toolUseId: id,
      content: search.sources.map((source) => ({
        type: 'web_search_result',
        url: source.url,
        title: source.title,
        encrypted_content: ids.blob(160),
        page_age: source.pageAge ?? null,
      })),
    } as const,
    citation: cited?.citedText
      ? {
          type: 'web_search_result_location',
          url: cited.url,
          title: cited.title,
          cited_text: cited.citedText,
          encrypted_index: ids.blob(48),
        }
      : undefined,
  };
}

function parseInput(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return {};
  }
}

function finalBlock(block: Block): JsonObject {
  switch (block.type) {
    case 'thinking':
      return { type: 'thinking', thinking: block.deltas.join(''), signature: block.signature };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: block.data };
    case 'text':
      return {
        type: 'text',
        text: block.deltas.join(''),
        ...(block.citation && { citations: [block.citation] }),
      };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: parseInput(block.arguments) };
    case 'server_tool_use':
      return { type: 'server_tool_use', id: block.id, name: 'web_search', input: { query: block.query } };
    case 'web_search_tool_result':
      return { type: 'web_search_tool_result', tool_use_id: block.toolUseId, content: block.content };
  }
}

function blockFrames(block: Block, index: number): Frame[] {
  const delta = (payload: JsonObject): Frame =>
    eventFrame('content_block_delta', { type: 'content_block_delta', index, delta: payload });
  const start = (contentBlock: JsonObject): Frame =>
    eventFrame('content_block_start', { type: 'content_block_start', index, content_block: contentBlock });
  const frames: Frame[] = [];
  switch (block.type) {
    case 'thinking':
      frames.push(start({ type: 'thinking', thinking: '', signature: '' }));
      for (const text of block.deltas) frames.push(delta({ type: 'thinking_delta', thinking: text }));
      frames.push(delta({ type: 'signature_delta', signature: block.signature }));
      break;
    case 'redacted_thinking':
      // Whole in its start event, as Anthropic streams it.
      frames.push(start({ type: 'redacted_thinking', data: block.data }));
      break;
    case 'text':
      frames.push(start({ type: 'text', text: '' }));
      // The citation comes before the text it covers (here, the whole block).
      if (block.citation) frames.push(delta({ type: 'citations_delta', citation: block.citation }));
      for (const text of block.deltas) frames.push(delta({ type: 'text_delta', text }));
      break;
    case 'server_tool_use':
      frames.push(start({ type: 'server_tool_use', id: block.id, name: 'web_search', input: {} }));
      frames.push(delta({ type: 'input_json_delta', partial_json: '' }));
      frames.push(delta({ type: 'input_json_delta', partial_json: JSON.stringify({ query: block.query }) }));
      break;
    case 'web_search_tool_result':
      // Whole in its start event: the results have no deltas.
      frames.push(
        start({ type: 'web_search_tool_result', tool_use_id: block.toolUseId, content: block.content }),
      );
      break;
    case 'tool_use':
      frames.push(start({ type: 'tool_use', id: block.id, name: block.name, input: {} }));
      // The API opens every tool input with an empty fragment.
      frames.push(delta({ type: 'input_json_delta', partial_json: '' }));
      for (const json of block.fragments)
        frames.push(delta({ type: 'input_json_delta', partial_json: json }));
      break;
  }
  frames.push(eventFrame('content_block_stop', { type: 'content_block_stop', index }));
  return frames;
}

function messageHead(plan: Plan, id: string): JsonObject {
  return { model: plan.model, id, type: 'message', role: 'assistant' };
}

function renderStream(context: RenderContext, id: string): Frame[] {
  const { plan } = context;
  const frames: Frame[] = [
    eventFrame('message_start', {
      type: 'message_start',
      message: {
        ...messageHead(plan, id),
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: usageFields(plan, 1, false),
      },
    }),
  ];
  const blocks = blocksOf(context);
  blocks.forEach((block, index) => {
    const [start, ...rest] = blockFrames(block, index);
    if (start) frames.push(start);
    if (index === 0) frames.push(PING);
    frames.push(...rest);
  });
  if (blocks.length === 0) frames.push(PING);
  frames.push(
    eventFrame(
      'message_delta',
      {
        type: 'message_delta',
        delta: { stop_reason: plan.stopReason, stop_sequence: null },
        usage: deltaUsage(plan, plan.usage),
      },
      true,
    ),
    eventFrame('message_stop', { type: 'message_stop' }, true),
  );
  return frames;
}

function renderMessage(context: RenderContext, id: string): JsonObject {
  const { plan } = context;
  return {
    ...messageHead(plan, id),
    content: blocksOf(context).map(finalBlock),
    stop_reason: plan.stopReason,
    stop_sequence: null,
    usage: usageFields(plan, plan.usage.output, true),
  };
}

export const messagesWriter: DialectWriter = {
  render(context): Rendered {
    const id = `msg_01${context.ids.token(22)}`;
    if (context.body.stream === true) return { kind: 'sse', frames: renderStream(context, id) };
    return { kind: 'json', body: renderMessage(context, id) };
  },
  midStreamError: ({ type, message }) =>
    eventFrame('error', {
      type: 'error',
      error: { type: type ?? 'overloaded_error', message: message ?? 'Overloaded' },
    }),
  invalidFrame: () => ({ text: 'event: content_block_delta\ndata: {not json\n\n' }),
};

/** `POST /v1/messages/count_tokens`: the same estimate as a message's `input_tokens`. */
export function countTokensBody(body: JsonObject): JsonObject {
  return { input_tokens: estimateInputTokens('count_tokens', body) };
}
