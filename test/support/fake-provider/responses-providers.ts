/**
 * What differs between the providers serving OpenAI's Responses API (OpenAI, xAI, OpenRouter,
 * Z.AI): how each reads the key, how each marks the reasoning it encrypts, and what each refuses
 * that the others take, with the provider's own error body. One row per refusal, with its source.
 */
import { type CredentialRule, credentialRule } from './credentials.js';
import type { ErrorReply } from './errors.js';
import { isObject, type JsonObject } from './scenarios.js';
import type { ProviderName } from './types.js';

/**
 * Reasoning items' `encrypted_content` is opaque and only its maker can read it. The fake marks
 * what each provider mints so that a provider can tell another's content: OpenAI's keeps the real
 * Fernet prefix (`gAAAAAB…`, as in public error reports); the others' marks are the fake's own.
 */
const ENCRYPTED_MARK: Readonly<Record<ProviderName, string>> = {
  openai: 'gAAAAAB',
  anthropic: 'anthropic-enc.',
  xai: 'xai-enc.',
  openrouter: 'openrouter-enc.',
  zai: 'zai-enc.',
};

export function encryptedContent(provider: ProviderName, blob: string): string {
  return `${ENCRYPTED_MARK[provider]}${blob}`;
}

function mintedBy(provider: ProviderName, content: string): boolean {
  return content.startsWith(ENCRYPTED_MARK[provider]);
}

/**
 * xAI and OpenRouter read the key on Responses as on their Chat route (Bearer, OpenAI's wording);
 * Z.AI's OpenAI-compatible API takes a Bearer token with Z.AI's own messages (codes 1001 / 1000).
 */
const ZAI_RESPONSES: CredentialRule = {
  provider: 'zai',
  routes: ['responses'],
  schemes: ['bearer'],
  shape: 'openai',
  messages: {
    missing: 'Authentication parameter not received in Header, unable to authenticate',
    invalid: { bearer: 'Authentication Failed' },
  },
  source: 'https://docs.z.ai/api-reference/api-code',
};

export function responsesCredentialRule(provider: ProviderName, route: string): CredentialRule | undefined {
  if (route !== 'responses' || provider === 'openai') return undefined;
  return provider === 'zai' ? ZAI_RESPONSES : credentialRule(provider, 'chat');
}

interface Refusal {
  id: string;
  provider: ProviderName;
  /** The reply when the body breaks the rule, else undefined. */
  check(body: JsonObject, input: readonly unknown[]): ErrorReply | undefined;
  source: string;
}

const reasoningItems = (input: readonly unknown[]): JsonObject[] =>
  input.filter((item): item is JsonObject => isObject(item) && item.type === 'reasoning');

const withEncrypted = (input: readonly unknown[]): Array<JsonObject & { encrypted_content: string }> =>
  reasoningItems(input).filter(
    (item): item is JsonObject & { encrypted_content: string } => typeof item.encrypted_content === 'string',
  );

/** xAI's errors are `{code, error}`, not OpenAI's `{error: {…}}`. */
const xaiError = (error: string): ErrorReply => ({ status: 400, body: { code: 'invalid-argument', error } });

/** The keys of a reasoning item as xAI returns it; anything more means it was not sent back unmodified. */
const XAI_REASONING_KEYS = new Set(['type', 'id', 'summary', 'encrypted_content']);

export const RESPONSES_REFUSALS: readonly Refusal[] = [
  {
    // Codex serialises `content: null` on every reasoning item it sends back; a missing `summary`
    // fails the same way. The message names a "compaction blob" although no compaction is involved.
    id: 'xai-reasoning-item-as-returned',
    provider: 'xai',
    check: (_body, input) =>
      withEncrypted(input).some(
        (item) =>
          !Array.isArray(item.summary) || Object.keys(item).some((key) => !XAI_REASONING_KEYS.has(key)),
      )
        ? xaiError('Could not decode the compaction blob. Ensure it is unmodified from the compact response.')
        : undefined,
    source: 'https://github.com/makecindy/cindy/pull/1345 ; https://github.com/chenyme/grok2api/pull/689',
  },
  {
    // Reasoning another provider encrypted (a session moved from gpt-5.5 to grok-4.5) cannot be read.
    id: 'xai-foreign-encrypted-content',
    provider: 'xai',
    check: (_body, input) =>
      withEncrypted(input).some((item) => !mintedBy('xai', item.encrypted_content))
        ? xaiError(
            'Could not decrypt the provided encrypted_content. Ensure the value is the unmodified encrypted_content from a previous response.',
          )
        : undefined,
    source: 'https://github.com/Wei-Shaw/sub2api/issues/4535',
  },
  {
    // The reverse: a session moved from Grok (or from Claude through a gateway) back to OpenAI.
    id: 'openai-foreign-encrypted-content',
    provider: 'openai',
    check: (_body, input) => {
      // Anything OpenAI did not encrypt itself: xAI's, or a gateway's own envelope.
      const foreign = withEncrypted(input).find((item) => !mintedBy('openai', item.encrypted_content));
      if (!foreign) return undefined;
      return {
        status: 400,
        body: {
          error: {
            message: `The encrypted content for item ${String(foreign.id)} could not be verified. Reason: Encrypted content could not be decrypted or parsed.`,
            type: 'invalid_request_error',
            param: null,
            code: 'invalid_encrypted_content',
          },
        },
      };
    },
    source:
      'https://github.com/NousResearch/hermes-agent/pull/32062 ; https://github.com/smallmain/vscode-unify-chat-provider/issues/178',
  },
  {
    // Stateless: `store` may only be false (a Zod literal); absent is fine.
    id: 'openrouter-store-false-only',
    provider: 'openrouter',
    check: (body) =>
      'store' in body && body.store !== false
        ? {
            status: 400,
            body: {
              error: { code: 'invalid_prompt', message: 'Invalid Responses API request' },
              metadata: {
                raw: [
                  {
                    code: 'invalid_value',
                    values: [false],
                    path: ['store'],
                    message: 'Invalid input: expected false',
                  },
                ],
              },
            },
          }
        : undefined,
    source: 'https://github.com/BerriAI/litellm/issues/30851',
  },
];

/** The provider's own refusal of a Responses body, or null. */
export function responsesRefusal(provider: ProviderName, body: JsonObject): ErrorReply | null {
  const input = Array.isArray(body.input) ? body.input : [];
  for (const refusal of RESPONSES_REFUSALS) {
    if (refusal.provider !== provider) continue;
    const reply = refusal.check(body, input);
    if (reply) return reply;
  }
  return null;
}
