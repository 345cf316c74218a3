import { describe, expect, it } from 'vitest';
import { UsageChunkFilter } from '../../src/proxy/usage-chunk-filter.js';

const STREAM =
  'data: {"choices":[{"index":0,"delta":{"content":"Hé"}}],"usage":null}\n\n' +
  'data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}\n\n' +
  'data: {"choices":[],"usage":{"prompt_tokens":9,"completion_tokens":2}}\n\n' +
  'data: [DONE]\n\n';
const WITHOUT_USAGE = STREAM.replace(/data: \{"choices":\[\],"usage".*?\n\n/, '');

describe('UsageChunkFilter', () => {
  it('drops the usage-only chunk and keeps every other byte', () => {
    const filter = new UsageChunkFilter();
    expect(filter.push(new TextEncoder().encode(STREAM)) + filter.end()).toBe(WITHOUT_USAGE);
  });

  it('does the same when the stream arrives one byte at a time', () => {
    const filter = new UsageChunkFilter();
    let out = '';
    for (const byte of new TextEncoder().encode(STREAM)) out += filter.push(Uint8Array.of(byte));
    expect(out + filter.end()).toBe(WITHOUT_USAGE);
  });
});
