import { describe, expect, it } from 'vitest';
import { estimateInputTokens } from '../../src/formats/anthropic-messages/estimate-tokens.js';

/**
 * Ground truth: the OpenAI cookbook "How to count tokens with tiktoken" ran these requests against
 * the API, which reported 124 prompt tokens (plain) and 101 (with a tool) for gpt-4o. Here they
 * are in Messages form, as count_tokens receives them.
 */
const PLAIN = {
  model: 'gpt-4o',
  system:
    'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.\n\n' +
    'New synergies will help drive top-line growth.\n\nThings working well together will increase revenue.\n\n' +
    "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.\n\n" +
    "Let's talk later when we're less busy about how to do better.",
  messages: [
    {
      role: 'user',
      content: "This late pivot means we don't have time to boil the ocean for the client deliverable.",
    },
  ],
};
const WITH_TOOL = {
  model: 'gpt-4o',
  system: 'You are a helpful assistant that can answer to questions about the weather.',
  messages: [{ role: 'user', content: "What's the weather like in San Francisco?" }],
  tools: [
    {
      name: 'get_current_weather',
      description: 'Get the current weather in a given location',
      input_schema: {
        type: 'object',
        properties: {
          location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
          unit: {
            type: 'string',
            description: 'The unit of temperature to return',
            enum: ['celsius', 'fahrenheit'],
          },
        },
        required: ['location'],
      },
    },
  ],
};

describe('the local count_tokens estimate', () => {
  it.each([
    ['plain conversation', PLAIN, 124],
    ['with a tool', WITH_TOOL, 101],
  ])('%s (%#): within 15%% of what the OpenAI API counted', (_name, body, actual) => {
    const estimate = estimateInputTokens(body);
    const error = (estimate - actual) / actual;
    // Measured (documented in docs/translation.md): see the printed figure.
    console.info(`estimate ${estimate} vs ${actual} counted by the API: ${(error * 100).toFixed(1)}%`);
    expect(Math.abs(error)).toBeLessThan(0.15);
  });

  it('counts images at a fixed size and grows with the text', () => {
    const image = {
      type: 'image',
      source: { type: 'base64', media_type: 'image/png', data: 'x'.repeat(100_000) },
    };
    const withImage = estimateInputTokens({ messages: [{ role: 'user', content: [image] }] });
    expect(withImage).toBe(3 + 3 + 1600);
    expect(estimateInputTokens({ messages: [{ role: 'user', content: 'x'.repeat(4000) }] })).toBe(
      3 + 3 + 1000,
    );
  });
});
