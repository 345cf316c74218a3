import { Readable } from 'node:stream';
import type { UsageEvent } from '../usage/event.js';
import { decodedBody } from './pipe.js';
import type { UpstreamResponse } from './upstream.js';

/** What stands in for a secret. */
export const REDACTED = '[redacted]';

/**
 * Takes secrets (provider keys, gateway keys) out of text ekai relays, stores or prints: an
 * upstream that echoes the key it was sent (in an error body, say) must not hand it to the client,
 * the usage database, the CSV export or the log. Secrets shorter than 8 characters are not
 * searched for (they would match ordinary words; a real key is longer).
 */
export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: Iterable<string | undefined>) {
    const usable = [...secrets].filter(
      (secret): secret is string => typeof secret === 'string' && secret.length >= 8,
    );
    // Longest first, so a key that contains another is replaced whole.
    this.secrets = [...new Set(usable)].sort((a, b) => b.length - a.length);
  }

  text(value: string): string {
    let out = value;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }

  /** The event with every text field redacted; the same object when none holds a secret. */
  event(event: UsageEvent): UsageEvent {
    if (this.secrets.length === 0 || !this.holdsSecret(event)) return event;
    const text = (value: string | null) => (value === null ? null : this.text(value));
    return {
      ...event,
      requestedModel: this.text(event.requestedModel),
      model: this.text(event.model),
      upstreamModel: text(event.upstreamModel),
      errorMessage: text(event.errorMessage),
      warnings: event.warnings.map((note) => this.text(note)),
      attempts: event.attempts.map((attempt) =>
        attempt.error === undefined ? attempt : { ...attempt, error: this.text(attempt.error) },
      ),
      clientName: text(event.clientName),
      tag: text(event.tag),
    };
  }

  private holdsSecret(event: UsageEvent): boolean {
    const fields = [
      event.requestedModel,
      event.model,
      event.upstreamModel,
      event.errorMessage,
      event.clientName,
      event.tag,
      ...event.warnings,
      ...event.attempts.map((attempt) => attempt.error),
    ];
    return fields.some(
      (field) => typeof field === 'string' && this.secrets.some((secret) => field.includes(secret)),
    );
  }
}

/**
 * What ekai writes to a client from a successful answer, with `apiKey` redacted: streams relay
 * whole events (a key cannot straddle two writes), so each write is checked on its own, for the
 * price of one byte search when the key is absent (always, but for an upstream that echoes it).
 */
export function clientBytes<T extends Buffer | string>(out: T, apiKey: string | undefined): T {
  if (!apiKey || apiKey.length < 8 || !out.includes(apiKey)) return out;
  const text = new Redactor([apiKey]).text(out.toString());
  return (typeof out === 'string' ? text : Buffer.from(text, 'utf8')) as T;
}

/** Error bodies are small; one larger than this is cut (its start is enough to tell the error). */
const MAX_ERROR_BODY_BYTES = 1024 * 1024;

/**
 * An upstream error answer (status ≥ 400), read whole, decompressed and with `apiKey` (the key
 * that provider was sent, the only secret it can echo) redacted: every path after this one (relayed
 * as is, translated, held back for a fallback, recorded) sees the redacted text. Successful
 * answers pass untouched.
 */
export async function withRedactedError(
  upstream: UpstreamResponse,
  apiKey: string | undefined,
): Promise<UpstreamResponse> {
  if (upstream.status < 400) return upstream;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of decodedBody(
    upstream.body,
    upstream.headers['content-encoding'],
  ) as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= MAX_ERROR_BODY_BYTES) {
      upstream.body.destroy();
      break;
    }
  }
  const text = new Redactor([apiKey]).text(
    Buffer.concat(chunks).subarray(0, MAX_ERROR_BODY_BYTES).toString('utf8'),
  );
  const { 'content-encoding': _encoding, 'content-length': _length, ...headers } = upstream.headers;
  return { status: upstream.status, headers, body: Readable.from([Buffer.from(text, 'utf8')]) };
}
