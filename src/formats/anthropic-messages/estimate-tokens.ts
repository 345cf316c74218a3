import { isRecord } from '../usage.js';

/**
 * A local estimate of a Messages request's input tokens, for `count_tokens` when the chosen
 * provider cannot count (it speaks Chat). No tokenizer is shipped: English prose and code average
 * about four characters per token in the GPT-4o, Claude and GLM tokenizers alike, so text counts
 * characters / 4, plus the per-message framing OpenAI documents (3 tokens a message, 3 to prime
 * the reply); tools follow the cookbook's formula for how OpenAI renders function definitions
 * (names, types, descriptions and enum values, not the JSON punctuation). Images count 1,600
 * tokens (Anthropic's size for a ~1.15-megapixel image). Measured
 * against the token counts the OpenAI API reported for its cookbook samples: see
 * test/formats/estimate-tokens.test.ts and docs/translation.md.
 */
const CHARACTERS_PER_TOKEN = 4;
const TOKENS_PER_MESSAGE = 3;
const REPLY_PRIMING_TOKENS = 3;
const TOKENS_PER_IMAGE = 1600;
/** OpenAI cookbook, "Counting tokens for chat completions with tool calls" (gpt-4o constants). */
const TOOL_TOKENS = { perFunction: 7, properties: 3, perProperty: 3, enum: -3, perEnumItem: 3, end: 12 };

export function estimateInputTokens(body: Record<string, unknown>): number {
  let characters = 0;
  let tokens = REPLY_PRIMING_TOKENS;
  const visit = (value: unknown): void => {
    if (typeof value === 'string') characters += value.length;
    else if (Array.isArray(value)) for (const item of value) visit(item);
    else if (isRecord(value)) {
      if (value.type === 'image' || value.type === 'document') tokens += TOKENS_PER_IMAGE;
      else if (value.type === 'tool_use')
        characters += JSON.stringify(value.input ?? {}).length + String(value.name).length;
      else
        for (const [key, inner] of Object.entries(value))
          if (key === 'text' || key === 'content' || key === 'thinking') visit(inner);
    }
  };
  if (body.system !== undefined) {
    tokens += TOKENS_PER_MESSAGE;
    visit(typeof body.system === 'string' ? body.system : body.system);
  }
  for (const message of Array.isArray(body.messages) ? body.messages : []) {
    tokens += TOKENS_PER_MESSAGE;
    visit(isRecord(message) ? message.content : undefined);
  }
  const tools = Array.isArray(body.tools) ? body.tools.filter(isRecord) : [];
  for (const tool of tools) {
    const rendered = toolTokens(tool);
    tokens += rendered.tokens;
    characters += rendered.characters;
  }
  if (tools.length > 0) tokens += TOOL_TOKENS.end;
  return tokens + Math.ceil(characters / CHARACTERS_PER_TOKEN);
}

/** A tool definition as the model sees it: `name:description`, then `key:type:description` per property. */
function toolTokens(tool: Record<string, unknown>): { tokens: number; characters: number } {
  let tokens = TOOL_TOKENS.perFunction;
  let characters = `${tool.name ?? ''}:${tool.description ?? ''}`.length;
  const schema = isRecord(tool.input_schema) ? tool.input_schema : {};
  const properties = isRecord(schema.properties) ? Object.entries(schema.properties) : [];
  if (properties.length > 0) tokens += TOOL_TOKENS.properties;
  for (const [key, property] of properties) {
    if (!isRecord(property)) continue;
    tokens += TOOL_TOKENS.perProperty;
    characters += `${key}:${property.type ?? ''}:${property.description ?? ''}`.length;
    if (Array.isArray(property.enum)) {
      tokens += TOOL_TOKENS.enum + TOOL_TOKENS.perEnumItem * property.enum.length;
      characters += property.enum.map(String).join('').length;
    }
    // Nested object and array schemas are not in the cookbook's formula: count their JSON.
    if (isRecord(property.properties) || isRecord(property.items))
      characters += JSON.stringify(property).length;
  }
  return { tokens, characters };
}
