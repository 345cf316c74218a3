import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopback, isLoopbackHostHeader } from '../../src/net/loopback.js';
import { DashboardAccess } from '../../src/web/access.js';
import { needsKey } from '../../src/web/index.js';
import { rawGet, startWithStore } from './harness.js';

const KEY = 'gateway-key-0123456789';
const OTHER_KEY = 'second-key-abcdefghij';

describe('when a key is needed', () => {
  it('beyond loopback with gateway keys (SPEC §9), not on loopback, not without keys', () => {
    expect(needsKey('0.0.0.0', [KEY])).toBe(true);
    expect(needsKey('192.168.1.20', [KEY])).toBe(true);
    expect(needsKey('::', [KEY])).toBe(true);
    expect(needsKey('127.0.0.1', [KEY])).toBe(false);
    expect(needsKey('localhost', [KEY])).toBe(false);
    expect(needsKey('::1', [KEY])).toBe(false);
    expect(needsKey('0.0.0.0', [])).toBe(false);
  });

  it('knows loopback addresses and Host headers (one check, shared by the gateway, the dashboard and serve)', () => {
    for (const host of [
      '127.0.0.1',
      '127.8.9.10',
      'localhost',
      'LOCALHOST',
      '::1',
      '[::1]',
      '::ffff:127.0.0.1',
    ]) {
      expect(isLoopback(host), host).toBe(true);
    }
    for (const host of [
      '0.0.0.0',
      '::',
      '10.0.0.1',
      '127.0.0.1.nip.io',
      '127.evil.com',
      'localhost.evil.com',
      'example.com',
      '',
    ]) {
      expect(isLoopback(host), host).toBe(false);
    }
    expect(isLoopbackHostHeader('127.0.0.1:3000')).toBe(true);
    expect(isLoopbackHostHeader('[::1]:3000')).toBe(true);
    expect(isLoopbackHostHeader('localhost')).toBe(true);
    expect(isLoopbackHostHeader('127.1.2.3:3001')).toBe(true);
    expect(isLoopbackHostHeader('evil.example:3000')).toBe(false);
    expect(isLoopbackHostHeader('127.evil.com:3001')).toBe(false);
    expect(isLoopbackHostHeader('localhost:3001@evil.example')).toBe(false);
    expect(isLoopbackHostHeader('[::1]x:3001')).toBe(false);
    expect(isLoopbackHostHeader(undefined)).toBe(false);
  });

  it('compares keys by value whatever their length', () => {
    const access = new DashboardAccess([KEY, OTHER_KEY]);
    expect(access.isValidKey(KEY)).toBe(true);
    expect(access.isValidKey(OTHER_KEY)).toBe(true);
    expect(access.isValidKey(`${KEY}x`)).toBe(false);
    expect(access.isValidKey(KEY.slice(0, -1))).toBe(false);
    expect(access.isValidKey('')).toBe(false);
    expect(access.isValidKey(null)).toBe(false);
  });

  it('refuses requireKey without keys (it would lock everyone out)', async () => {
    await expect(startWithStore({ requireKey: true })).rejects.toThrow(/needs at least one gateway key/);
  });
});

describe('a dashboard that requires a key', () => {
  let started: Awaited<ReturnType<typeof startWithStore>>;
  beforeAll(async () => {
    // Bound to loopback (tests use only 127.0.0.1), with the key required as it is beyond loopback.
    started = await startWithStore({ gatewayKeys: [KEY, OTHER_KEY], requireKey: true });
  });
  afterAll(() => started.close());

  it('refuses every route without a key: 401, and says how to sign in', async () => {
    for (const path of ['/', '/app.js', '/vendor/uplot.esm.js', '/api/summary', '/api/events', '/api/info']) {
      const response = await rawGet(`${started.url}${path}`);
      expect(response.status, path).toBe(401);
      expect(response.body, path).toContain('?key=');
      expect(response.headers['content-security-policy'], path).toContain("default-src 'self'");
    }
  });

  it('refuses a wrong key, in the query or a header', async () => {
    expect((await rawGet(`${started.url}/?key=wrong-key-000000000`)).status).toBe(401);
    expect(
      (await rawGet(`${started.url}/api/summary`, { authorization: 'Bearer wrong-key-0000' })).status,
    ).toBe(401);
    expect((await rawGet(`${started.url}/api/summary`, { 'x-api-key': `${KEY}!` })).status).toBe(401);
  });

  it('lets scripts in with Authorization: Bearer or x-api-key', async () => {
    expect((await rawGet(`${started.url}/api/summary`, { authorization: `Bearer ${KEY}` })).status).toBe(200);
    expect((await rawGet(`${started.url}/api/summary`, { 'x-api-key': OTHER_KEY })).status).toBe(200);
  });

  it('trades ?key= for an HttpOnly, SameSite=Strict session cookie and drops the key from the address', async () => {
    const signIn = await rawGet(`${started.url}/?key=${KEY}#7d`);
    expect(signIn.status).toBe(303);
    expect(signIn.headers.location).toBe('/');
    const cookie = signIn.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/^ekai_dashboard=[\w-]{40,}; HttpOnly; SameSite=Strict; Path=\/$/);
    expect(cookie).not.toContain(KEY);
    const session = cookie.split(';')[0]!;
    for (const path of ['/', '/app.js', '/api/summary?since=24h', '/api/requests']) {
      expect((await rawGet(`${started.url}${path}`, { cookie: session })).status, path).toBe(200);
    }
    expect((await rawGet(`${started.url}/api/summary`, { cookie: `${session}x` })).status).toBe(401);
    expect((await rawGet(`${started.url}/api/summary`, { cookie: 'ekai_dashboard=' })).status).toBe(401);
  });

  it('keeps other query parameters when it drops the key', async () => {
    const signIn = await rawGet(`${started.url}/?since=24h&key=${KEY}`);
    expect(signIn.headers.location).toBe('/?since=24h');
  });

  it('opens the event stream with the cookie', async () => {
    const signIn = await rawGet(`${started.url}/?key=${KEY}`);
    const session = signIn.headers['set-cookie']?.[0]?.split(';')[0] ?? '';
    const response = await fetch(`${started.url}/api/events`, { headers: { cookie: session } });
    expect(response.status).toBe(200);
    await response.body?.cancel();
  });

  it('never puts a key in a response body', async () => {
    const signIn = await rawGet(`${started.url}/?key=${KEY}`);
    const session = signIn.headers['set-cookie']?.[0]?.split(';')[0] ?? '';
    for (const path of ['/', '/api/summary', '/api/requests', '/api/info', '/nope']) {
      const response = await rawGet(`${started.url}${path}`, { cookie: session });
      expect(JSON.stringify(response), path).not.toContain(KEY);
      expect(JSON.stringify(response), path).not.toContain(OTHER_KEY);
    }
  });
});

describe('a loopback dashboard with gateway keys', () => {
  it('stays open, as SPEC §9 asks keys only beyond loopback', async () => {
    const started = await startWithStore({ gatewayKeys: [KEY] });
    try {
      expect((await rawGet(`${started.url}/api/summary`)).status).toBe(200);
    } finally {
      await started.close();
    }
  });
});
