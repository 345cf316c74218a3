/**
 * The whole loop a Codex turn makes, with the real openai SDK as the client and the fake provider as
 * the upstream: the SDK's Responses request is translated (Chat for xAI and OpenRouter, Messages for
 * Anthropic and Z.AI), sent, and the answer — streamed or not — translated back; the SDK's output
 * items then go back as the next request's input, with the function call's output.
 */

import OpenAI from 'openai';
import type {
  ResponseFunctionToolCall,
  ResponseInputItem,
  ResponseOutputItem,
} from 'openai/resources/responses/responses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesRequestFromResponses } from '../../../src/formats/anthropic-messages/request-from-responses.js';
import type { MessagesResponse } from '../../../src/formats/anthropic-messages/wire.js';
import { chatRequestFromResponses } from '../../../src/formats/openai-chat/request-from-responses.js';
import type { ChatResponse } from '../../../src/formats/openai-chat/wire.js';
import {
  responsesResponseFromChat,
  responsesResponseFromMessages,
} from '../../../src/formats/openai-responses/index.js';
import type { ResponsesRequest } from '../../../src/formats/openai-responses/wire.js';
import { SseByteParser } from '../../../src/formats/sse.js';
import { TranslatedStream } from '../../../src/formats/stream-translation.js';
import type { ResponseContext } from '../../../src/formats/translation.js';
import {
  authHeaders,
  dialectPath,
  type FakeProvider,
  type ProviderName,
  startFakeProvider,
} from '../../support/fake-provider/index.js';
import { streamProblems } from './stream-invariants.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

type Upstream = 'chat' | 'messages';

/** A stand-in for the gateway's translated route, as a `fetch` for the SDK: no ekai server involved. */
function translatingFetch(provider: ProviderName, upstream: Upstream, model: string, streams: string[]) {
  return async (_url: unknown, init?: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init?.body)) as ResponsesRequest;
    const translated =
      upstream === 'chat'
        ? chatRequestFromResponses(body, { upstreamModel: model })
        : messagesRequestFromResponses(body, { upstreamModel: model, maxOutput: 8192 });
    const answer = await fetch(`${fake.baseUrl(provider)}${dialectPath(upstream)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders(provider, upstream) },
      body: JSON.stringify(translated.body),
    });
    const context: ResponseContext = {
      model,
      toolNames: translated.toolNames,
      customTools: translated.customTools,
      ...(translated.jsonTool !== undefined && { jsonTool: translated.jsonTool }),
    };
    if (body.stream !== true) {
      const json = await answer.json();
      const response =
        upstream === 'chat'
          ? responsesResponseFromChat(json as ChatResponse, context)
          : responsesResponseFromMessages(json as MessagesResponse, context);
      return Response.json(response);
    }
    const translator =
      upstream === 'chat'
        ? new TranslatedStream('chat', 'responses', context)
        : new TranslatedStream('messages', 'responses', context);
    const encoder = new TextEncoder();
    let sent = '';
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const emit = (text: string) => {
          sent += text;
          if (text) controller.enqueue(encoder.encode(text));
        };
        const parser = new SseByteParser((event) => emit(translator.push(event)));
        for await (const chunk of answer.body as unknown as AsyncIterable<Uint8Array>) parser.write(chunk);
        parser.end();
        emit(translator.finish());
        streams.push(sent);
        controller.close();
      },
    });
    return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
  };
}

const WEATHER_TOOL = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Current weather',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
    required: ['city'],
  },
  strict: false,
};

const PROVIDERS: Array<{ provider: ProviderName; upstream: Upstream; model: string }> = [
  { provider: 'xai', upstream: 'chat', model: 'grok-4' },
  { provider: 'openrouter', upstream: 'chat', model: 'x-ai/grok-code-fast-1' },
  { provider: 'anthropic', upstream: 'messages', model: 'claude-sonnet-4-5' },
  { provider: 'zai', upstream: 'messages', model: 'glm-4.6' },
];

describe.each(PROVIDERS)(
  'a function-call round trip with reasoning on $provider ($upstream)',
  ({ provider, upstream, model }) => {
    it.each([true, false])('stream: %s', async (stream) => {
      const streams: string[] = [];
      const client = new OpenAI({
        apiKey: 'ekai-test',
        baseURL: 'http://ekai.invalid/v1',
        maxRetries: 0,
        fetch: translatingFetch(provider, upstream, model, streams),
      });
      const request = {
        model: 'gpt-5',
        instructions: 'You are a weather bot.',
        tools: [WEATHER_TOOL],
        store: false,
        include: ['reasoning.encrypted_content' as const],
        prompt_cache_key: 'session-1',
      };
      const input: ResponseInputItem[] = [
        { role: 'developer', content: 'Use the tool.' },
        { role: 'user', content: [{ type: 'input_text', text: '[thinking] [tool] Weather in Paris?' }] },
      ];
      const first = stream
        ? await client.responses.stream({ ...request, input }).finalResponse()
        : await client.responses.create({ ...request, input });
      const output: ResponseOutputItem[] = first.output;
      const calls = output.filter((item): item is ResponseFunctionToolCall => item.type === 'function_call');
      const callId = calls[0]?.call_id ?? '';
      expect(calls).toEqual([
        expect.objectContaining({ name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' }),
      ]);
      expect(first.usage?.input_tokens).toBeGreaterThan(0);
      // The provider's reasoning is shown as a reasoning summary, and goes back in the next input.
      expect(first.output[0]).toMatchObject({ type: 'reasoning', summary: [{ type: 'summary_text' }] });

      const next: ResponseInputItem[] = [
        ...input,
        ...(first.output as ResponseInputItem[]),
        { type: 'function_call_output', call_id: callId, output: '21°C and sunny' },
      ];
      const second = stream
        ? await client.responses.stream({ ...request, input: next }).finalResponse()
        : await client.responses.create({ ...request, input: next });
      expect(second.status).toBe('completed');
      expect(second.output_text).toMatch(/^Hello from \w+!/);
      expect(second.output.filter((item) => item.type === 'function_call')).toEqual([]);

      // What went upstream the second time: the call and its output, under the same id.
      const sent = fake.lastRequest()?.body as { messages: Array<Record<string, unknown>> };
      expect(JSON.stringify(sent.messages)).toContain(callId);
      expect(JSON.stringify(sent.messages)).toContain('21°C and sunny');
      for (const each of streams) expect(streamProblems(each)).toEqual([]);
    });
  },
);
