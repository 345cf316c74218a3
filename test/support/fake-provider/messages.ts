/**
 * Anthropic Messages writer (Anthropic itself, and the Anthropic-compatible endpoints of xAI and
 * Z.AI). Shapes follow recorded streams of claude-sonnet-4.5: `content_block_start` then `ping`,
 * an empty first `input_json_delta`, cumulative usage with cache fields in `message_delta`.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
import type { DialectWriter, RenderContext, Rendered } from './render.js';
import { estimateInputTokens, type JsonObject, type Plan, type PlannedUsage } from './scenarios.js';
import { eventFrame, type Frame, rawEventFrame } from './sse.js';

type Block =
  | { type: 'thinking'; deltas: string[]; signature: string }
  | { type: 'text'; deltas: string[] }
  | { type: 'tool_use'; id: string; name: string; fragments: string[]; arguments: string };

/** The API spells this one event with a space, unlike every other. */
const PING = rawEventFrame('ping', '{"type": "ping"}');

function usageFields(plan: Plan, outputTokens: number): JsonObject {
  const { usage } = plan;
  const base = {
    input_tokens: usage.input,
    cache_creation_input_tokens: usage.cacheWrite,
    cache_read_input_tokens: usage.cacheRead,
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
  };
}

function blocksOf(context: RenderContext): Block[] {
  const { plan, ids } = context;
  const blocks: Block[] = [];
  if (plan.thinking.length > 0)
    blocks.push({ type: 'thinking', deltas: plan.thinking, signature: ids.blob(120) });
  if (plan.text.length > 0) blocks.push({ type: 'text', deltas: plan.text });
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
    case 'text':
      return { type: 'text', text: block.deltas.join('') };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: parseInput(block.arguments) };
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
    case 'text':
      frames.push(start({ type: 'text', text: '' }));
      for (const text of block.deltas) frames.push(delta({ type: 'text_delta', text }));
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
        usage: usageFields(plan, 1),
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
    usage: usageFields(plan, plan.usage.output),
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
