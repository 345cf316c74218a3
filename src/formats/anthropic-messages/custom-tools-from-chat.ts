import type { ChatToolCall } from '../openai-chat/wire.js';
import { isRecord } from '../usage.js';
import type { CustomTool } from './wire.js';

/**
 * OpenAI's custom tools take free text instead of JSON arguments (Codex's `apply_patch`, a lark or
 * regex grammar optionally constraining it). Messages tools take a JSON object, so a custom tool
 * becomes one whose whole input is the string `input`, its grammar quoted in the description: the
 * same shape the Responses → Chat converter gives Codex's custom tools
 * (`openai-chat/tools-from-responses.ts`), so a custom tool reads the same whichever OpenAI API
 * the client spoke. Calls to it are answered back as custom tool calls carrying that string.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-tools
 * @see https://platform.openai.com/docs/guides/function-calling#custom-tools
 */
export const CUSTOM_TOOL_INPUT_SCHEMA = {
  type: 'object',
  properties: { input: { type: 'string', description: 'The whole input of this tool, as free text.' } },
  required: ['input'],
  additionalProperties: false,
} as const;

/** Chat `{type: "custom", custom: {name, description?, format?}}` → a Messages tool; undefined if not one. */
export function customToolFromChat(tool: unknown): CustomTool | undefined {
  if (!isRecord(tool) || tool.type !== 'custom' || !isRecord(tool.custom)) return undefined;
  const { name, description, format } = tool.custom;
  if (typeof name !== 'string') return undefined;
  const grammar =
    isRecord(format) && format.type === 'grammar' && isRecord(format.grammar) ? format.grammar : undefined;
  const rules = grammar
    ? `\n\nThe input must match this ${String(grammar.syntax)} grammar:\n${String(grammar.definition)}`
    : '';
  const text = `${typeof description === 'string' ? description : ''}${rules}`.trim();
  return {
    name,
    ...(text !== '' && { description: text }),
    input_schema: { ...CUSTOM_TOOL_INPUT_SCHEMA, properties: { ...CUSTOM_TOOL_INPUT_SCHEMA.properties } },
  };
}

/** A custom tool call in the history (`{type: "custom", custom: {name, input}}`) → its Messages input. */
export function customInputOf(
  call: ChatToolCall | Record<string, unknown>,
): { name: string; input: { input: string } } | undefined {
  const custom = isRecord(call) && call.type === 'custom' && isRecord(call.custom) ? call.custom : undefined;
  if (typeof custom?.name !== 'string') return undefined;
  return { name: custom.name, input: { input: typeof custom.input === 'string' ? custom.input : '' } };
}
