import type { WireFormat } from '../wire.js';

/**
 * What went wrong, independent of wire format; each format renders it in its own error shape. The
 * HTTP status follows from the kind unless an upstream status is kept as is.
 */
export type ErrorKind =
  | 'invalid_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'request_too_large'
  | 'rate_limit'
  | 'api_error'
  | 'bad_gateway'
  | 'unavailable'
  | 'timeout'
  | 'overloaded'
  | 'not_implemented';

export const STATUS_OF_KIND: Record<ErrorKind, number> = {
  invalid_request: 400,
  authentication: 401,
  permission: 403,
  not_found: 404,
  request_too_large: 413,
  rate_limit: 429,
  api_error: 500,
  not_implemented: 501,
  bad_gateway: 502,
  unavailable: 503,
  timeout: 504,
  overloaded: 529,
};

/** The kind an HTTP status stands for (for upstream statuses passed on in another wire format). */
export function kindOfStatus(status: number): ErrorKind {
  if (status === 401) return 'authentication';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit';
  if (status === 529) return 'overloaded';
  if (status === 504 || status === 408) return 'timeout';
  if (status === 503) return 'unavailable';
  if (status === 502) return 'bad_gateway';
  if (status >= 500) return 'api_error';
  return 'invalid_request';
}

export interface ErrorDetails {
  kind: ErrorKind;
  message: string;
  /**
   * OpenAI's `code`: the gateway's own (model_not_found) or an OpenAI upstream's
   * (context_length_exceeded); Anthropic has no such field.
   */
  code?: string | undefined;
  /** OpenAI's `param`, the request field at fault. */
  param?: string | undefined;
  /**
   * The error `type` to render instead of the kind's: an upstream's own, set only when the client
   * speaks the upstream's wire format (the formats' types mean different things). Not named `type`:
   * a stream part `{type: 'error', …}` is rendered as ErrorDetails too.
   */
  upstreamType?: string | undefined;
}

/** What an upstream's error answer said, in its own wire format: status and the body's fields. */
export interface UpstreamErrorSaid {
  format: WireFormat;
  status: number;
  message: string;
  code?: string | undefined;
  type?: string | undefined;
  param?: string | undefined;
}

/** How an upstream error is told to a client of the other error family (only what changes). */
export interface ErrorMeaning {
  status?: number;
  kind?: ErrorKind;
  message?: string;
  code?: string;
  param?: string;
  /**
   * Retrying cannot help (an account out of money): the client is told not to (`x-should-retry:
   * false`, no `retry-after`), whatever the upstream's own headers said for its status.
   */
  final?: true;
}

/** The two error families: OpenAI's (Chat and Responses answer errors alike) and Anthropic's. */
type ErrorFamily = 'openai' | 'anthropic';
const FAMILY: Record<WireFormat, ErrorFamily> = {
  chat: 'openai',
  responses: 'openai',
  messages: 'anthropic',
};

interface MeaningRow {
  from: ErrorFamily;
  to: ErrorFamily;
  when: (said: UpstreamErrorSaid) => boolean;
  becomes: (said: UpstreamErrorSaid, client: WireFormat) => ErrorMeaning;
  /** The documents the two sides come from. */
  sources: readonly string[];
}

/** OpenAI's own context-length message carries both numbers; Anthropic's says them its way. */
const OPENAI_CONTEXT_NUMBERS = /maximum context length is (\d+) tokens.*?resulted in (\d+) tokens/s;
const ANTHROPIC_PROMPT_TOO_LONG = /^prompt is too long\b/i;

/**
 * Errors whose meaning a client acts on, told across the two families (within a family the
 * upstream's own fields pass unchanged, see the proxy's `upstreamFieldsFor`). One row per meaning:
 * - OpenAI `insufficient_quota` (429, "You exceeded your current quota") is an empty account, not a
 *   rate limit: a Messages client (Claude Code) would retry a 429 and wait in vain. It becomes 403
 *   `permission_error` (no SDK retries a 403, and neither does Claude Code), told not to retry.
 *   Not 400 `invalid_request_error`, which Anthropic uses for its own "credit balance is too low"
 *   but which says the request is wrong, and not 402 `billing_error`, which the errors page does
 *   not list among its HTTP errors and for which the SDKs have no error class.
 * - OpenAI `context_length_exceeded` → Anthropic's own wording, "prompt is too long: N tokens > M
 *   maximum" (the words a Messages client knows the condition by), numbers kept.
 * - Anthropic's "prompt is too long" (400 `invalid_request_error`) → `context_length_exceeded`, on
 *   which Codex stops instead of retrying; `param` names the field Chat / Responses hold the prompt in.
 * - Anthropic `rate_limit_error` → `rate_limit_exceeded`, OpenAI's code for the same 429.
 */
const MEANINGS: readonly MeaningRow[] = [
  {
    from: 'openai',
    to: 'anthropic',
    when: (said) => said.code === 'insufficient_quota',
    becomes: () => ({ status: 403, kind: 'permission', final: true }),
    sources: [
      'https://platform.openai.com/docs/guides/error-codes',
      'https://docs.anthropic.com/en/api/errors',
    ],
  },
  {
    from: 'openai',
    to: 'anthropic',
    when: (said) => said.code === 'context_length_exceeded',
    becomes: (said) => {
      const numbers = OPENAI_CONTEXT_NUMBERS.exec(said.message);
      return {
        message: numbers
          ? `prompt is too long: ${numbers[2]} tokens > ${numbers[1]} maximum`
          : `prompt is too long: ${said.message}`,
      };
    },
    sources: [
      'https://platform.openai.com/docs/guides/error-codes',
      'https://docs.anthropic.com/en/api/errors',
    ],
  },
  {
    from: 'anthropic',
    to: 'openai',
    when: (said) => said.status === 400 && ANTHROPIC_PROMPT_TOO_LONG.test(said.message),
    becomes: (_said, client) => ({
      code: 'context_length_exceeded',
      param: client === 'responses' ? 'input' : 'messages',
    }),
    sources: [
      'https://docs.anthropic.com/en/api/errors',
      'https://platform.openai.com/docs/guides/error-codes',
    ],
  },
  {
    from: 'anthropic',
    to: 'openai',
    when: (said) => said.type === 'rate_limit_error',
    becomes: () => ({ code: 'rate_limit_exceeded' }),
    sources: [
      'https://docs.anthropic.com/en/api/errors',
      'https://platform.openai.com/docs/guides/error-codes',
    ],
  },
];

/** What a client of `client` is told instead of an upstream error from the other family; {} when nothing changes. */
export function errorMeaningFor(client: WireFormat, said: UpstreamErrorSaid): ErrorMeaning {
  const from = FAMILY[said.format];
  const to = FAMILY[client];
  if (from === to) return {};
  const row = MEANINGS.find((meaning) => meaning.from === from && meaning.to === to && meaning.when(said));
  return row ? row.becomes(said, client) : {};
}
