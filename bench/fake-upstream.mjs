#!/usr/bin/env node
// A fast fake provider for the benchmarks: one node:http server answering both dialects, streaming
// and not, with as little CPU per request as possible so that it is never the bottleneck. Answers
// are rendered once per shape and cached as Buffers; the request body is scanned with a few
// string searches, never parsed.
//
//   POST …/chat/completions   OpenAI Chat (JSON with usage; SSE: role chunk, N content chunks,
//                              finish chunk, usage chunk when stream_options.include_usage, [DONE])
//   POST …/messages            Anthropic Messages (JSON; SSE: message_start … message_stop)
//   GET  /__stats              {requests, active, maxActive}; POST /__stats/reset zeroes them
//
// Any path prefix is accepted (`/openai/v1/chat/completions`, `/v1/messages`, …). Markers in the
// body tune an answer: `[chunks N]` content chunks (default 10), `[delay MS]` pause between SSE
// frames (slow streams; default 0: all frames written in the same tick, one write each).
//
// Run alone: `node bench/fake-upstream.mjs [--port P]` prints `listening <port>` when ready.
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEFAULT_CHUNKS = 10;
const STREAM_TRUE = /"stream"\s*:\s*true/;
const INCLUDE_USAGE = /"include_usage"\s*:\s*true/;
const MODEL = /"model"\s*:\s*"([^"]{1,100})"/;
const CHUNKS = /\[chunks (\d{1,5})\]/;
const DELAY = /\[delay (\d{1,6})\]/;
const CREATED = 1_760_000_000;
const INPUT_TOKENS = 12;

const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };
const cache = new Map();

/** The frames (or the one JSON body) of one answer shape, built once. */
function render(dialect, stream, includeUsage, chunks, model) {
  const key = `${dialect}|${stream}|${includeUsage}|${chunks}|${model}`;
  let cached = cache.get(key);
  if (cached) return cached;
  const words = Array.from({ length: chunks }, (_, index) => ` token${index + 1}`);
  const usage = { input: INPUT_TOKENS, output: chunks };
  let frames;
  if (dialect === 'chat')
    frames = stream ? chatFrames(words, model, includeUsage, usage) : chatJson(words, model, usage);
  else frames = stream ? messagesFrames(words, model, usage) : messagesJson(words, model, usage);
  cached = {
    frames: frames.map((frame) => Buffer.from(frame)),
    contentType: stream ? null : 'application/json',
  };
  if (cache.size > 1000) cache.clear();
  cache.set(key, cached);
  return cached;
}

function chatUsage({ input, output }) {
  return {
    prompt_tokens: input,
    completion_tokens: output,
    total_tokens: input + output,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function chatJson(words, model, usage) {
  return [
    JSON.stringify({
      id: 'chatcmpl-bench',
      object: 'chat.completion',
      created: CREATED,
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: words.join('').trim(), refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: chatUsage(usage),
      service_tier: 'default',
      system_fingerprint: 'fp_bench',
    }),
  ];
}

function chatFrames(words, model, includeUsage, usage) {
  const chunk = (choices, extra = {}) =>
    `data: ${JSON.stringify({
      id: 'chatcmpl-bench',
      object: 'chat.completion.chunk',
      created: CREATED,
      model,
      service_tier: 'default',
      system_fingerprint: 'fp_bench',
      choices,
      ...(includeUsage && { usage: null }),
      ...extra,
    })}\n\n`;
  const choice = (delta, finish = null) => [{ index: 0, delta, logprobs: null, finish_reason: finish }];
  return [
    chunk(choice({ role: 'assistant', content: '', refusal: null })),
    ...words.map((word) => chunk(choice({ content: word }))),
    chunk(choice({}, 'stop')),
    ...(includeUsage ? [chunk([], { usage: chatUsage(usage) })] : []),
    'data: [DONE]\n\n',
  ];
}

function messagesUsage({ input, output }) {
  return {
    input_tokens: input,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: output,
  };
}

function messagesJson(words, model, usage) {
  return [
    JSON.stringify({
      id: 'msg_bench',
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text: words.join('').trim() }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: messagesUsage(usage),
    }),
  ];
}

function messagesFrames(words, model, usage) {
  const event = (type, data) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  return [
    event('message_start', {
      message: {
        id: 'msg_bench',
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...messagesUsage(usage), output_tokens: 1 },
      },
    }),
    event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    'event: ping\ndata: {"type": "ping"}\n\n',
    ...words.map((word) =>
      event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: word } }),
    ),
    event('content_block_stop', { index: 0 }),
    event('message_delta', {
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: messagesUsage(usage),
    }),
    event('message_stop', {}),
  ];
}

export function createFakeUpstream() {
  const stats = { requests: 0, active: 0, maxActive: 0 };
  const timers = new Set();

  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    if (url.startsWith('/__stats')) {
      if (request.method === 'POST') Object.assign(stats, { requests: 0, maxActive: stats.active });
      request.resume();
      const text = JSON.stringify(stats);
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
      });
      response.end(text);
      return;
    }
    const path = url.split('?', 1)[0];
    const dialect = path.endsWith('/chat/completions')
      ? 'chat'
      : path.endsWith('/messages')
        ? 'messages'
        : null;
    if (!dialect || request.method !== 'POST') {
      request.resume();
      response.writeHead(404, { 'content-type': 'application/json', 'content-length': 21 });
      response.end('{"error":"not found"}');
      return;
    }
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (text) => {
      body += text;
    });
    request.on('end', () => answer(dialect, body, response));
  });

  function answer(dialect, body, response) {
    stats.requests++;
    const stream = STREAM_TRUE.test(body);
    const includeUsage = dialect === 'chat' && stream && INCLUDE_USAGE.test(body);
    const model = MODEL.exec(body)?.[1] ?? 'bench-model';
    const chunks = Number(CHUNKS.exec(body)?.[1] ?? DEFAULT_CHUNKS);
    const delay = Number(DELAY.exec(body)?.[1] ?? 0);
    const { frames, contentType } = render(dialect, stream, includeUsage, chunks, model);
    const requestId = dialect === 'chat' ? 'x-request-id' : 'request-id';
    if (contentType) {
      const [json] = frames;
      response.writeHead(200, {
        'content-type': contentType,
        'content-length': json.length,
        [requestId]: 'req_bench',
      });
      response.end(json);
      return;
    }
    response.writeHead(200, { ...SSE_HEADERS, [requestId]: 'req_bench' });
    stats.active++;
    if (stats.active > stats.maxActive) stats.maxActive = stats.active;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      stats.active--;
    };
    response.on('close', finish);
    if (delay === 0) {
      for (const frame of frames) response.write(frame);
      response.end();
      return;
    }
    let index = 0;
    const next = () => {
      timers.delete(timer);
      if (response.destroyed) return finish();
      response.write(frames[index++]);
      if (index === frames.length) {
        response.end();
        return;
      }
      timer = setTimeout(next, delay);
      timers.add(timer);
    };
    let timer = setTimeout(next, delay);
    timers.add(timer);
  }

  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  server.maxConnections = 100_000;
  return {
    server,
    stats,
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve) => server.listen(port, host, () => resolve(server.address().port)));
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

if (fileURLToPath(import.meta.url) === resolve(process.argv[1] ?? '')) {
  const portFlag = process.argv.indexOf('--port');
  const port = portFlag > 0 ? Number(process.argv[portFlag + 1]) : 0;
  const upstream = createFakeUpstream();
  const bound = await upstream.listen(port);
  process.stdout.write(`listening ${bound}\n`);
  const stop = () => upstream.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
