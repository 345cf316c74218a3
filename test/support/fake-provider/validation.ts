/** Request-body reading and the 400s the real APIs give before looking at the prompt. */
import type { IncomingMessage } from 'node:http';
import { clientError, type ErrorReply } from './errors.js';
import { errorShape } from './providers.js';
import { responsesInputViolation } from './responses-input.js';
import { brokenRule } from './rules.js';
import { isObject } from './scenarios.js';
import type { Dialect, ProviderName } from './types.js';

export interface ParsedBody {
  value: unknown;
  /** False when the body was empty or not JSON. */
  ok: boolean;
}

export function parseBody(raw: string): ParsedBody {
  try {
    return { value: JSON.parse(raw), ok: true };
  } catch {
    return { value: undefined, ok: false };
  }
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** The 400s the real APIs give before looking at the prompt. */
export function validate(
  provider: ProviderName,
  kind: Dialect,
  parsed: ParsedBody,
  headers: Readonly<Record<string, string | string[] | undefined>> = {},
): ErrorReply | null {
  const shape = errorShape(provider, kind);
  if (!parsed.ok) {
    return clientError(
      shape,
      400,
      shape === 'anthropic'
        ? 'There was an error parsing the body of your request. The body must be valid JSON.'
        : "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
    );
  }
  const body = parsed.value;
  if (!isObject(body)) return clientError(shape, 400, 'The request body must be a JSON object.');
  if (typeof body.model !== 'string' || body.model === '') {
    return shape === 'anthropic'
      ? clientError(shape, 400, 'model: Field required')
      : clientError(shape, 400, 'you must provide a model parameter');
  }
  if (kind === 'chat' && !Array.isArray(body.messages)) {
    return clientError(shape, 400, "Missing required parameter: 'messages'.", {
      param: 'messages',
      code: 'missing_required_parameter',
    });
  }
  if ((kind === 'messages' || kind === 'count_tokens') && !Array.isArray(body.messages)) {
    return clientError(shape, 400, 'messages: Field required');
  }
  if (kind === 'responses') {
    const violation = responsesInputViolation(body);
    if (violation) {
      const { status, message, param, code } = violation;
      return clientError(shape, status, message, { param, code });
    }
  }
  // Then the per-provider, per-model rules (rules.ts).
  const broken = brokenRule(provider, kind, body, headers);
  if (!broken) return null;
  const { message, param, code } = broken.violation;
  return clientError(shape, broken.rule.status, message, { param: param ?? null, code: code ?? null });
}
