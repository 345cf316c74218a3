/**
 * Which headers cross the gateway, each way (SPEC §9: hop-by-hop headers stripped, RFC 9110 §7.6.1;
 * the client's own credentials never forwarded; anthropic-* only to Anthropic-dialect upstreams).
 * Expected values written by hand.
 */
import { describe, expect, it } from 'vitest';
import { forwardableRequestHeaders, returnableResponseHeaders } from '../../src/proxy/headers.js';

describe('client headers sent upstream', () => {
  const fromClient = {
    host: '127.0.0.1:4010',
    'content-length': '42',
    'content-type': 'application/json',
    // the client's credentials and accounts
    authorization: 'Bearer client-key',
    'x-api-key': 'client-key',
    cookie: 'session=abc',
    'proxy-authorization': 'Basic dXNlcjpwYXNz',
    'openai-organization': 'org-client',
    'openai-project': 'proj-client',
    // hop-by-hop, and one named by `connection`
    connection: 'keep-alive, x-hop',
    'x-hop': 'drop me',
    'keep-alive': 'timeout=5',
    te: 'trailers',
    trailer: 'x-checksum',
    'transfer-encoding': 'chunked',
    upgrade: 'websocket',
    'proxy-connection': 'keep-alive',
    'accept-encoding': 'gzip',
    // ekai's own, and the vendor's
    'x-ekai-tag': 'exp',
    'x-ekai-provider': 'openai',
    'anthropic-version': '2023-06-01',
    'anthropic-beta': 'interleaved-thinking-2025-05-14',
    // what passes
    'user-agent': 'my-app/1.0',
    'x-stainless-lang': 'js',
    accept: 'application/json',
    'x-custom': ['one', 'two'],
  };

  it('to an OpenAI-dialect upstream: only the end-to-end headers that are not credentials, ekai’s or Anthropic’s', () => {
    expect(forwardableRequestHeaders(fromClient, { keepAnthropicHeaders: false })).toEqual({
      'content-type': 'application/json',
      'user-agent': 'my-app/1.0',
      'x-stainless-lang': 'js',
      accept: 'application/json',
      'x-custom': 'one, two',
    });
  });

  it('to an Anthropic-dialect upstream: the same plus anthropic-version and anthropic-beta', () => {
    expect(forwardableRequestHeaders(fromClient, { keepAnthropicHeaders: true })).toEqual({
      'content-type': 'application/json',
      'user-agent': 'my-app/1.0',
      'x-stainless-lang': 'js',
      accept: 'application/json',
      'x-custom': 'one, two',
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'interleaved-thinking-2025-05-14',
    });
  });
});

describe('upstream response headers returned to the client', () => {
  const fromProvider = {
    'content-type': 'application/json',
    'content-length': '120',
    'content-encoding': 'gzip',
    'set-cookie': ['__cf_bm=x; path=/', 'other=y'],
    date: 'Thu, 03 Dec 2026 10:00:00 GMT',
    server: 'cloudflare',
    connection: 'keep-alive, x-hop',
    'x-hop': 'drop me',
    'keep-alive': 'timeout=5',
    'transfer-encoding': 'chunked',
    'x-request-id': 'req_1',
    'openai-processing-ms': '12',
    'retry-after': '3',
  };

  it('drops framing, cookies, the provider’s date and server, and hop-by-hop headers', () => {
    expect(returnableResponseHeaders(fromProvider, { keepLength: false })).toEqual({
      'content-type': 'application/json',
      'x-request-id': 'req_1',
      'openai-processing-ms': '12',
      'retry-after': '3',
    });
  });

  it('keeps content-length only when the body is relayed byte for byte', () => {
    expect(returnableResponseHeaders(fromProvider, { keepLength: true })).toEqual({
      'content-type': 'application/json',
      'content-length': '120',
      'x-request-id': 'req_1',
      'openai-processing-ms': '12',
      'retry-after': '3',
    });
  });
});
