/**
 * The translation entry points the before/after comparison (before-after.test.ts) goes through. A
 * restructuring of the translation core edits this file only; the recorded outputs stay as they are.
 */
import type { WireFormat } from '../../src/formats/index.js';
import type { ResponseContext, StreamTranslator } from '../../src/formats/translation.js';
import { profileFor } from '../../src/providers/index.js';
import { bridgeFor } from '../../src/proxy/bridges.js';

type Wire = WireFormat;

function bridge(upstream: 'chat' | 'messages', client: Wire) {
  const found = bridgeFor(client, upstream);
  if (!found) throw new Error(`no translation ${client} -> ${upstream}`);
  return found;
}

export function translateStreamFor(
  upstream: 'chat' | 'messages',
  client: Wire,
  context: ResponseContext,
): StreamTranslator {
  return bridge(upstream, client).stream(context);
}

export function translateResponseFor(
  upstream: 'chat' | 'messages',
  client: Wire,
  body: unknown,
  context: ResponseContext,
): unknown {
  return bridge(upstream, client).response(body, context);
}

export function translateRequestFor(
  client: Wire,
  upstream: 'chat' | 'messages',
  provider: string,
  model: string,
  maxOutput: number | undefined,
  body: Record<string, unknown>,
): unknown {
  const translated = bridge(upstream, client).request(structuredClone(body), {
    upstreamModel: model,
    maxOutput,
    profile: profileFor(provider),
  });
  return { ...translated, toolNames: [...translated.toolNames] };
}
