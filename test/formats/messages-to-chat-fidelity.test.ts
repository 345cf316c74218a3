/**
 * Claude Code (Messages) on a Chat provider, at the converter: what reaches GPT, Grok and OpenRouter
 * of thinking and effort, prompt caching, server tools, unreadable inputs and structured outputs.
 * Expected bodies are written by hand from the documented shapes:
 * - Messages: https://docs.anthropic.com/en/api/messages (thinking, output_config, cache_control, tools)
 * - Chat: https://platform.openai.com/docs/api-reference/chat/create (response_format, prompt_cache_key)
 * - OpenRouter: https://openrouter.ai/docs/features/prompt-caching (cache_control on text parts),
 *   https://openrouter.ai/docs/guides/features/server-tools/web-search and …/web-fetch,
 *   https://openrouter.ai/docs/guides/overview/multimodal/pdfs (PDF URLs in `file_data`)
 * - xAI: Live Search (`search_parameters`) is gone from Chat Completions (410 Gone):
 *   https://docs.x.ai/docs/guides/tools/overview
 */
import { describe, expect, it } from 'vitest';
import type { MessagesRequest } from '../../src/formats/anthropic-messages/wire.js';
import type { ChatTarget } from '../../src/formats/openai-chat/chat-providers.js';
import { chatRequestFromMessages } from '../../src/formats/openai-chat/request-from-messages.js';
import { UnsupportedRequestError } from '../../src/formats/translation.js';

/** The proxy's RequestTarget as the converter reads it: the upstream model and the provider's name. */
const openai: ChatTarget = { upstreamModel: 'gpt-4o', profile: { name: 'openai' } };
const xai: ChatTarget = { upstreamModel: 'grok-4', profile: { name: 'xai' } };
const openrouterClaude: ChatTarget = {
  upstreamModel: 'anthropic/claude-opus-5.5',
  profile: { name: 'openrouter' },
};
const openrouterGemini: ChatTarget = {
  upstreamModel: 'google/gemini-2.5-pro',
  profile: { name: 'openrouter' },
};

function request(fields: Partial<MessagesRequest>): MessagesRequest {
  return {
    model: 'claude-opus-5-5',
    max_tokens: 1000,
    messages: [{ role: 'user', content: 'Hi' }],
    ...fields,
  };
}

const translate = (body: MessagesRequest, target: ChatTarget) => chatRequestFromMessages(body, target);

/** The 400 a converter throws: its message and param. */
function refusal(body: MessagesRequest, target: ChatTarget): { message: string; param?: string } {
  try {
    translate(body, target);
  } catch (error) {
    expect(error).toBeInstanceOf(UnsupportedRequestError);
    const { message, param } = error as UnsupportedRequestError;
    return { message, ...(param !== undefined && { param }) };
  }
  throw new Error('expected a 400');
}

describe('effort and thinking become a thinking intent, never dropped', () => {
  // Claude Code 2.x on a non-Claude id: adaptive thinking steered by output_config.effort
  // (TRANSLATION.md, "Observed in detail"); `/effort low` sends effort "low".
  it('adaptive thinking with output_config.effort (Claude Code /effort low) → effort low, nothing written in the body', () => {
    const translation = translate(
      request({ thinking: { type: 'adaptive' }, output_config: { effort: 'low' } }),
      openai,
    );
    expect(translation.thinking).toEqual({ effort: 'low' });
    expect(translation.body).toEqual({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 1000,
    });
    expect(translation.warnings).toEqual([]);
  });

  it.each([
    ['minimal', 'minimal'],
    ['medium', 'medium'],
    ['high', 'high'],
    ['xhigh', 'xhigh'],
    ['max', 'max'],
  ] as const)('output_config.effort %s → effort %s (the renderer clamps it to the model)', (sent, effort) => {
    expect(translate(request({ output_config: { effort: sent } }), openai).thinking).toEqual({ effort });
  });

  // Budgets by size, mirroring the Messages thinking style's budgets (low 1,024, medium 2,048,
  // high 4,096, xhigh 8,192): a budget reaches an effort at that effort's budget.
  it.each([
    [512, 'low'],
    [1024, 'low'],
    [2047, 'low'],
    [2048, 'medium'],
    [4095, 'medium'],
    [4096, 'high'],
    [8191, 'high'],
    [8192, 'xhigh'],
    [31999, 'xhigh'], // Claude Code's own budget on Sonnet 4.5
  ] as const)('thinking budget_tokens %d → effort %s', (budget, effort) => {
    const translation = translate(request({ thinking: { type: 'enabled', budget_tokens: budget } }), xai);
    expect(translation.thinking).toEqual({ effort });
    expect(translation.warnings).toEqual([]);
    expect(translation.body).not.toHaveProperty('thinking');
  });

  it('output_config.effort wins over a budget: it is the user’s own knob', () => {
    const body = request({
      thinking: { type: 'enabled', budget_tokens: 31999 },
      output_config: { effort: 'low' },
    });
    expect(translate(body, openai).thinking).toEqual({ effort: 'low' });
  });

  it('thinking disabled → effort none (the lowest the model accepts), even with an effort', () => {
    expect(translate(request({ thinking: { type: 'disabled' } }), openai).thinking).toEqual({
      effort: 'none',
    });
    const withEffort = request({ thinking: { type: 'disabled' }, output_config: { effort: 'high' } });
    expect(translate(withEffort, openai).thinking).toEqual({ effort: 'none' });
  });

  it('adaptive thinking without an effort, or no thinking at all → no intent: the model’s default', () => {
    const adaptive = translate(request({ thinking: { type: 'adaptive' } }), openai);
    expect(adaptive.thinking).toBeUndefined();
    expect(adaptive.warnings).toEqual([]);
    expect(translate(request({}), openai).thinking).toBeUndefined();
  });

  it('an effort it does not know is noted, and the model’s default applies', () => {
    const translation = translate(request({ output_config: { effort: 'extreme' } }), openai);
    expect(translation.thinking).toBeUndefined();
    expect(translation.warnings).toEqual([
      'output_config.effort "extreme" not understood: the model\'s default effort applies',
    ]);
  });

  it('other output_config fields are noted by name', () => {
    const translation = translate(request({ output_config: { effort: 'high', task_budget: 5000 } }), openai);
    expect(translation.warnings).toEqual(['output_config.task_budget not sent: Chat has no equivalent']);
  });
});

describe('prompt caching', () => {
  const ephemeral = { type: 'ephemeral' as const };
  /** Claude Code's shape: breakpoints on two system blocks and on the newest message block. */
  const claudeCodeTurn = request({
    system: [
      {
        type: 'text',
        text: 'x-anthropic-billing-header: cc_version=2.1.329.abc; cc_entrypoint=cli; cch=00000;',
      },
      { type: 'text', text: 'You are Claude Code.', cache_control: ephemeral },
      { type: 'text', text: 'Project rules.', cache_control: ephemeral },
    ],
    tools: [{ name: 'Bash', input_schema: { type: 'object', properties: { command: { type: 'string' } } } }],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'list the files', cache_control: ephemeral }] },
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'ls' } }],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: 'README.md', cache_control: ephemeral },
        ],
      },
    ],
  });
  const tools = [
    {
      type: 'function',
      function: { name: 'Bash', parameters: { type: 'object', properties: { command: { type: 'string' } } } },
    },
  ];
  const assistantCall = {
    role: 'assistant',
    content: null,
    tool_calls: [
      { id: 'toolu_1', type: 'function', function: { name: 'Bash', arguments: '{"command":"ls"}' } },
    ],
  };

  it('OpenRouter Claude model: cache_control kept on text parts (system, user text, tool result), no warning', () => {
    const translation = translate(claudeCodeTurn, openrouterClaude);
    expect(translation.body).toEqual({
      model: 'anthropic/claude-opus-5.5',
      messages: [
        {
          role: 'system',
          content: [
            { type: 'text', text: 'You are Claude Code.', cache_control: ephemeral },
            { type: 'text', text: 'Project rules.', cache_control: ephemeral },
          ],
        },
        { role: 'user', content: [{ type: 'text', text: 'list the files', cache_control: ephemeral }] },
        assistantCall,
        {
          role: 'tool',
          tool_call_id: 'toolu_1',
          content: [{ type: 'text', text: 'README.md', cache_control: ephemeral }],
        },
      ],
      max_tokens: 1000,
      tools,
    });
    expect(translation.warnings).toEqual([]);
  });

  it('OpenRouter Claude model: the top-level cache_control (automatic caching) is kept; a breakpoint on a tool definition is noted', () => {
    const body = request({
      cache_control: { type: 'ephemeral', ttl: '1h' },
      tools: [{ name: 'Bash', input_schema: { type: 'object' }, cache_control: ephemeral }],
    });
    const translation = translate(body, openrouterClaude);
    expect(translation.body).toEqual({
      model: 'anthropic/claude-opus-5.5',
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 1000,
      tools: [{ type: 'function', function: { name: 'Bash', parameters: { type: 'object' } } }],
      cache_control: { type: 'ephemeral', ttl: '1h' },
    });
    expect(translation.warnings).toEqual([
      'cache_control on 1 block(s) not sent: OpenRouter takes it on text parts only',
    ]);
  });

  it('OpenAI: breakpoints dropped with the true reason, and the system prompt stays one string', () => {
    const translation = translate(claudeCodeTurn, openai);
    expect(translation.body).toEqual({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'You are Claude Code.\n\nProject rules.' },
        { role: 'user', content: [{ type: 'text', text: 'list the files' }] },
        assistantCall,
        { role: 'tool', tool_call_id: 'toolu_1', content: 'README.md' },
      ],
      max_tokens: 1000,
      tools,
    });
    expect(translation.warnings).toEqual(['cache_control not sent: OpenAI caches prompts automatically']);
  });

  it('OpenRouter non-Claude model and xAI: dropped, each with its reason', () => {
    expect(translate(claudeCodeTurn, openrouterGemini).warnings).toEqual([
      'cache_control not sent: OpenRouter gets it for Anthropic models only',
    ]);
    expect(translate(claudeCodeTurn, xai).warnings).toEqual([
      'cache_control not sent: xAI caches prompts automatically',
    ]);
  });

  // https://platform.openai.com/docs/guides/prompt-caching: requests sharing a prompt_cache_key share a cache.
  it('the client session becomes OpenAI’s prompt_cache_key (its SHA-256, not the raw session id)', () => {
    const session = 'b1946ac9-2a1c-4c5e-9d0f-claude-session';
    const translation = translate(request({}), { ...openai, session });
    // printf %s 'b1946ac9-2a1c-4c5e-9d0f-claude-session' | sha256sum | cut -c1-32
    expect(translation.body.prompt_cache_key).toBe('77354416fd88e518e66159d705583743');
    expect(translation.warnings).toEqual([]);
  });

  it('no prompt_cache_key on xAI’s Chat (its key there is the x-grok-conv-id header) nor without a session', () => {
    expect(translate(request({}), { ...xai, session: 's' }).body).not.toHaveProperty('prompt_cache_key');
    expect(translate(request({}), openai).body).not.toHaveProperty('prompt_cache_key');
  });
});

describe("Claude Code's billing header block", () => {
  it('never becomes the first line of the system prompt (dropped without a note: it is metadata, not content)', () => {
    const translation = translate(
      request({
        system: [
          {
            type: 'text',
            text: 'x-anthropic-billing-header: cc_version=2.1.329.abc; cc_entrypoint=cli; cch=00000;',
          },
          { type: 'text', text: 'You are Claude Code.' },
        ],
      }),
      openai,
    );
    expect(translation.body.messages).toEqual([
      { role: 'system', content: 'You are Claude Code.' },
      { role: 'user', content: 'Hi' },
    ]);
    expect(translation.warnings).toEqual([]);
  });

  it('a system prompt holding only the billing block sends no system message', () => {
    const body = request({
      system: [{ type: 'text', text: 'x-anthropic-billing-header: cc_version=2.1.329;' }],
    });
    expect(translate(body, openai).body.messages).toEqual([{ role: 'user', content: 'Hi' }]);
  });
});

describe('server tools: the provider’s own equivalent, or a 400 naming the tool and the provider', () => {
  const weather = { name: 'get_weather', input_schema: { type: 'object', properties: {} } };
  const weatherTool = {
    type: 'function',
    function: { name: 'get_weather', parameters: { type: 'object', properties: {} } },
  };

  it('OpenRouter: web_search → openrouter:web_search (domains carried), noted; function tools and tool_choice kept', () => {
    const translation = translate(
      request({
        tools: [
          weather,
          {
            type: 'web_search_20250305',
            name: 'web_search',
            max_uses: 5,
            allowed_domains: ['docs.python.org'],
          },
        ],
        tool_choice: { type: 'auto' },
      }),
      openrouterGemini,
    );
    expect(translation.body).toEqual({
      model: 'google/gemini-2.5-pro',
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 1000,
      tools: [
        weatherTool,
        { type: 'openrouter:web_search', parameters: { allowed_domains: ['docs.python.org'] } },
      ],
      tool_choice: 'auto',
    });
    expect(translation.warnings).toEqual([
      'server tool "web_search" (web_search_20250305) runs as OpenRouter\'s openrouter:web_search',
      'web_search max_uses not sent: openrouter:web_search has no equivalent',
    ]);
  });

  it('OpenRouter: blocked_domains → excluded_domains; web_fetch → openrouter:web_fetch', () => {
    const translation = translate(
      request({
        tools: [
          { type: 'web_search_20250305', name: 'web_search', blocked_domains: ['example.com'] },
          {
            type: 'web_fetch_20250910',
            name: 'web_fetch',
            max_uses: 3,
            blocked_domains: ['private.example.com'],
            max_content_tokens: 20000,
            citations: { enabled: true },
          },
        ],
      }),
      openrouterClaude,
    );
    expect(translation.body.tools).toEqual([
      { type: 'openrouter:web_search', parameters: { excluded_domains: ['example.com'] } },
      {
        type: 'openrouter:web_fetch',
        parameters: { max_uses: 3, blocked_domains: ['private.example.com'], max_content_tokens: 20000 },
      },
    ]);
    expect(translation.body).not.toHaveProperty('tool_choice');
    expect(translation.warnings).toEqual([
      'server tool "web_search" (web_search_20250305) runs as OpenRouter\'s openrouter:web_search',
      'server tool "web_fetch" (web_fetch_20250910) runs as OpenRouter\'s openrouter:web_fetch',
      'web_fetch citations not sent: openrouter:web_fetch has no equivalent',
    ]);
  });

  it('OpenAI Chat: Claude Code’s WebSearch request is a 400 naming the tool and OpenAI', () => {
    const body = request({ tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 8 }] });
    expect(refusal(body, openai)).toEqual({
      message:
        'tools.0: the server tool "web_search" (web_search_20250305) cannot run on OpenAI: its Chat Completions API runs no server tools (its web search runs on the Responses API). ekai does not answer in its place.',
      param: 'tools.0',
    });
  });

  it('xAI Chat: a 400 (Live Search is retired), and web_fetch likewise', () => {
    const search = refusal(request({ tools: [{ type: 'web_search_20250305', name: 'web_search' }] }), xai);
    expect(search.message).toContain('cannot run on xAI: its Chat Completions API retired Live Search');
    const fetch = refusal(
      request({ tools: [weather, { type: 'web_fetch_20250910', name: 'web_fetch' }] }),
      xai,
    );
    expect(fetch).toMatchObject({ param: 'tools.1' });
    expect(fetch.message).toContain('"web_fetch" (web_fetch_20250910) cannot run on xAI');
  });

  it('code execution has no equivalent even on OpenRouter: 400', () => {
    const body = request({ tools: [{ type: 'code_execution_20250825', name: 'code_execution' }] });
    expect(refusal(body, openrouterClaude)).toEqual({
      message:
        'tools.0: the server tool "code_execution" (code_execution_20250825) cannot run on OpenRouter: OpenRouter has no equivalent. ekai does not answer in its place.',
      param: 'tools.0',
    });
  });

  it('a provider ekai knows nothing of (a user catalog’s, default profile): 400 too, nothing assumed', () => {
    const userProvider: ChatTarget = { upstreamModel: 'my-model', profile: { name: 'default' } };
    const body = request({ tools: [{ type: 'web_search_20250305', name: 'web_search' }] });
    expect(refusal(body, userProvider).message).toBe(
      'tools.0: the server tool "web_search" (web_search_20250305) cannot run on this provider: ekai knows no equivalent on this provider\'s Chat Completions API. ekai does not answer in its place.',
    );
  });

  it('the MCP connector (mcp_servers) is a 400 on every Chat provider', () => {
    const body = request({
      mcp_servers: [{ type: 'url', url: 'https://mcp.example.com/sse', name: 'example' }],
    });
    for (const target of [openai, xai, openrouterClaude]) {
      expect(refusal(body, target)).toMatchObject({ param: 'mcp_servers' });
    }
    expect(refusal(body, openai).message).toBe(
      'mcp_servers: the MCP connector (example) cannot run on OpenAI: no Chat provider calls MCP servers itself. ekai does not answer in its place.',
    );
  });

  it('as a step towards Responses (Messages → Responses goes through Chat): left to the next step, not refused', () => {
    const webSearch = { type: 'web_search_20250305', name: 'web_search', max_uses: 8 };
    const mcpServers = [{ type: 'url', url: 'https://mcp.example.com/sse', name: 'example' }];
    const translation = chatRequestFromMessages(
      request({ tools: [weather, webSearch], mcp_servers: mcpServers }),
      openai,
      { leaveServerTools: true },
    );
    expect(translation.body.tools).toEqual([weatherTool]);
    expect(translation.serverTools).toEqual([{ index: 1, tool: webSearch }]);
    expect(translation.warnings).toEqual([]);
  });

  it('Anthropic-defined client tools without a schema (bash) are still dropped with a note, as before', () => {
    const translation = translate(
      request({ tools: [weather, { type: 'bash_20250124', name: 'bash' }] }),
      openai,
    );
    expect(translation.body.tools).toEqual([weatherTool]);
    expect(translation.warnings).toEqual([
      'server tool "bash" (bash_20250124) dropped: it cannot run on a Chat provider',
    ]);
  });
});

describe('inputs the model would not see are a 400 naming the part', () => {
  const userContent = (content: MessagesRequest['messages'][number]['content']) =>
    request({ messages: [{ role: 'user', content }] });

  it('an image by file_id (Anthropic’s Files API)', () => {
    const body = userContent([
      { type: 'text', text: 'What is this?' },
      { type: 'image', source: { type: 'file', file_id: 'file_011' } },
    ]);
    expect(refusal(body, openai)).toEqual({
      message:
        'messages.0.content.1: image with a "file" source cannot be sent to OpenAI: its file_id names a file in Anthropic\'s Files API',
      param: 'messages.0.content.1',
    });
  });

  it('a document by URL to a provider that does not fetch it; OpenRouter fetches PDFs by URL', () => {
    const body = userContent([
      {
        type: 'document',
        title: 'paper.pdf',
        source: { type: 'url', url: 'https://arxiv.org/pdf/1706.03762' },
      },
      { type: 'text', text: 'Summarise.' },
    ]);
    expect(refusal(body, openai)).toEqual({
      message:
        'messages.0.content.0: document with a "url" source cannot be sent to OpenAI: it does not fetch documents by URL',
      param: 'messages.0.content.0',
    });
    expect(translate(body, openrouterClaude).body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'file', file: { filename: 'paper.pdf', file_data: 'https://arxiv.org/pdf/1706.03762' } },
          { type: 'text', text: 'Summarise.' },
        ],
      },
    ]);
  });

  it('a document by file_id, even inside a tool result', () => {
    const body = request({
      messages: [
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Read', input: {} }] },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              content: [
                { type: 'text', text: 'here it is' },
                { type: 'document', source: { type: 'file', file_id: 'file_022' } },
              ],
            },
          ],
        },
      ],
    });
    expect(refusal(body, openrouterClaude)).toMatchObject({ param: 'messages.1.content.0.content.1' });
  });

  it('a document given as text blocks (a content source) is read as text', () => {
    const body = userContent([
      {
        type: 'document',
        title: 'Notes',
        source: {
          type: 'content',
          content: [
            { type: 'text', text: 'one' },
            { type: 'text', text: 'two' },
          ],
        },
      },
    ]);
    expect(translate(body, openai).body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Notes\n\none\n\ntwo' }] },
    ]);
  });
});

describe('structured outputs → response_format json_schema', () => {
  const schema = {
    type: 'object',
    properties: { name: { type: 'string' } },
    required: ['name'],
    additionalProperties: false,
  };
  const responseFormat = {
    type: 'json_schema',
    json_schema: { name: 'structured_output', schema, strict: true },
  };

  it('output_config.format (with an effort beside it)', () => {
    const translation = translate(
      request({ output_config: { effort: 'medium', format: { type: 'json_schema', schema } } }),
      openai,
    );
    expect(translation.body).toEqual({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 1000,
      response_format: responseFormat,
    });
    expect(translation.thinking).toEqual({ effort: 'medium' });
    expect(translation.warnings).toEqual([]);
  });

  it('the older top-level output_format', () => {
    const translation = translate(request({ output_format: { type: 'json_schema', schema } }), xai);
    expect(translation.body.response_format).toEqual(responseFormat);
    expect(translation.warnings).toEqual([]);
  });

  it('a format without a schema is a 400, not free text', () => {
    expect(refusal(request({ output_config: { format: { type: 'json' } } }), openai)).toMatchObject({
      param: 'output_config.format',
    });
  });
});
