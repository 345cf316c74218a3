import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'ekai_dashboard';

/**
 * Who may use a dashboard that needs a key. A browser brings the key once (`?key=`) and then
 * carries a session cookie; scripts send `Authorization: Bearer <key>` or `x-api-key`, as with the
 * gateway. The cookie holds a random token made at start-up, never the key itself, so it is
 * worthless after a restart and cannot leak the key. Every comparison is constant-time.
 */
export class DashboardAccess {
  private readonly keyDigests: Buffer[];
  private readonly session = randomBytes(32).toString('base64url');

  constructor(keys: readonly string[]) {
    this.keyDigests = keys.map(digest);
  }

  isValidKey(candidate: string | undefined | null): boolean {
    if (!candidate) return false;
    const candidateDigest = digest(candidate);
    // No early exit: the time taken does not depend on which key (if any) matched.
    let matched = false;
    for (const keyDigest of this.keyDigests) matched = timingSafeEqual(keyDigest, candidateDigest) || matched;
    return matched;
  }

  /** Whether the request carries a valid key header or the session cookie. */
  admits(request: IncomingMessage): boolean {
    if (this.isValidKey(headerKey(request))) return true;
    const cookie = readCookie(request.headers.cookie, SESSION_COOKIE);
    return cookie !== undefined && timingSafeEqual(digest(cookie), digest(this.session));
  }

  /** HttpOnly: page scripts cannot read it; SameSite=Strict: other sites' pages do not send it. */
  sessionCookie(): string {
    return `${SESSION_COOKIE}=${this.session}; HttpOnly; SameSite=Strict; Path=/`;
  }
}

/** Hashing first makes every comparison the same length, as timingSafeEqual requires. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function headerKey(request: IncomingMessage): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
  if (bearer?.[1]) return bearer[1].trim();
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey : undefined;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
