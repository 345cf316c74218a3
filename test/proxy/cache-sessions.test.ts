/**
 * Issue 17, "Done means" 5: a 10-turn agent session reads the prompt cache on every turn from the
 * second, reported in the client's dialect and recorded in usage.
 * The strict fake simulates Anthropic's explicit prompt caching (test/support/fake-provider/
 * prompt-cache.ts): without breakpoints, or with breakpoints that move the prefix, nothing is read.
 * - OpenAI SDK (Chat) on Claude: OpenAI clients never mark anything, so ekai must add the marks;
 *   the read reaches the client as `usage.prompt_tokens_details.cached_tokens`
 *   (https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage).
 * - Claude Code (Messages) on Claude through OpenRouter's Chat API: Claude Code's own marks must
 *   travel as `cache_control` on content parts (https://openrouter.ai/docs/features/prompt-caching);
 *   the read reaches the client as `usage.cache_read_input_tokens`
 *   (https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching).
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { UsageEvent } from '../../src/usage/event.js';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

const TURNS = 10;

/** About 1,500 tokens of fixed instructions: above the 1,024-token minimum Claude caches. */
const AGENT_INSTRUCTIONS = Array.from(
  { length: 110 },
  (_, i) => `Rule ${i + 1}: read the file before you edit it, and say which file you read.`,
).join('\n');

/** Turn n's user request: odd turns ask for a tool (the fake's `[tool]` marker), even ones answer a result. */
const request = (turn: number) => `[tool] step ${turn}: read the next file`;
const toolResult = (turn: number) => `contents of file ${turn}`;

/** The upstream answer's usage, as the fake sent it (Messages or Chat). */
function upstreamUsage(): Record<string, unknown> {
  const { responseText } = fake.lastRequest()!;
  const lines = responseText.split('\n').filter((line) => line.startsWith('data: {'));
  const frames =
    lines.length > 0 ? lines.map((line) => JSON.parse(line.slice(6))) : [JSON.parse(responseText)];
  const withUsage = frames.filter((frame) => frame.usage ?? frame.message?.usage);
  const last = withUsage.at(-1);
  return last.usage ?? last.message.usage;
}

describe('OpenAI SDK (Chat Completions) on claude-sonnet-4-5: ekai’s breakpoints', () => {
  const tools: OpenAI.ChatCompletionTool[] = [
    {
      type: 'function',
      function: {
        name: 'read_file',
        description: 'Read a file of the repository',
        parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
      },
    },
  ];

  async function turn(
    openai: OpenAI,
    messages: OpenAI.ChatCompletionMessageParam[],
    stream: boolean,
  ): Promise<{ message: OpenAI.ChatCompletionMessageParam; usage: OpenAI.CompletionUsage }> {
    const body = { model: 'claude-sonnet-4-5', messages, tools, max_tokens: 256 };
    if (!stream) {
      const completion = await openai.chat.completions.create(body);
      return { message: completion.choices[0]!.message, usage: completion.usage! };
    }
    const chunks = await openai.chat.completions.create({
      ...body,
      stream: true,
      stream_options: { include_usage: true },
    });
    let content = '';
    const calls: OpenAI.ChatCompletionMessageFunctionToolCall[] = [];
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of chunks) {
      if (chunk.usage) usage = chunk.usage;
      const delta = chunk.choices[0]?.delta;
      content += delta?.content ?? '';
      for (const call of delta?.tool_calls ?? []) {
        const known = calls[call.index];
        if (known) known.function.arguments += call.function?.arguments ?? '';
        else
          calls[call.index] = {
            id: call.id!,
            type: 'function',
            function: { name: call.function!.name!, arguments: call.function?.arguments ?? '' },
          };
      }
    }
    const message: OpenAI.ChatCompletionAssistantMessageParam =
      calls.length > 0
        ? { role: 'assistant', content: content || null, tool_calls: calls }
        : { role: 'assistant', content };
    return { message, usage: usage! };
  }

  it('10 turns: cache writes on turn 1, reads on every later turn, told to the client and recorded', async () => {
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'system', content: AGENT_INSTRUCTIONS },
      { role: 'user', content: request(1) },
    ];
    const reads: number[] = [];
    for (let n = 1; n <= TURNS; n++) {
      const recorded = gateway.nextEvents();
      // Streams and plain answers alternate, as agents mix them.
      const { message, usage } = await turn(openai, messages, n % 2 === 0);
      const [event] = (await recorded) as [UsageEvent];
      const upstream = upstreamUsage();
      expect(fake.lastRequest()).toMatchObject({ provider: 'anthropic', dialect: 'messages' });

      const cachedTokens = usage.prompt_tokens_details?.cached_tokens ?? 0;
      expect(cachedTokens, `turn ${n}`).toBe(upstream.cache_read_input_tokens);
      // Chat's prompt_tokens holds Anthropic's three input counters.
      const { input_tokens: input, cache_creation_input_tokens: write } = upstream as Record<string, number>;
      expect(usage.prompt_tokens, `turn ${n}`).toBe(input! + cachedTokens + write!);
      expect(event.cacheReadTokens, `turn ${n}`).toBe(cachedTokens);
      expect(event.cacheWriteTokens, `turn ${n}`).toBe(upstream.cache_creation_input_tokens);
      if (n === 1) {
        expect(cachedTokens).toBe(0);
        expect(event.cacheWriteTokens).toBeGreaterThan(0);
      } else {
        expect(cachedTokens, `turn ${n}`).toBeGreaterThan(0);
        // The conversation grows and so does what the previous turn left in the cache.
        expect(cachedTokens, `turn ${n}`).toBeGreaterThan(reads.at(-1) ?? 0);
      }
      reads.push(cachedTokens);

      // The agent: a tool call is run and its result sent; a text answer gets the next request.
      messages.push(message);
      const calls = 'tool_calls' in message ? (message.tool_calls ?? []) : [];
      if (calls.length > 0) {
        for (const call of calls)
          messages.push({ role: 'tool', tool_call_id: call.id, content: toolResult(n) });
      } else {
        messages.push({ role: 'user', content: request(n + 1) });
      }
    }
  });
});

describe('Claude Code (Messages) on Claude through OpenRouter: Claude Code’s own breakpoints', () => {
  const EPHEMERAL = { type: 'ephemeral' as const };
  const SESSION = '4d2c9e8a-1f3b-4a6d-8c5e-7b9a0f1e2d3c';
  // claude-opus-5-5 (Claude Code's default) is offered by Anthropic first; the header pins OpenRouter.
  const claudeCode = () =>
    new Anthropic({
      baseURL: gateway.url,
      apiKey: 'client',
      maxRetries: 0,
      defaultHeaders: {
        'x-ekai-provider': 'openrouter',
        'x-claude-code-session-id': SESSION,
        'x-app': 'cli',
      },
    });
  const tools: Anthropic.Tool[] = [
    {
      name: 'Read',
      description: 'Reads a file from the local filesystem.',
      input_schema: {
        type: 'object',
        properties: { file_path: { type: 'string' } },
        required: ['file_path'],
      },
    },
  ];
  // As Claude Code sends it: its identity line and its instructions, both marked.
  const system: Anthropic.TextBlockParam[] = [
    {
      type: 'text',
      text: "You are Claude Code, Anthropic's official CLI for Claude.",
      cache_control: EPHEMERAL,
    },
    { type: 'text', text: AGENT_INSTRUCTIONS, cache_control: EPHEMERAL },
  ];

  /** Claude Code marks the last block of the newest user message only; earlier marks are dropped. */
  function markLastUserBlock(messages: Anthropic.MessageParam[]): Anthropic.MessageParam[] {
    return messages.map((message, index) => {
      if (typeof message.content === 'string') return message;
      const last = index === messages.length - 1;
      const content = message.content.map((block, at) => {
        const { cache_control: _mark, ...rest } = block as Anthropic.TextBlockParam;
        const marked = last && at === message.content.length - 1;
        return (marked ? { ...rest, cache_control: EPHEMERAL } : rest) as Anthropic.ContentBlockParam;
      });
      return { ...message, content } as Anthropic.MessageParam;
    });
  }

  it('10 turns: reads on every turn from the second, in the Messages usage and recorded', async () => {
    const client = claudeCode();
    const messages: Anthropic.MessageParam[] = [
      { role: 'user', content: [{ type: 'text', text: request(1) }] },
    ];
    const reads: number[] = [];
    for (let n = 1; n <= TURNS; n++) {
      const recorded = gateway.nextEvents();
      const answer = await client.messages
        .stream({
          model: 'claude-opus-5-5',
          max_tokens: 32000,
          system,
          tools,
          messages: markLastUserBlock(messages),
        })
        .finalMessage();
      const [event] = (await recorded) as [UsageEvent];
      const upstream = upstreamUsage() as {
        prompt_tokens: number;
        prompt_tokens_details: { cached_tokens: number; cache_write_tokens: number };
      };
      expect(fake.lastRequest()).toMatchObject({
        provider: 'openrouter',
        dialect: 'chat',
        body: { model: 'anthropic/claude-opus-5.5' },
      });

      const read = answer.usage.cache_read_input_tokens ?? 0;
      const write = answer.usage.cache_creation_input_tokens ?? 0;
      expect(read, `turn ${n}`).toBe(upstream.prompt_tokens_details.cached_tokens);
      expect(write, `turn ${n}`).toBe(upstream.prompt_tokens_details.cache_write_tokens);
      // Messages' input_tokens is what was neither read nor written; Chat's prompt_tokens holds all three.
      expect(answer.usage.input_tokens + read + write, `turn ${n}`).toBe(upstream.prompt_tokens);
      expect(event.cacheReadTokens, `turn ${n}`).toBe(read);
      expect(event.cacheWriteTokens, `turn ${n}`).toBe(write);
      if (n === 1) {
        expect(read).toBe(0);
        expect(write).toBeGreaterThan(0);
      } else {
        expect(read, `turn ${n}`).toBeGreaterThan(0);
        expect(read, `turn ${n}`).toBeGreaterThan(reads.at(-1) ?? 0);
      }
      reads.push(read);

      messages.push({ role: 'assistant', content: answer.content });
      const calls = answer.content.filter((block) => block.type === 'tool_use');
      if (calls.length > 0) {
        const results = calls.map(
          (call): Anthropic.ToolResultBlockParam => ({
            type: 'tool_result',
            tool_use_id: call.id,
            content: toolResult(n),
          }),
        );
        messages.push({ role: 'user', content: results });
      } else {
        messages.push({ role: 'user', content: [{ type: 'text', text: request(n + 1) }] });
      }
    }
  });
});
