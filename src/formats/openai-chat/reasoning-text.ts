import { isRecord } from '../usage.js';

/** Where a Chat message or stream delta may carry reasoning, by provider. */
interface ReasoningFields {
  /** xAI, DeepSeek. */
  reasoning_content?: unknown;
  /** OpenRouter: the text. */
  reasoning?: unknown;
  /** OpenRouter: the same reasoning, structured (some models send only this). */
  reasoning_details?: unknown;
}

/**
 * The reasoning text a Chat provider returned in a whole message, under whichever name it uses, or
 * undefined. OpenRouter sends `reasoning` and `reasoning_details` side by side with the same text,
 * so the details are read only when no plain text came with them: their readable pieces
 * (`reasoning.text`, `reasoning.summary`), each a paragraph of its own. Encrypted details
 * (`reasoning.encrypted`) are skipped: only the model's own provider can read them, and no Messages
 * or Responses client could hand them back to it.
 * @see https://openrouter.ai/docs/use-cases/reasoning-tokens#reasoning-details-api-shape
 * @see https://docs.x.ai/docs/guides/reasoning
 */
export function messageReasoningText(message: ReasoningFields): string | undefined {
  return reasoningText(message, '\n\n');
}

/** The same for a stream delta, whose detail fragments continue one another. */
export function deltaReasoningText(delta: ReasoningFields): string | undefined {
  return reasoningText(delta, '');
}

function reasoningText(fields: ReasoningFields, separator: string): string | undefined {
  for (const text of [fields.reasoning_content, fields.reasoning]) {
    if (typeof text === 'string' && text !== '') return text;
  }
  if (!Array.isArray(fields.reasoning_details)) return undefined;
  const pieces = fields.reasoning_details.map(readableText).filter((text) => text !== '');
  return pieces.length > 0 ? pieces.join(separator) : undefined;
}

/** Where each kind of detail keeps its readable text; encrypted ones have none (their `data` is opaque). */
const READABLE_FIELD = new Map<unknown, string>([
  ['reasoning.text', 'text'],
  ['reasoning.summary', 'summary'],
]);

function readableText(detail: unknown): string {
  if (!isRecord(detail)) return '';
  const field = READABLE_FIELD.get(detail.type);
  const text = field === undefined ? undefined : detail[field];
  return typeof text === 'string' ? text : '';
}
