// The recording fake upstream: a small node:http server on 127.0.0.1 that a real client (Claude Code,
// Codex) is pointed at. It answers each generation request with the session's scripted answer
// (Anthropic Messages or OpenAI Responses, streamed or whole) and records every request as it came:
// method, path, query, headers (secrets removed) and body. The records become the trace files the
// replay test sends through ekai. Ids are counters, so re-recording the same client gives the same
// answers and the traces only change where the client changed.
import { createServer } from 'node:http';

/** Header names whose values are credentials or identify the machine: never written to a trace. */
const SECRET_HEADER = /authorization|api-key|cookie|token|secret/i;

export function redactHeaders(headers) {
  const kept = {};
  for (const [name, value] of Object.entries(headers)) {
    kept[name] = SECRET_HEADER.test(name) ? '<redacted>' : value;
  }
  return kept;
}

/**
 * Starts the recorder. `answer(request)` returns what to answer a generation request with:
 * `{ thinking?, text?, calls?: [{ name, input, namespace? }], usage?: { input, output } }`
 * (a call's `input` is an object for function tools, a string for Responses custom tools).
 */
export async function startRecorder({ answer }) {
  const requests = [];
  let counter = 0;
  const nextId = (prefix) => `${prefix}${String(++counter).padStart(4, '0')}`;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const [path, query = ''] = (req.url ?? '/').split('?');
      let body;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      const record = { method: req.method, path, query, headers: redactHeaders(req.headers), body };
      requests.push(record);
      const reply = route(record, { answer, nextId });
      record.answer = reply.answer;
      record.status = reply.status;
      res.writeHead(reply.status, { 'content-type': reply.contentType, 'request-id': nextId('req_') });
      res.end(reply.text);
    });
  });
  server.on('upgrade', (req, socket) => {
    // Codex's Responses WebSocket transport: recorded, refused as a plain HTTP gateway would.
    requests.push({
      method: 'GET',
      path: req.url,
      query: '',
      headers: redactHeaders(req.headers),
      upgrade: true,
    });
    socket.end('HTTP/1.1 426 Upgrade Required\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function route(record, context) {
  const { method, path, body } = record;
  const json = (value, status = 200) => ({
    status,
    contentType: 'application/json',
    text: JSON.stringify(value),
  });
  if (method === 'GET' && /\/models$/.test(path)) return json(modelList(path));
  if (method === 'POST' && path.endsWith('/messages/count_tokens')) {
    return json({ input_tokens: estimateTokens(body) });
  }
  if (method === 'POST' && path.endsWith('/messages')) {
    const plan = planOf(context.answer(record), body);
    return { ...messagesAnswer(plan, body, context.nextId), answer: plan };
  }
  if (method === 'POST' && path.endsWith('/responses/compact')) {
    // Remote compaction: Codex replaces its history with the returned items.
    const summary = { type: 'compaction', encrypted_content: 'conformance-compaction-summary' };
    return {
      ...json({ id: context.nextId('resp_'), object: 'response.compaction', output: [summary] }),
      answer: { compaction: true },
    };
  }
  if (method === 'POST' && path.endsWith('/responses')) {
    const plan = planOf(context.answer(record), body);
    return { ...responsesAnswer(plan, body, context.nextId), answer: plan };
  }
  return json({ error: { type: 'not_found_error', message: `recorder: no route ${method} ${path}` } }, 404);
}

/**
 * A model asked to think always does, as the real ones do (Claude Opus 5.5 cannot stop, and
 * Anthropic refuses a tool-loop history whose last assistant turn lacks its thinking block); so
 * every answer to such a request carries reasoning, and the client's next request carries it back.
 */
function asksForReasoning(body) {
  if (body?.thinking && body.thinking.type !== 'disabled') return true;
  return Boolean(body?.reasoning && body.reasoning.effort !== 'none');
}

function planOf(scripted, body) {
  const plan = { ...scripted };
  if (!plan.thinking && asksForReasoning(body)) plan.thinking = 'Considering the request.';
  plan.usage = { input: estimateTokens(body), output: 20, ...scripted.usage };
  return plan;
}

/** The same rough count for every request (a quarter of the body's characters): usage need only be plausible. */
function estimateTokens(body) {
  return Math.max(1, Math.ceil(JSON.stringify(body ?? '').length / 4));
}

function modelList(path) {
  // Anthropic's list shape (Claude Code's gateway model discovery); OpenAI-shaped clients read `data` too.
  const ids = path.startsWith('/v1') ? ['claude-opus-5-5', 'claude-haiku-5-5'] : [];
  const data = ids.map((id) => ({ type: 'model', id, display_name: id, created_at: '2026-09-22T00:00:00Z' }));
  return { data, has_more: false, first_id: ids[0] ?? null, last_id: ids.at(-1) ?? null, object: 'list' };
}

// ---------------------------------------------------------------- Anthropic Messages
// https://docs.anthropic.com/en/docs/build-with-claude/streaming

function messagesAnswer(plan, body, nextId) {
  const blocks = [];
  if (plan.thinking)
    blocks.push({ type: 'thinking', thinking: plan.thinking, signature: `sig${nextId('')}`.padEnd(48, 'A') });
  if (plan.text) blocks.push({ type: 'text', text: plan.text });
  for (const call of plan.calls ?? [])
    blocks.push({ type: 'tool_use', id: nextId('toolu_conf'), name: call.name, input: call.input });
  const stopReason = plan.calls?.length ? 'tool_use' : 'end_turn';
  const usage = {
    input_tokens: plan.usage.input,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: plan.usage.output,
  };
  const message = {
    id: nextId('msg_conf'),
    type: 'message',
    role: 'assistant',
    model: body.model,
    content: blocks,
    stop_reason: stopReason,
    stop_sequence: null,
    usage,
  };
  if (!body.stream) return { status: 200, contentType: 'application/json', text: JSON.stringify(message) };
  const frames = [];
  const event = (type, data) => frames.push(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  event('message_start', {
    message: { ...message, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } },
  });
  blocks.forEach((block, index) => {
    if (block.type === 'thinking') {
      event('content_block_start', {
        index,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      });
      event('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: block.thinking } });
      event('content_block_delta', { index, delta: { type: 'signature_delta', signature: block.signature } });
    } else if (block.type === 'text') {
      event('content_block_start', { index, content_block: { type: 'text', text: '' } });
      event('content_block_delta', { index, delta: { type: 'text_delta', text: block.text } });
    } else {
      event('content_block_start', { index, content_block: { ...block, input: {} } });
      event('content_block_delta', {
        index,
        delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) },
      });
    }
    event('content_block_stop', { index });
  });
  event('message_delta', {
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: { output_tokens: plan.usage.output },
  });
  event('message_stop', {});
  return { status: 200, contentType: 'text/event-stream; charset=utf-8', text: frames.join('') };
}

// ---------------------------------------------------------------- OpenAI Responses
// https://platform.openai.com/docs/api-reference/responses-streaming

function responsesAnswer(plan, body, nextId) {
  const items = [];
  const include = Array.isArray(body.include) ? body.include : [];
  if (plan.thinking) {
    items.push({
      id: nextId('rs_conf'),
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: plan.thinking }],
      ...(include.includes('reasoning.encrypted_content') && {
        encrypted_content: `gAAAAABconformance${nextId('')}`,
      }),
    });
  }
  if (plan.text) {
    items.push({
      id: nextId('msg_conf'),
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', annotations: [], text: plan.text }],
    });
  }
  const customTools = new Set(
    (body.tools ?? []).filter((tool) => tool.type === 'custom').map((tool) => tool.name),
  );
  for (const call of plan.calls ?? []) {
    const ids = { id: nextId('fc_conf'), call_id: nextId('call_conf') };
    if (customTools.has(call.name))
      items.push({
        ...ids,
        type: 'custom_tool_call',
        status: 'completed',
        name: call.name,
        input: call.input,
      });
    else
      items.push({
        ...ids,
        type: 'function_call',
        status: 'completed',
        name: call.name,
        ...(call.namespace && { namespace: call.namespace }),
        arguments: JSON.stringify(call.input),
      });
  }
  const usage = {
    input_tokens: plan.usage.input,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: plan.usage.output,
    output_tokens_details: { reasoning_tokens: plan.thinking ? 5 : 0 },
    total_tokens: plan.usage.input + plan.usage.output,
  };
  const response = (status, output, withUsage) => ({
    id: 'resp_conformance',
    object: 'response',
    created_at: 1767225600,
    status,
    model: body.model,
    output,
    usage: withUsage ? usage : null,
  });
  if (!body.stream)
    return {
      status: 200,
      contentType: 'application/json',
      text: JSON.stringify(response('completed', items, true)),
    };
  const frames = [];
  const event = (type, data) =>
    frames.push(
      `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: frames.length, ...data })}\n\n`,
    );
  event('response.created', { response: response('in_progress', [], false) });
  event('response.in_progress', { response: response('in_progress', [], false) });
  items.forEach((item, output_index) => {
    event('response.output_item.added', { output_index, item: added(item) });
    if (item.type === 'message') {
      event('response.content_part.added', {
        output_index,
        item_id: item.id,
        content_index: 0,
        part: { type: 'output_text', annotations: [], text: '' },
      });
      event('response.output_text.delta', {
        output_index,
        item_id: item.id,
        content_index: 0,
        delta: item.content[0].text,
        logprobs: [],
      });
      event('response.output_text.done', {
        output_index,
        item_id: item.id,
        content_index: 0,
        text: item.content[0].text,
        logprobs: [],
      });
      event('response.content_part.done', {
        output_index,
        item_id: item.id,
        content_index: 0,
        part: item.content[0],
      });
    } else if (item.type === 'function_call') {
      event('response.function_call_arguments.delta', {
        output_index,
        item_id: item.id,
        delta: item.arguments,
      });
      event('response.function_call_arguments.done', {
        output_index,
        item_id: item.id,
        arguments: item.arguments,
      });
    } else if (item.type === 'custom_tool_call') {
      event('response.custom_tool_call_input.delta', { output_index, item_id: item.id, delta: item.input });
      event('response.custom_tool_call_input.done', { output_index, item_id: item.id, input: item.input });
    } else if (item.type === 'reasoning') {
      event('response.reasoning_summary_part.added', {
        output_index,
        item_id: item.id,
        summary_index: 0,
        part: { type: 'summary_text', text: '' },
      });
      event('response.reasoning_summary_text.delta', {
        output_index,
        item_id: item.id,
        summary_index: 0,
        delta: plan.thinking,
      });
      event('response.reasoning_summary_text.done', {
        output_index,
        item_id: item.id,
        summary_index: 0,
        text: plan.thinking,
      });
      event('response.reasoning_summary_part.done', {
        output_index,
        item_id: item.id,
        summary_index: 0,
        part: item.summary[0],
      });
    }
    event('response.output_item.done', { output_index, item });
  });
  event('response.completed', { response: response('completed', items, true) });
  return { status: 200, contentType: 'text/event-stream; charset=utf-8', text: frames.join('') };
}

function added(item) {
  if (item.type === 'message') return { ...item, status: 'in_progress', content: [] };
  if (item.type === 'function_call') return { ...item, status: 'in_progress', arguments: '' };
  if (item.type === 'custom_tool_call') return { ...item, status: 'in_progress', input: '' };
  if (item.type === 'reasoning') return { ...item, summary: [] };
  return item;
}
