import type { ChatRequest } from '../openai-chat/wire.js';
import { isRecord } from '../usage.js';
import { closedSchema } from './closed-schema.js';
import { objectSchema } from './tools-from-chat.js';

/** What `response_format` becomes on a Messages upstream. */
export interface OutputFormat {
  /** json_schema on a model with JSON outputs: `output_config.format`. */
  format?: { type: 'json_schema'; schema: Record<string, unknown> };
  /** json_schema on any other model: answered through a forced tool (tools-from-chat.ts). */
  viaTool: boolean;
  /** json_object: text added to the system prompt. */
  instruction?: string;
}

/**
 * Messages has no schema-less JSON mode, and `output_config.format` cannot stand in for one:
 * structured outputs require `additionalProperties: false` on every object, so a permissive
 * `{type: "object"}` would allow only `{}`. json_object is asked for in the system prompt instead.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/structured-outputs#json-schema-limitations
 */
export const JSON_OBJECT_INSTRUCTION =
  'Answer with a single valid JSON object and nothing else: no text before or after it, no Markdown code fence.';

/**
 * Chat `response_format` (a Responses client's `text.format`, turned into it by the Chat step) →
 * Messages. json_schema: native JSON outputs where the model has them (they work with thinking on),
 * else the forced-tool fallback; its `name` only labels the format on OpenAI, so it is not sent;
 * `strict: false` is not needed (the schema is enforced either way). json_object: a system-prompt
 * instruction, with a warning that nothing enforces it.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/structured-outputs
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-response_format
 */
export function outputFormatFromChat(
  responseFormat: ChatRequest['response_format'],
  native: boolean,
  warnings: string[],
): OutputFormat {
  const format: unknown = responseFormat;
  if (!isRecord(format) || format.type === 'text' || format.type === undefined) return { viaTool: false };
  if (format.type === 'json_schema' && isRecord(format.json_schema)) {
    if (!native) return { viaTool: true };
    if (typeof format.json_schema.description === 'string' && format.json_schema.description !== '')
      warnings.push(
        'response_format.json_schema.description not sent: output_config.format takes only the schema',
      );
    const { schema, closed } = closedSchema(objectSchema(format.json_schema.schema));
    if (closed > 0)
      warnings.push(
        `response_format schema: additionalProperties false added to ${closed} object${closed === 1 ? '' : 's'} (Claude's structured outputs take closed objects only)`,
      );
    return { format: { type: 'json_schema', schema }, viaTool: false };
  }
  if (format.type === 'json_object') {
    warnings.push(
      'response_format json_object: Messages has no JSON mode; the system prompt asks for a JSON object, which the model is not constrained to',
    );
    return { viaTool: false, instruction: JSON_OBJECT_INSTRUCTION };
  }
  warnings.push(`response_format ${String(format.type)} dropped: Messages has no equivalent`);
  return { viaTool: false };
}
