/**
 * A custom (free-text) tool on an API that takes only JSON-schema tools: Codex's `apply_patch` from
 * Responses, a Chat client's `type: "custom"` tool. Its whole input is one string the model writes as
 * the `input` argument, and its grammar, if any, is told in the description, so a custom tool reads
 * the same whichever OpenAI API the client spoke and whichever provider runs it. Calls to it are
 * answered back as custom tool calls carrying that string.
 * @see https://platform.openai.com/docs/guides/function-calling#custom-tools
 */
export const CUSTOM_TOOL_INPUT_SCHEMA = {
  type: 'object',
  properties: { input: { type: 'string', description: 'The whole input of this tool, as free text.' } },
  required: ['input'],
  additionalProperties: false,
} as const;

/** A fresh copy of the schema, for a request body (which later steps may edit in place). */
export function customToolInputSchema() {
  return {
    ...CUSTOM_TOOL_INPUT_SCHEMA,
    properties: { ...CUSTOM_TOOL_INPUT_SCHEMA.properties },
    required: ['input'],
  };
}

/** The tool's description, with the grammar its input must match appended (trimmed; may be ''). */
export function customToolDescription(
  description: unknown,
  grammar: { syntax?: unknown; definition?: unknown } | undefined,
): string {
  const rules = grammar
    ? `\n\nThe input must match this ${String(grammar.syntax)} grammar:\n${String(grammar.definition)}`
    : '';
  return `${typeof description === 'string' ? description : ''}${rules}`.trim();
}

/**
 * Defaults some SDKs always send (null, 0, false, {}, []) change nothing, so dropping them is not
 * worth a warning.
 */
export function matters(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0) return false;
  return typeof value !== 'object' || Object.keys(value).length > 0;
}
