import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isJsonContentType } from '../../src/proxy/browser-guard.js';
import { type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';
import { startGateway, type TestGateway } from '../support/gateway.js';

/**
 * The gateway's guard against web pages (SPEC §9, issue "Trust"): JSON bodies only, no Origin
 * unless listed in allowedOrigins, loopback Host headers only when bound to loopback. Each refusal
 * is in the client's dialect and never reaches the upstream. The same guard in a real browser is
 * test/web/drive-by.browser.test.ts.
 */
interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** node:http, so that Host and Origin can be set freely (fetch forbids both). */
function send(url: string, method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<Reply>((resolve, reject) => {
    const target = new URL(url);
    const request = httpRequest(
      { host: target.hostname, port: target.port, method, path, headers, setHost: !('host' in headers) },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const CHAT = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
const MESSAGES = JSON.stringify({
  model: 'gpt-4o',
  max_tokens: 64,
  messages: [{ role: 'user', content: 'hi' }],
});
const RESPONSES = JSON.stringify({ model: 'gpt-4o', input: 'hi' });
const JSON_TYPE = { 'content-type': 'application/json' };

describe('the browser guard', () => {
  let fake: FakeProvider;
  let gateway: TestGateway;
  let friendly: TestGateway;
  const pageOrigin = 'http://localhost:5173';

  beforeAll(async () => {
    fake = await startFakeProvider();
    gateway = await startGateway(fake, { configured: ['openai'] });
    friendly = await startGateway(fake, { configured: ['openai'], config: { allowedOrigins: [pageOrigin] } });
  });
  afterAll(async () => {
    await gateway.close();
    await friendly.close();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  describe('content type', () => {
    it('refuses a body that is not declared JSON with 415, in each client dialect', async () => {
      const cases = [
        { path: '/v1/chat/completions', body: CHAT, error: { type: 'invalid_request_error' } },
        { path: '/v1/responses', body: RESPONSES, error: { type: 'invalid_request_error' } },
        { path: '/v1/messages', body: MESSAGES, anthropic: true },
        { path: '/v1/messages/count_tokens', body: MESSAGES, anthropic: true },
      ];
      for (const { path, body, anthropic } of cases) {
        for (const type of [
          'text/plain',
          'text/plain;charset=UTF-8',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
        ]) {
          const reply = await send(gateway.url, 'POST', path, { 'content-type': type }, body);
          expect(reply.status, `${path} ${type}`).toBe(415);
          const parsed = JSON.parse(reply.body);
          if (anthropic)
            expect(parsed).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
          else expect(parsed).toMatchObject({ error: { type: 'invalid_request_error' } });
          expect(parsed.error.message).toContain('application/json');
        }
        const untyped = await send(gateway.url, 'POST', path, {}, body);
        expect(untyped.status, `${path} without content-type`).toBe(415);
      }
      expect(fake.requests).toHaveLength(0);
    });

    it('accepts application/json with parameters and +json types', async () => {
      for (const type of [
        'application/json',
        'application/json; charset=utf-8',
        'Application/JSON',
        'application/vnd.api+json',
      ]) {
        const reply = await send(gateway.url, 'POST', '/v1/chat/completions', { 'content-type': type }, CHAT);
        expect(reply.status, type).toBe(200);
      }
      expect(fake.requests).toHaveLength(4);
    });

    it('knows JSON media types exactly', () => {
      expect(isJsonContentType('application/json')).toBe(true);
      expect(isJsonContentType('application/problem+json; charset=utf-8')).toBe(true);
      expect(isJsonContentType('application/jsonp')).toBe(false);
      expect(isJsonContentType('text/json')).toBe(false);
      expect(isJsonContentType('application/json-seq')).toBe(false);
      expect(isJsonContentType('')).toBe(false);
      expect(isJsonContentType(undefined)).toBe(false);
    });
  });

  describe('Origin', () => {
    it('refuses any request carrying an Origin that is not listed: 403 in the dialect, on every route', async () => {
      for (const origin of ['http://evil.example', 'null', 'http://127.0.0.1:9999']) {
        const chat = await send(gateway.url, 'POST', '/v1/chat/completions', { ...JSON_TYPE, origin }, CHAT);
        expect(chat.status).toBe(403);
        expect(JSON.parse(chat.body)).toMatchObject({ error: { type: 'permission_error' } });
        expect(chat.headers['access-control-allow-origin']).toBeUndefined();
        const messages = await send(gateway.url, 'POST', '/v1/messages', { ...JSON_TYPE, origin }, MESSAGES);
        expect(messages.status).toBe(403);
        expect(JSON.parse(messages.body)).toMatchObject({
          type: 'error',
          error: { type: 'permission_error' },
        });
        for (const path of ['/usage', '/v1/models', '/metrics', '/health']) {
          expect((await send(gateway.url, 'GET', path, { origin })).status, path).toBe(403);
        }
        const preflight = await send(gateway.url, 'OPTIONS', '/v1/chat/completions', {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        });
        expect(preflight.status).toBe(403);
        expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      }
      expect(fake.requests).toHaveLength(0);
    });

    it('lets a listed origin through, with CORS headers for it alone', async () => {
      const preflight = await send(friendly.url, 'OPTIONS', '/v1/chat/completions', {
        origin: pageOrigin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(pageOrigin);
      expect(preflight.headers['access-control-allow-headers']).toBe('content-type,authorization');
      expect(preflight.headers.vary).toBe('Origin');
      expect(fake.requests).toHaveLength(0);
      const chat = await send(
        friendly.url,
        'POST',
        '/v1/chat/completions',
        { ...JSON_TYPE, origin: `${pageOrigin}` },
        CHAT,
      );
      expect(chat.status).toBe(200);
      expect(chat.headers['access-control-allow-origin']).toBe(pageOrigin);
      expect(fake.requests).toHaveLength(1);
      const other = await send(
        friendly.url,
        'POST',
        '/v1/chat/completions',
        { ...JSON_TYPE, origin: 'http://localhost:5174' },
        CHAT,
      );
      expect(other.status).toBe(403);
      expect(fake.requests).toHaveLength(1);
    });

    it('lets requests without an Origin through, as SDKs and CLIs send them', async () => {
      const chat = await send(gateway.url, 'POST', '/v1/chat/completions', JSON_TYPE, CHAT);
      expect(chat.status).toBe(200);
      expect(chat.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('Host, when bound to loopback', () => {
    it('answers only Host headers naming loopback', async () => {
      const port = new URL(gateway.url).port;
      for (const host of [
        `127.0.0.1:${port}`,
        `localhost:${port}`,
        `[::1]:${port}`,
        `127.0.0.2:${port}`,
        'localhost',
      ]) {
        const reply = await send(gateway.url, 'POST', '/v1/chat/completions', { ...JSON_TYPE, host }, CHAT);
        expect(reply.status, host).toBe(200);
      }
      expect(fake.requests).toHaveLength(5);
      fake.reset();
      for (const host of [
        `rebind.example:${port}`,
        `127.evil.com:${port}`,
        `localhost.evil.com:${port}`,
        `0.0.0.0:${port}`,
      ]) {
        const chat = await send(gateway.url, 'POST', '/v1/chat/completions', { ...JSON_TYPE, host }, CHAT);
        expect(chat.status, host).toBe(403);
        expect(JSON.parse(chat.body).error.message).toContain('localhost, 127.x.y.z or [::1]');
        const usage = await send(gateway.url, 'GET', '/usage', { host });
        expect(usage.status, host).toBe(403);
      }
      expect(fake.requests).toHaveLength(0);
    });
  });

  describe('envelope', () => {
    it('refuses messages / input entries that are not objects, without forwarding them', async () => {
      const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
      const bodies: Array<[string, string]> = [
        ['/v1/chat/completions', '{"model":"gpt-4o","messages":[42]}'],
        ['/v1/chat/completions', '{"model":"gpt-4o","messages":[null]}'],
        ['/v1/chat/completions', `{"model":"gpt-4o","messages":[{"role":"user","content":"hi"},${deep}]}`],
        ['/v1/messages', '{"model":"gpt-4o","max_tokens":5,"messages":["hi"]}'],
        ['/v1/responses', '{"model":"gpt-4o","input":[7]}'],
      ];
      for (const [path, body] of bodies) {
        const reply = await send(gateway.url, 'POST', path, JSON_TYPE, body);
        expect(reply.status, body.slice(0, 60)).toBe(400);
        expect(JSON.parse(reply.body).error.message).toMatch(/`(messages|input)\[\d+\]` must be an object/);
      }
      expect(fake.requests).toHaveLength(0);
    });
  });
});
