import { isIP } from 'node:net';

/** 127.0.0.0/8, ::1 (also IPv4-mapped) and `localhost`: addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./.test(bare);
  return false;
}

/**
 * Whether a `Host` header names this machine's loopback interface. A dashboard bound to loopback
 * answers only such requests: a web page that re-points its own hostname at 127.0.0.1 (DNS
 * rebinding) would otherwise be "same origin" with the dashboard and could read the usage data.
 */
export function isLoopbackHostHeader(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(hostHeader);
  return match?.[1] !== undefined && isLoopback(match[1]);
}
