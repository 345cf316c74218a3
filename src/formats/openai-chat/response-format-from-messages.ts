import type { MessagesRequest } from '../anthropic-messages/wire.js';
import { UnsupportedRequestError } from '../translation.js';
import { isRecord } from '../usage.js';
import type { ChatRequest } from './wire.js';

/**
 * Chat requires a name for the schema; Messages has none, so every schema goes under this one
 * (letters, digits, `_` and `-`, at most 64 characters, as Chat wants).
 */
const SCHEMA_NAME = 'structured_output';

/**
 * Messages structured outputs (`output_config.format`, or the beta's older top-level
 * `output_format`) → Chat's `response_format: json_schema`, strict as Messages' is (the answer
 * always matches the schema). Anthropic has only the `json_schema` type; another is refused (400)
 * rather than answered with free text.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/structured-outputs
 * @see https://platform.openai.com/docs/guides/structured-outputs
 */
export function responseFormatFromMessages(body: MessagesRequest): Partial<ChatRequest> {
  const fromConfig = isRecord(body.output_config) ? body.output_config.format : undefined;
  const [format, param] =
    fromConfig !== undefined && fromConfig !== null
      ? [fromConfig, 'output_config.format']
      : [body.output_format, 'output_format'];
  if (format === undefined || format === null) return {};
  if (!isRecord(format) || format.type !== 'json_schema' || !isRecord(format.schema)) {
    throw new UnsupportedRequestError(
      `${param}: only {"type": "json_schema", "schema": {…}} has a Chat form (response_format json_schema)`,
      param,
    );
  }
  return {
    response_format: {
      type: 'json_schema',
      json_schema: { name: SCHEMA_NAME, schema: format.schema, strict: true },
    },
  };
}
