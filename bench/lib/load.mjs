// Requests and load: the bodies each scenario sends, autocannon runs with exact latencies, and a
// plain client for checks and slow streams.
import autocannon from 'autocannon';
import { Pool } from 'undici';

export const GPT = 'gpt-4o';
export const CLAUDE = 'claude-sonnet-4-5';
const PROMPT = 'You are a concise assistant.';

/** Filler prose, to make requests the size of an agent's (BENCH_BODY_KB). */
const filler = (kb) =>
  kb > 0 ? ` ${'The quick brown fox jumps over the lazy dog. '.repeat(Math.ceil((kb * 1024) / 45))}` : '';

/**
 * A client request in one dialect. `markers` tune the fake upstream's answer ([chunks N],
 * [delay MS]); `bodyKb` pads the prompt to about that many kilobytes.
 */
export function clientRequest(
  dialect,
  { model, stream = false, markers = '[chunks 10]', bodyKb = Number(process.env.BENCH_BODY_KB ?? 0) } = {},
) {
  const prompt = `Say hello in ten words. ${markers}${filler(bodyKb)}`;
  if (dialect === 'chat') {
    return {
      path: '/v1/chat/completions',
      headers: { 'content-type': 'application/json', authorization: 'Bearer bench-client-key' },
      body: JSON.stringify({
        model: model ?? GPT,
        messages: [
          { role: 'system', content: PROMPT },
          { role: 'user', content: prompt },
        ],
        max_tokens: 64,
        ...(stream && { stream: true }),
      }),
    };
  }
  return {
    path: '/v1/messages',
    headers: {
      'content-type': 'application/json',
      'anthropic-version': '2023-06-01',
      'x-api-key': 'bench-client-key',
    },
    body: JSON.stringify({
      model: model ?? CLAUDE,
      max_tokens: 64,
      system: PROMPT,
      messages: [{ role: 'user', content: prompt }],
      ...(stream && { stream: true }),
    }),
  };
}

/** Portkey routes by headers: provider, and a custom host pointing at the fake upstream. */
export function portkeyHeaders(upstreamUrl) {
  return { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstreamUrl}/openai/v1` };
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/**
 * One autocannon run. Latencies are collected from every 2xx response at full precision
 * (autocannon's own histogram keeps whole milliseconds only).
 */
export async function runLoad({ port, request, connections, seconds, overallRate, timeoutSeconds = 10 }) {
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const instance = autocannon({
    url: `http://127.0.0.1:${port}${request.path}`,
    method: 'POST',
    headers: request.headers,
    body: request.body,
    connections,
    duration: seconds,
    timeout: timeoutSeconds,
    ...(overallRate && { overallRate }),
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode < 200 || statusCode >= 300) return;
    if (count === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[count++] = responseTime;
  });
  const result = await instance;
  const sorted = latencies.subarray(0, count).sort();
  const elapsed = result.duration || seconds;
  return {
    requestsPerSecond: count / elapsed,
    ok: count,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
    seconds: elapsed,
  };
}

/**
 * An open-loop load at a steady rate: requests leave on schedule (at most a millisecond late),
 * whatever the answers do, over a pool of connections large enough never to queue them. (autocannon's
 * overallRate sends each connection's quota for the second back to back and then waits, i.e. bursts
 * at the start of every second; its latencies are then those of the burst, not of the rate.)
 * Latency runs from a request's dispatch to the end of its answer.
 */
export async function runPaced({ port, request, rate, seconds, connections = 128, timeoutMs = 10_000 }) {
  const pool = new Pool(`http://127.0.0.1:${port}`, {
    connections,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const latencies = [];
  let errors = 0;
  let non2xx = 0;
  const inFlight = new Set();
  const one = async () => {
    const sent = performance.now();
    try {
      const response = await pool.request({
        path: request.path,
        method: 'POST',
        headers: request.headers,
        body: request.body,
      });
      await response.body.dump({ limit: Number.POSITIVE_INFINITY });
      if (response.statusCode >= 200 && response.statusCode < 300) latencies.push(performance.now() - sent);
      else non2xx++;
    } catch {
      errors++;
    }
  };
  const started = performance.now();
  const total = Math.round(rate * seconds);
  let dispatched = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
      while (dispatched < due) {
        dispatched++;
        const running = one();
        inFlight.add(running);
        running.finally(() => inFlight.delete(running));
      }
      if (dispatched < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  const sorted = Float64Array.from(latencies).sort();
  return {
    requestsPerSecond: sorted.length / elapsed,
    ok: sorted.length,
    errors,
    timeouts: 0,
    non2xx,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
    seconds: elapsed,
  };
}

/** One request, whole answer as text (for checks before a load). */
export async function fetchText(port, request, { signal } = {}) {
  const response = await fetch(`http://127.0.0.1:${port}${request.path}`, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
    signal,
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
}

/** Is this a complete, successful answer in `dialect` (stream or JSON)? */
export function looksComplete(dialect, stream, { status, text }) {
  if (status !== 200) return false;
  if (!text.includes('token10')) return false;
  if (!stream) return text.trimStart().startsWith('{');
  return dialect === 'chat' ? text.includes('data: [DONE]') : text.includes('event: message_stop');
}

/**
 * `count` requests at once through their own connections (a pool that never queues), each read to
 * the end. Resolves with how many completed properly and the time to first byte / to the end.
 */
export async function concurrentStreams(port, request, count, { dialect, timeoutMs = 120_000 }) {
  const pool = new Pool(`http://127.0.0.1:${port}`, {
    connections: count + 10,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const started = performance.now();
  const firstBytes = [];
  const ends = [];
  const outcomes = await Promise.allSettled(
    Array.from({ length: count }, async () => {
      const response = await pool.request({
        path: request.path,
        method: 'POST',
        headers: request.headers,
        body: request.body,
      });
      let text = '';
      let first = true;
      for await (const chunk of response.body) {
        if (first) {
          firstBytes.push(performance.now() - started);
          first = false;
        }
        text += chunk.toString('utf8');
      }
      ends.push(performance.now() - started);
      return looksComplete(dialect, true, { status: response.statusCode, text });
    }),
  );
  await pool.close();
  firstBytes.sort((a, b) => a - b);
  ends.sort((a, b) => a - b);
  const failures = outcomes
    .filter((outcome) => outcome.status === 'rejected')
    .map((outcome) => outcome.reason);
  return {
    completed: outcomes.filter((outcome) => outcome.status === 'fulfilled' && outcome.value).length,
    failed: failures.length,
    firstFailure: failures[0] ? String(failures[0].message ?? failures[0]) : undefined,
    firstByteP50Ms: percentile(firstBytes, 50),
    firstByteMaxMs: percentile(firstBytes, 100),
    allDoneMs: percentile(ends, 100),
  };
}
