import { customToolDescription, customToolInputSchema } from '../custom-tools.js';
import type { ChatToolCall } from '../openai-chat/wire.js';
import { isRecord } from '../usage.js';
import type { CustomTool } from './wire.js';

/**
 * Chat `{type: "custom", custom: {name, description?, format?}}` → a Messages tool; undefined if not
 * one. Messages tools take a JSON object, so it becomes one whose whole input is the string `input`,
 * its grammar quoted in the description: the shape the Responses → Chat converter gives Codex's
 * custom tools too (`../custom-tools.ts`).
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-tools
 */
export function customToolFromChat(tool: unknown): CustomTool | undefined {
  if (!isRecord(tool) || tool.type !== 'custom' || !isRecord(tool.custom)) return undefined;
  const { name, description, format } = tool.custom;
  if (typeof name !== 'string') return undefined;
  const grammar =
    isRecord(format) && format.type === 'grammar' && isRecord(format.grammar) ? format.grammar : undefined;
  const text = customToolDescription(description, grammar);
  return {
    name,
    ...(text !== '' && { description: text }),
    input_schema: customToolInputSchema(),
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
