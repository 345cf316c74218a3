import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatInteger,
  formatLatency,
  formatUsd,
  providerChain,
} from '../../src/tui/format-usage.js';

describe('usage number formats', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1_000, '1.0k'],
    [1_234, '1.2k'],
    [99_949, '99.9k'],
    [99_950, '100k'],
    [999_960, '1.0M'],
    [3_400_000, '3.4M'],
    [12_300_000_000, '12.3B'],
  ])('formatCount(%d) is %s, five characters at most', (value, text) => {
    expect(formatCount(value)).toBe(text);
    expect(text.length).toBeLessThanOrEqual(5);
  });

  it.each([
    [null, '?'],
    [0, '$0'],
    [0.00001, '<$0.0001'],
    [0.0123, '$0.0123'],
    [0.61, '$0.61'],
    [0.4835, '$0.4835'],
    [12.345, '$12.35'],
    [48_123.4, '$48.1k'],
  ])('formatUsd(%s) is %s: an unknown price is never $0', (value, text) => {
    expect(formatUsd(value)).toBe(text);
  });

  it('formats counts read exactly, latencies and fallback chains', () => {
    expect(formatInteger(1_284_000)).toBe('1,284,000');
    expect([850, 1_234, 125_000].map(formatLatency)).toEqual(['850ms', '1.2s', '2.1m']);
    expect(providerChain(['openai', 'openrouter'], 'openrouter')).toBe('openai→openrouter');
    expect(providerChain(['anthropic'], 'anthropic')).toBe('anthropic');
    expect(providerChain([], null)).toBe('–');
  });
});
