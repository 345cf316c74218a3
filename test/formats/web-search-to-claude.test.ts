/**
 * OpenAI-dialect web search on a Claude model (issue 17, "Server tools … map to the provider's own
 * equivalent where one exists"): a Responses `web_search` / `web_search_preview` tool and Chat
 * `web_search_options` become Anthropic's web search server tool; what it cannot carry is a note; a
 * Messages provider without web search (Z.AI) is a 400 naming the tool and the provider. Expected
 * bodies are written by hand from the documented shapes:
 * - https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool (`{type:
 *   "web_search_20250305", name: "web_search", allowed_domains?, user_location?: {type: "approximate",
 *   city, region, country, timezone}, max_uses?}`)
 * - https://platform.openai.com/docs/guides/tools-web-search (Responses `{type: "web_search",
 *   filters: {allowed_domains}, user_location: {type: "approximate", city, country, region,
 *   timezone}, search_context_size}`)
 * - https://platform.openai.com/docs/api-reference/chat/create#chat-create-web_search_options (Chat
 *   `web_search_options: {search_context_size, user_location: {type: "approximate", approximate:
 *   {city, country, region, timezone}}}`)
 * ekai's own additions to every Chat → Messages body (TRANSLATION.md, "Requests, Chat → Messages"):
 * `max_tokens` defaulted to the model's output limit, cache breakpoints on the last tool and the last
 * user turn.
 */
import { describe, expect, it } from 'vitest';
import { messagesRequestFromChat } from '../../src/formats/anthropic-messages/request-from-chat.js';
import { messagesRequestFromResponses } from '../../src/formats/anthropic-messages/request-from-responses.js';
import { chatRequestFromResponses } from '../../src/formats/openai-chat/request-from-responses.js';
import type { ChatRequest } from '../../src/formats/openai-chat/wire.js';
import type { ResponsesRequest } from '../../src/formats/openai-responses/wire.js';
import { UnsupportedRequestError } from '../../src/formats/translation.js';

/** The proxy's target: its profile names the provider. */
const ON_ANTHROPIC = { upstreamModel: 'claude-sonnet-4-6', maxOutput: 64000, profile: { name: 'anthropic' } };
const ON_ZAI = { upstreamModel: 'glm-5.3', maxOutput: 131072, profile: { name: 'zai' } };
const ON_XAI_CHAT = { upstreamModel: 'grok-4.7', maxOutput: 64000, profile: { name: 'xai' } };

const EPHEMERAL = { type: 'ephemeral' };
const SHELL = {
  type: 'function',
  name: 'shell',
  description: 'Runs a command.',
  parameters: { type: 'object', properties: { command: { type: 'string' } } },
};

function responses(tools: unknown[]): ResponsesRequest {
  return { model: 'claude-sonnet-4-6', input: 'Latest news on example.com?', tools } as ResponsesRequest;
}

function chat(fields: Record<string, unknown>): ChatRequest {
  return {
    model: 'claude-sonnet-4-6',
    messages: [{ role: 'user', content: 'Weather in Paris today?' }],
    ...fields,
  } as ChatRequest;
}

function refusal(run: () => unknown): UnsupportedRequestError {
  try {
    run();
  } catch (error) {
    if (error instanceof UnsupportedRequestError) return error;
    throw error;
  }
  throw new Error('no UnsupportedRequestError was thrown');
}

describe('Responses web_search → Anthropic web search', () => {
  it('maps the tool beside the function tools, its domains and location carried, its context size noted', () => {
    const translation = messagesRequestFromResponses(
      responses([
        SHELL,
        {
          type: 'web_search_preview',
          filters: { allowed_domains: ['example.com', 'iana.org'] },
          user_location: {
            type: 'approximate',
            city: 'Paris',
            region: 'Île-de-France',
            country: 'FR',
            timezone: 'Europe/Paris',
          },
          search_context_size: 'high',
        },
      ]),
      ON_ANTHROPIC,
    );
    expect(translation.body).toEqual({
      model: 'claude-sonnet-4-6',
      messages: [
        {
          role: 'user',
          content: [{ type: 'text', text: 'Latest news on example.com?', cache_control: EPHEMERAL }],
        },
      ],
      max_tokens: 64000,
      tools: [
        {
          name: 'shell',
          description: 'Runs a command.',
          input_schema: { type: 'object', properties: { command: { type: 'string' } } },
        },
        {
          type: 'web_search_20250305',
          name: 'web_search',
          allowed_domains: ['example.com', 'iana.org'],
          user_location: {
            type: 'approximate',
            city: 'Paris',
            region: 'Île-de-France',
            country: 'FR',
            timezone: 'Europe/Paris',
          },
          cache_control: EPHEMERAL,
        },
      ],
    });
    expect(translation.warnings).toEqual([
      "tools.1 (web_search_preview) runs as Anthropic's web_search_20250305 tool",
      "tools.1 (web_search_preview) search_context_size not sent: Anthropic's web search has no equivalent",
    ]);
  });

  it("sends Codex's bare web_search tool as the bare Anthropic tool, with no other note", () => {
    const translation = messagesRequestFromResponses(
      responses([{ type: 'web_search', external_web_access: true }]),
      ON_ANTHROPIC,
    );
    expect(translation.body.tools).toEqual([
      { type: 'web_search_20250305', name: 'web_search', cache_control: EPHEMERAL },
    ]);
    expect(translation.warnings).toEqual([
      "tools.0 (web_search) runs as Anthropic's web_search_20250305 tool",
    ]);
  });

  it('sends one tool when the client offers two web searches (Anthropic wants tool names unique)', () => {
    const translation = messagesRequestFromResponses(
      responses([{ type: 'web_search' }, { type: 'web_search_preview' }]),
      ON_ANTHROPIC,
    );
    expect(translation.body.tools).toEqual([
      { type: 'web_search_20250305', name: 'web_search', cache_control: EPHEMERAL },
    ]);
    expect(translation.warnings).toContain(
      "tools.1 (web_search_preview) not sent: Anthropic's web search runs once per request, as tools.0 (web_search)",
    );
  });

  it('refuses on Z.AI a request that is about searching (the search tool alone), naming tool and provider', () => {
    const error = refusal(() => messagesRequestFromResponses(responses([{ type: 'web_search' }]), ON_ZAI));
    expect(error.param).toBe('tools.0');
    expect(error.message).toBe(
      "tools.0: web search (tools.0 (web_search)) cannot run on Z.AI: Z.AI's Anthropic-compatible API runs no web search server tool (its search is an MCP server). ekai does not answer in its place.",
    );
  });

  it('refuses on Z.AI a search forced by tool_choice, beside function tools', () => {
    const request = { ...responses([SHELL, { type: 'web_search' }]), tool_choice: { type: 'web_search' } };
    const error = refusal(() => messagesRequestFromResponses(request as ResponsesRequest, ON_ZAI));
    expect(error.param).toBe('tools.1');
  });

  it("on Z.AI, Codex's every-turn offer beside its function tools is not sent, with a note naming the provider", () => {
    const translation = messagesRequestFromResponses(responses([SHELL, { type: 'web_search' }]), ON_ZAI);
    expect(translation.body.tools).toEqual([
      {
        name: 'shell',
        description: 'Runs a command.',
        input_schema: { type: 'object', properties: { command: { type: 'string' } } },
        cache_control: EPHEMERAL,
      },
    ]);
    expect(translation.warnings).toContain(
      "tools.1 (web_search) not sent: Z.AI's Anthropic-compatible API runs no web search server tool (its search is an MCP server)",
    );
  });

  it('refuses on a provider ekai knows nothing of', () => {
    const unknown = { upstreamModel: 'my-model', maxOutput: 8192, profile: { name: 'default' } };
    const error = refusal(() => messagesRequestFromResponses(responses([{ type: 'web_search' }]), unknown));
    expect(error.message).toContain(
      "cannot run on this provider: ekai knows no web search on this provider's Messages API",
    );
  });

  it('keeps a Chat provider as today: the hosted tool dropped with a note, nothing of it in the body', () => {
    const translation = chatRequestFromResponses(responses([SHELL, { type: 'web_search' }]), ON_XAI_CHAT);
    expect(translation.warnings).toContain('web_search tool dropped: only OpenAI runs hosted tools');
    expect(translation.body.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'shell',
          description: 'Runs a command.',
          parameters: { type: 'object', properties: { command: { type: 'string' } } },
        },
      },
    ]);
    expect(translation).not.toHaveProperty('webSearch');
    expect(JSON.stringify(translation.body)).not.toContain('web_search');
  });
});

describe('Chat web_search_options → Anthropic web search', () => {
  it('becomes the tool, the nested approximate location flattened, the context size noted', () => {
    const translation = messagesRequestFromChat(
      chat({
        web_search_options: {
          search_context_size: 'low',
          user_location: {
            type: 'approximate',
            approximate: { city: 'Paris', country: 'FR', timezone: 'Europe/Paris' },
          },
        },
      }),
      ON_ANTHROPIC,
    );
    expect(translation.body).toEqual({
      model: 'claude-sonnet-4-6',
      messages: [
        {
          role: 'user',
          content: [{ type: 'text', text: 'Weather in Paris today?', cache_control: EPHEMERAL }],
        },
      ],
      max_tokens: 64000,
      tools: [
        {
          type: 'web_search_20250305',
          name: 'web_search',
          user_location: { type: 'approximate', city: 'Paris', country: 'FR', timezone: 'Europe/Paris' },
          cache_control: EPHEMERAL,
        },
      ],
    });
    expect(translation.warnings).toEqual([
      "web_search_options runs as Anthropic's web_search_20250305 tool",
      "web_search_options search_context_size not sent: Anthropic's web search has no equivalent",
    ]);
  });

  it('turns search on with empty options, as Chat does', () => {
    const translation = messagesRequestFromChat(chat({ web_search_options: {} }), ON_ANTHROPIC);
    expect(translation.body.tools).toEqual([
      { type: 'web_search_20250305', name: 'web_search', cache_control: EPHEMERAL },
    ]);
  });

  it('refuses on Z.AI with param web_search_options', () => {
    const error = refusal(() => messagesRequestFromChat(chat({ web_search_options: {} }), ON_ZAI));
    expect(error.param).toBe('web_search_options');
    expect(error.message).toMatch(
      /^web_search_options: web search \(web_search_options\) cannot run on Z\.AI: /,
    );
  });

  it('refuses a function tool that takes the name web_search beside it', () => {
    const tools = [{ type: 'function', function: { name: 'web_search', parameters: { type: 'object' } } }];
    const error = refusal(() =>
      messagesRequestFromChat(chat({ web_search_options: {}, tools }), ON_ANTHROPIC),
    );
    expect(error.param).toBe('tools');
  });
});
