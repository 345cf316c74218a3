import { createHash } from 'node:crypto';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

/**
 * Ids that look like the real ones but are a pure function of (request number, n-th id asked for),
 * so a rerun of the same test produces the same bytes.
 */
export class IdSource {
  #count = 0;

  constructor(private readonly seed: string) {}

  token(length: number, alphabet = BASE62): string {
    this.#count += 1;
    let out = '';
    for (let block = 0; out.length < length; block += 1) {
      const digest = createHash('sha256').update(`${this.seed}:${this.#count}:${block}`).digest();
      for (const byte of digest) {
        if (out.length === length) break;
        out += alphabet[byte % alphabet.length];
      }
    }
    return out;
  }

  hex(length: number): string {
    return this.token(length, HEX);
  }

  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /** Base64-looking opaque blob (thinking signatures, encrypted reasoning). */
  blob(length: number): string {
    return this.token(length, `${BASE62}+/`);
  }
}

/** `sk-abc…wxyz`-style redaction used in the providers' "incorrect key" messages. */
export function redactKey(key: string): string {
  if (key.length <= 8) return '*'.repeat(key.length);
  return `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`;
}
