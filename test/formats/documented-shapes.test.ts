/**
 * The expected side of the golden translation fixtures (test/fixtures/translation/**) was first written
 * by the code under test. Here every expected stream and response is checked against the providers'
 * documented shapes, written out by hand below from:
 *   - Anthropic Messages streaming: https://docs.anthropic.com/en/docs/build-with-claude/streaming
 *     (event flow and payloads); the Message object: https://docs.anthropic.com/en/api/messages;
 *     error types: https://docs.anthropic.com/en/api/errors
 *   - OpenAI Responses streaming events: https://platform.openai.com/docs/api-reference/responses-streaming;
 *     the Response object: https://platform.openai.com/docs/api-reference/responses/object
 *   - OpenAI Chat Completions chunks: https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 * A field listed here is required (extra fields are allowed: the documented shapes grow).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const TRANSLATION = fileURLToPath(new URL('../fixtures/translation/', import.meta.url));

// --- a tiny shape checker -------------------------------------------------------------------------

/** 'string', 'number', 'boolean', 'array', 'object', 'null' or a union such as 'string|null'. */
type Kind = string;
/** A kind, the allowed literal values, a nested shape, or a check of its own. */
type Rule =
  | Kind
  | readonly (string | null)[]
  | Shape
  | ((value: unknown, path: string, problems: string[]) => void);
interface Shape {
  [key: string]: Rule;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function check(value: unknown, rule: Rule, path: string, problems: string[]): void {
  if (typeof rule === 'function') {
    rule(value, path, problems);
    return;
  }
  if (typeof rule === 'string') {
    if (!rule.split('|').includes(kindOf(value)))
      problems.push(`${path}: ${kindOf(value)}, documented ${rule}`);
    return;
  }
  if (Array.isArray(rule)) {
    if (!rule.includes(value as string | null))
      problems.push(`${path}: ${JSON.stringify(value)} not documented`);
    return;
  }
  if (kindOf(value) !== 'object') {
    problems.push(`${path}: ${kindOf(value)}, documented an object`);
    return;
  }
  const object = value as Record<string, unknown>;
  for (const [key, inner] of Object.entries(rule as Shape)) {
    if (!(key in object)) problems.push(`${path}.${key}: missing`);
    else check(object[key], inner, `${path}.${key}`, problems);
  }
}

/** A rule chosen by the value's `type` field. */
function byType(shapes: Record<string, Shape>): Rule {
  return (value, path, problems) => {
    const type = (value as { type?: unknown } | null)?.type;
    const shape = typeof type === 'string' ? shapes[type] : undefined;
    if (!shape) problems.push(`${path}.type: ${JSON.stringify(type)} not documented`);
    else check(value, shape, path, problems);
  };
}

function eachOf(rule: Rule): Rule {
  return (value, path, problems) => {
    if (!Array.isArray(value)) {
      problems.push(`${path}: ${kindOf(value)}, documented an array`);
      return;
    }
    for (const [index, entry] of value.entries()) check(entry, rule, `${path}[${index}]`, problems);
  };
}

/** The `data:` payloads of an SSE text, with their `event:` names. */
function frames(sse: string): { event: string | undefined; data: string }[] {
  return sse
    .split(/\n\n+/)
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((line) => line.startsWith('event: '))?.slice('event: '.length);
      const data = lines
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice('data: '.length))
        .join('\n');
      return { event, data };
    });
}

function files(folder: string, suffix: string): string[] {
  return readdirSync(`${TRANSLATION}${folder}`)
    .filter((name) => name.endsWith(suffix))
    .sort();
}

const read = (path: string) => readFileSync(`${TRANSLATION}${path}`, 'utf8');

// --- Anthropic Messages -----------------------------------------------------------------------------

const STOP_REASONS = [
  'end_turn',
  'max_tokens',
  'stop_sequence',
  'tool_use',
  'pause_turn',
  'refusal',
  'model_context_window_exceeded',
];
const MESSAGES_USAGE: Shape = {
  input_tokens: 'number',
  output_tokens: 'number',
  cache_creation_input_tokens: 'number|null',
  cache_read_input_tokens: 'number|null',
};
const MESSAGES_BLOCK = byType({
  text: { type: 'string', text: 'string' },
  thinking: { type: 'string', thinking: 'string', signature: 'string' },
  redacted_thinking: { type: 'string', data: 'string' },
  tool_use: { type: 'string', id: 'string', name: 'string', input: 'object' },
});
const MESSAGE: Shape = {
  id: 'string',
  type: ['message'],
  role: ['assistant'],
  model: 'string',
  content: eachOf(MESSAGES_BLOCK),
  stop_reason: [...STOP_REASONS, null],
  stop_sequence: 'string|null',
  usage: MESSAGES_USAGE,
};
const MESSAGES_EVENT = byType({
  message_start: {
    type: 'string',
    message: { ...MESSAGE, content: eachOf(MESSAGES_BLOCK), stop_reason: [null] },
  },
  content_block_start: { type: 'string', index: 'number', content_block: MESSAGES_BLOCK },
  content_block_delta: {
    type: 'string',
    index: 'number',
    delta: byType({
      text_delta: { type: 'string', text: 'string' },
      input_json_delta: { type: 'string', partial_json: 'string' },
      thinking_delta: { type: 'string', thinking: 'string' },
      signature_delta: { type: 'string', signature: 'string' },
    }),
  },
  content_block_stop: { type: 'string', index: 'number' },
  message_delta: {
    type: 'string',
    delta: { stop_reason: STOP_REASONS, stop_sequence: 'string|null' },
    usage: { output_tokens: 'number' },
  },
  message_stop: { type: 'string' },
  ping: { type: 'string' },
  error: {
    type: 'string',
    error: {
      type: [
        'invalid_request_error',
        'authentication_error',
        'billing_error',
        'permission_error',
        'not_found_error',
        'request_too_large',
        'rate_limit_error',
        'api_error',
        'timeout_error',
        'overloaded_error',
      ],
      message: 'string',
    },
  },
});

function messagesStreamProblems(sse: string): string[] {
  const problems: string[] = [];
  for (const [position, frame] of frames(sse).entries()) {
    const data = JSON.parse(frame.data) as { type?: string };
    // "Each event includes a named event type and associated JSON data"; the name is the data's type.
    if (frame.event !== data.type)
      problems.push(`frame ${position}: event ${frame.event}, type ${data.type}`);
    check(data, MESSAGES_EVENT, `frame ${position}`, problems);
  }
  return problems;
}

// --- OpenAI Responses --------------------------------------------------------------------------------

const RESPONSES_USAGE: Shape = {
  input_tokens: 'number',
  input_tokens_details: { cached_tokens: 'number' },
  output_tokens: 'number',
  output_tokens_details: { reasoning_tokens: 'number' },
  total_tokens: 'number',
};
const ITEM_STATUS = ['in_progress', 'completed', 'incomplete'];
const OUTPUT_PART = byType({
  output_text: { type: 'string', text: 'string', annotations: 'array' },
  refusal: { type: 'string', refusal: 'string' },
});
const SUMMARY_PART: Shape = { type: ['summary_text'], text: 'string' };
const OUTPUT_ITEM = byType({
  message: {
    type: 'string',
    id: 'string',
    role: ['assistant'],
    status: ITEM_STATUS,
    content: eachOf(OUTPUT_PART),
  },
  function_call: { type: 'string', call_id: 'string', name: 'string', arguments: 'string' },
  custom_tool_call: { type: 'string', call_id: 'string', name: 'string', input: 'string' },
  reasoning: { type: 'string', id: 'string', summary: eachOf(SUMMARY_PART) },
});
/**
 * The Response object. Documented as required but not written by ekai, so left out here and reported
 * (issue 14): instructions, metadata, parallel_tool_calls, temperature, tool_choice, tools, top_p.
 */
const RESPONSE: Shape = {
  id: 'string',
  object: ['response'],
  created_at: 'number',
  status: ['completed', 'failed', 'in_progress', 'cancelled', 'queued', 'incomplete'],
  error: (value, path, problems) => {
    if (value !== null) check(value, { code: 'string', message: 'string' }, path, problems);
  },
  incomplete_details: (value, path, problems) => {
    if (value !== null) check(value, { reason: ['max_output_tokens', 'content_filter'] }, path, problems);
  },
  model: 'string',
  output: eachOf(OUTPUT_ITEM),
  usage: (value, path, problems) => {
    if (value !== null) check(value, RESPONSES_USAGE, path, problems);
  },
};
const item = { item_id: 'string', output_index: 'number', sequence_number: 'number', type: 'string' };
const RESPONSES_EVENT = byType({
  'response.created': { type: 'string', sequence_number: 'number', response: RESPONSE },
  'response.in_progress': { type: 'string', sequence_number: 'number', response: RESPONSE },
  'response.completed': { type: 'string', sequence_number: 'number', response: RESPONSE },
  'response.incomplete': { type: 'string', sequence_number: 'number', response: RESPONSE },
  'response.failed': { type: 'string', sequence_number: 'number', response: RESPONSE },
  'response.output_item.added': {
    type: 'string',
    sequence_number: 'number',
    output_index: 'number',
    item: OUTPUT_ITEM,
  },
  'response.output_item.done': {
    type: 'string',
    sequence_number: 'number',
    output_index: 'number',
    item: OUTPUT_ITEM,
  },
  'response.content_part.added': { ...item, content_index: 'number', part: OUTPUT_PART },
  'response.content_part.done': { ...item, content_index: 'number', part: OUTPUT_PART },
  'response.output_text.delta': { ...item, content_index: 'number', delta: 'string', logprobs: 'array' },
  'response.output_text.done': { ...item, content_index: 'number', text: 'string', logprobs: 'array' },
  'response.function_call_arguments.delta': { ...item, delta: 'string' },
  'response.function_call_arguments.done': { ...item, name: 'string', arguments: 'string' },
  'response.custom_tool_call_input.delta': { ...item, delta: 'string' },
  'response.custom_tool_call_input.done': { ...item, input: 'string' },
  'response.reasoning_summary_part.added': { ...item, summary_index: 'number', part: SUMMARY_PART },
  'response.reasoning_summary_part.done': { ...item, summary_index: 'number', part: SUMMARY_PART },
  'response.reasoning_summary_text.delta': { ...item, summary_index: 'number', delta: 'string' },
  'response.reasoning_summary_text.done': { ...item, summary_index: 'number', text: 'string' },
  error: {
    type: 'string',
    sequence_number: 'number',
    code: 'string|null',
    message: 'string',
    param: 'string|null',
  },
});

function responsesStreamProblems(sse: string): string[] {
  const problems: string[] = [];
  for (const [position, frame] of frames(sse).entries()) {
    const data = JSON.parse(frame.data) as { type?: string };
    if (frame.event !== data.type)
      problems.push(`frame ${position}: event ${frame.event}, type ${data.type}`);
    check(data, RESPONSES_EVENT, `frame ${position}`, problems);
  }
  return problems;
}

// --- OpenAI Chat Completions chunks -------------------------------------------------------------------

const FINISH_REASONS = ['stop', 'length', 'tool_calls', 'content_filter', 'function_call', null];
const CHAT_USAGE: Shape = { prompt_tokens: 'number', completion_tokens: 'number', total_tokens: 'number' };
const CHUNK: Shape = {
  id: 'string',
  object: ['chat.completion.chunk'],
  created: 'number',
  model: 'string',
  choices: eachOf({
    index: 'number',
    // Every delta field is optional; tool call fragments are keyed by index.
    delta: (value, path, problems) => {
      check(value, 'object', path, problems);
      const calls = (value as { tool_calls?: unknown } | null)?.tool_calls;
      if (calls !== undefined) check(calls, eachOf({ index: 'number' }), `${path}.tool_calls`, problems);
    },
    finish_reason: FINISH_REASONS,
  }),
};

function chatStreamProblems(sse: string): string[] {
  const problems: string[] = [];
  const all = frames(sse);
  if (all.at(-1)?.data !== '[DONE]') problems.push('does not end with data: [DONE]');
  const named = new Set<number>();
  for (const [position, frame] of all.entries()) {
    if (frame.data === '[DONE]') continue;
    const data = JSON.parse(frame.data) as Record<string, unknown>;
    // A mid-stream failure is an error object in OpenAI's error shape instead of a chunk.
    if ('error' in data) {
      check(data.error, { message: 'string', type: 'string' }, `frame ${position}.error`, problems);
      continue;
    }
    check(data, CHUNK, `frame ${position}`, problems);
    if (data.usage !== undefined && data.usage !== null)
      check(data.usage, CHAT_USAGE, `frame ${position}.usage`, problems);
    const choices = (data.choices ?? []) as { delta: { tool_calls?: Record<string, unknown>[] } }[];
    for (const call of choices.flatMap((choice) => choice.delta.tool_calls ?? [])) {
      // The first fragment of each call carries its id, type and function name.
      if (named.has(call.index as number)) continue;
      named.add(call.index as number);
      check(
        call,
        { id: 'string', type: ['function'], function: { name: 'string' } },
        `frame ${position} call`,
        problems,
      );
    }
  }
  return problems;
}

// --- upstream requests ---------------------------------------------------------------------------------

/** Anthropic Messages request body: https://docs.anthropic.com/en/api/messages (and tool use, extended thinking). */
const MESSAGES_REQUEST_BLOCK = byType({
  text: { type: 'string', text: 'string' },
  image: {
    type: 'string',
    source: byType({
      base64: { type: 'string', media_type: 'string', data: 'string' },
      url: { type: 'string', url: 'string' },
    }),
  },
  document: { type: 'string', source: 'object' },
  tool_use: { type: 'string', id: 'string', name: 'string', input: 'object' },
  tool_result: { type: 'string', tool_use_id: 'string' },
  thinking: { type: 'string', thinking: 'string', signature: 'string' },
  redacted_thinking: { type: 'string', data: 'string' },
});
const MESSAGES_REQUEST: Shape = {
  model: 'string',
  max_tokens: 'number',
  messages: eachOf({
    role: ['user', 'assistant'],
    content: (value, path, problems) => {
      if (typeof value !== 'string') check(value, eachOf(MESSAGES_REQUEST_BLOCK), path, problems);
    },
  }),
};
const MESSAGES_OPTIONAL: Record<string, Rule> = {
  system: (value, path, problems) => {
    if (typeof value !== 'string') check(value, eachOf({ type: ['text'], text: 'string' }), path, problems);
  },
  tools: eachOf({ name: 'string', input_schema: { type: ['object'] } }),
  tool_choice: byType({
    auto: { type: 'string' },
    any: { type: 'string' },
    none: { type: 'string' },
    tool: { type: 'string', name: 'string' },
  }),
  stop_sequences: eachOf('string'),
  temperature: 'number',
  top_p: 'number',
  top_k: 'number',
  stream: 'boolean',
  thinking: byType({
    enabled: { type: 'string', budget_tokens: 'number' },
    disabled: { type: 'string' },
    adaptive: { type: 'string' },
  }),
};

function messagesRequestProblems(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  check(body, MESSAGES_REQUEST, 'body', problems);
  for (const [key, rule] of Object.entries(MESSAGES_OPTIONAL))
    if (key in body) check(body[key], rule, `body.${key}`, problems);
  if (typeof body.temperature === 'number' && !(body.temperature >= 0 && body.temperature <= 1))
    problems.push(`body.temperature ${body.temperature}: documented 0..1`);
  const thinking = body.thinking as { type?: string; budget_tokens?: number } | undefined;
  if (thinking?.type === 'enabled') {
    const budget = thinking.budget_tokens ?? 0;
    if (budget < 1024 || budget >= (body.max_tokens as number))
      problems.push(`thinking budget ${budget}: documented ≥ 1024 and below max_tokens`);
  }
  // Each tool_result answers a tool_use of the assistant message just before it.
  const messages = (body.messages ?? []) as { role: string; content: unknown }[];
  for (const [index, message] of messages.entries()) {
    if (typeof message.content === 'string') continue;
    const blocks = message.content as { type: string; id?: string; tool_use_id?: string }[];
    const previous = messages[index - 1]?.content;
    const asked = new Set(
      Array.isArray(previous)
        ? (previous as { type: string; id?: string }[])
            .filter((block) => block.type === 'tool_use')
            .map((block) => block.id)
        : [],
    );
    for (const block of blocks)
      if (block.type === 'tool_result' && !asked.has(block.tool_use_id))
        problems.push(
          `messages[${index}]: tool_result ${block.tool_use_id} answers no tool_use just before it`,
        );
  }
  return problems;
}

/** OpenAI Chat Completions request body: https://platform.openai.com/docs/api-reference/chat/create */
const CHAT_REQUEST: Shape = {
  model: 'string',
  messages: eachOf((value, path, problems) => {
    const role = (value as { role?: unknown } | null)?.role;
    const shapes: Record<string, Shape> = {
      system: { role: 'string', content: 'string|array' },
      developer: { role: 'string', content: 'string|array' },
      user: { role: 'string', content: 'string|array' },
      assistant: { role: 'string' },
      tool: { role: 'string', tool_call_id: 'string', content: 'string|array' },
    };
    const shape = typeof role === 'string' ? shapes[role] : undefined;
    if (!shape) problems.push(`${path}.role: ${JSON.stringify(role)} not documented`);
    else check(value, shape, path, problems);
    const calls = (value as { tool_calls?: unknown }).tool_calls;
    if (calls !== undefined)
      check(
        calls,
        eachOf({ id: 'string', type: ['function'], function: { name: 'string', arguments: 'string' } }),
        `${path}.tool_calls`,
        problems,
      );
  }),
};
const CHAT_OPTIONAL: Record<string, Rule> = {
  tools: eachOf(
    byType({
      function: { type: 'string', function: { name: 'string' } },
      custom: { type: 'string', custom: { name: 'string' } },
    }),
  ),
  tool_choice: (value, path, problems) => {
    if (typeof value === 'string') check(value, ['none', 'auto', 'required'], path, problems);
    else check(value, { type: ['function'], function: { name: 'string' } }, path, problems);
  },
  stream: 'boolean',
  stream_options: { include_usage: 'boolean' },
  max_tokens: 'number',
  max_completion_tokens: 'number',
  stop: 'string|array',
  temperature: 'number',
  top_p: 'number',
  reasoning_effort: ['minimal', 'low', 'medium', 'high', 'none', 'xhigh'],
  response_format: byType({
    text: { type: 'string' },
    json_object: { type: 'string' },
    json_schema: { type: 'string', json_schema: { name: 'string' } },
  }),
};

function chatRequestProblems(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  check(body, CHAT_REQUEST, 'body', problems);
  for (const [key, rule] of Object.entries(CHAT_OPTIONAL))
    if (key in body) check(body[key], rule, `body.${key}`, problems);
  if ('stream_options' in body && body.stream !== true) problems.push('stream_options without stream: true');
  // A tool message answers a tool call an assistant message made before it.
  const called = new Set<string>();
  for (const [index, message] of ((body.messages ?? []) as Record<string, unknown>[]).entries()) {
    for (const call of (message.tool_calls ?? []) as { id: string }[]) called.add(call.id);
    if (message.role === 'tool' && !called.has(message.tool_call_id as string))
      problems.push(
        `messages[${index}]: tool_call_id ${String(message.tool_call_id)} answers no earlier tool call`,
      );
  }
  return problems;
}

interface RequestCase {
  name: string;
  to: 'chat' | 'messages';
  body: Record<string, unknown>;
}

function requestCases(): RequestCase[] {
  const cases: RequestCase[] = [];
  for (const file of files('messages-client/requests', '.json')) {
    const content = JSON.parse(read(`messages-client/requests/${file}`));
    for (const [index, each] of (Array.isArray(content) ? content : [content]).entries())
      cases.push({ name: `messages-client/requests/${file}#${index}`, to: 'chat', body: each.expected.body });
  }
  for (const file of files('chat-client/requests', '.json')) {
    for (const each of JSON.parse(read(`chat-client/requests/${file}`)).cases)
      if (each.messages)
        cases.push({
          name: `chat-client/requests/${file}: ${each.name}`,
          to: 'messages',
          body: each.messages,
        });
  }
  for (const file of files('responses-client/requests', '.table.json')) {
    const table = JSON.parse(read(`responses-client/requests/${file}`));
    for (const each of table.cases)
      if (each.expected?.body)
        cases.push({
          name: `responses-client/requests/${file}: ${each.name}`,
          to: table.to,
          body: each.expected.body,
        });
  }
  return cases;
}

// --- the fixtures -------------------------------------------------------------------------------------

describe('Messages-client fixtures have the documented Anthropic shapes', () => {
  it.each(files('messages-client/expected-streams', '.txt'))('expected-streams/%s', (name) => {
    expect(messagesStreamProblems(read(`messages-client/expected-streams/${name}`))).toEqual([]);
  });
  it.each(files('messages-client/responses', '.json'))('responses/%s', (name) => {
    const problems: string[] = [];
    check(JSON.parse(read(`messages-client/responses/${name}`)).expected, MESSAGE, 'message', problems);
    expect(problems).toEqual([]);
  });
});

describe('Responses-client fixtures have the documented OpenAI Responses shapes', () => {
  it.each(files('responses-client/expected-streams', '.txt'))('expected-streams/%s', (name) => {
    expect(responsesStreamProblems(read(`responses-client/expected-streams/${name}`))).toEqual([]);
  });
  it.each(files('responses-client/responses', '.json'))('responses/%s', (name) => {
    const problems: string[] = [];
    check(JSON.parse(read(`responses-client/responses/${name}`)), RESPONSE, 'response', problems);
    expect(problems).toEqual([]);
  });
});

describe('Chat-client fixtures have the documented OpenAI Chat chunk shape', () => {
  it.each(files('chat-client/streams', '.chat.txt'))('streams/%s', (name) => {
    expect(chatStreamProblems(read(`chat-client/streams/${name}`))).toEqual([]);
  });
});

describe('the shape checks catch what they are for', () => {
  it('a Messages stream missing a documented field, or with an undocumented value', () => {
    const start = (stop: string | null) =>
      `event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":${JSON.stringify(stop)},"stop_sequence":null},"usage":{"output_tokens":3}}\n\n`;
    expect(messagesStreamProblems(start('end_turn'))).toEqual([]);
    expect(messagesStreamProblems(start('finished'))).toEqual([
      'frame 0.delta.stop_reason: "finished" not documented',
    ]);
    expect(
      messagesStreamProblems('event: content_block_stop\ndata: {"type":"content_block_stop"}\n\n'),
    ).toEqual(['frame 0.index: missing']);
  });

  it('a Responses event without its sequence_number, a Chat stream without [DONE]', () => {
    expect(
      responsesStreamProblems(
        'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"hi","logprobs":[]}\n\n',
      ),
    ).toEqual(['frame 0.sequence_number: missing']);
    expect(
      chatStreamProblems(
        'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":null}]}\n\n',
      ),
    ).toEqual(['does not end with data: [DONE]']);
  });
});

describe('the request checks catch what they are for', () => {
  it('a Messages body without max_tokens, a tool_result answering nothing, a thinking budget too small', () => {
    expect(
      messagesRequestProblems({
        model: 'claude-sonnet-4-5',
        messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1' }] }],
        thinking: { type: 'enabled', budget_tokens: 512 },
      }),
    ).toEqual([
      'body.max_tokens: missing',
      'thinking budget 512: documented ≥ 1024 and below max_tokens',
      'messages[0]: tool_result toolu_1 answers no tool_use just before it',
    ]);
  });

  it('a Chat body with a tool message answering no call, and stream_options on a whole answer', () => {
    expect(
      chatRequestProblems({
        model: 'gpt-4o',
        messages: [{ role: 'tool', tool_call_id: 'call_1', content: 'sunny' }],
        stream_options: { include_usage: true },
      }),
    ).toEqual([
      'stream_options without stream: true',
      'messages[0]: tool_call_id call_1 answers no earlier tool call',
    ]);
  });
});

describe('every expected upstream request has the documented request shape', () => {
  it.each(requestCases().map((each) => [each.name, each] as const))('%s', (_name, each) => {
    const problems = each.to === 'chat' ? chatRequestProblems(each.body) : messagesRequestProblems(each.body);
    expect(problems).toEqual([]);
  });
});
