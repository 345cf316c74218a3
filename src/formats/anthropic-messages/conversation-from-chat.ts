import type { ChatAssistantMessage, ChatMessage } from '../openai-chat/wire.js';
import { blocksFromChatContent, toolResultFromChat, toolUseFromChat } from './content-from-chat.js';
import type { ContentBlock, MessageParam, TextBlock } from './wire.js';

interface Turn {
  role: 'user' | 'assistant';
  content: ContentBlock[];
}

export interface Conversation {
  system: TextBlock[];
  messages: MessageParam[];
}

/**
 * Chat messages → Messages `system` and `messages` (TRANSLATION.md, "Requests, Chat → Messages"):
 * system and developer messages go to `system` wherever they stand; tool messages become
 * `tool_result` blocks of a user turn; consecutive turns of one role merge, since Messages wants
 * user and assistant to alternate and every `tool_use` answered in the very next message.
 */
export function conversationFromChat(chatMessages: ChatMessage[], warnings: string[]): Conversation {
  const system: TextBlock[] = [];
  const turns: Turn[] = [];
  let conversationStarted = false;
  let hoisted = false;
  for (const message of Array.isArray(chatMessages) ? chatMessages : []) {
    if (message?.role === 'system' || message?.role === 'developer') {
      if (conversationStarted && !hoisted) {
        hoisted = true;
        warnings.push('a system message inside the conversation was moved to the top-level system prompt');
      }
      system.push(...blocksFromChatContent(message.content, warnings).filter(isText));
      continue;
    }
    conversationStarted = true;
    const turn = turnFromChat(message, warnings);
    if (turn) appendTurn(turns, turn);
  }
  for (const turn of turns) turn.content = inMessagesOrder(turn.role, turn.content);
  trimFinalAssistantText(turns);
  return { system, messages: turns };
}

function turnFromChat(message: ChatMessage, warnings: string[]): Turn | undefined {
  const content = contentOf(message, warnings);
  return content && content.length > 0
    ? { role: message.role === 'assistant' ? 'assistant' : 'user', content }
    : undefined;
}

function contentOf(message: ChatMessage, warnings: string[]): ContentBlock[] | undefined {
  switch (message?.role) {
    case 'user':
      return blocksFromChatContent(message.content, warnings);
    case 'tool':
      return [toolResultFromChat(message, warnings)];
    case 'assistant':
      return assistantBlocks(message, warnings);
    default:
      warnings.push(`a message with role "${String((message as { role?: unknown })?.role)}" was dropped`);
      return undefined;
  }
}

/**
 * Thinking → text → tool_use. Chat carries no thinking signature, and Messages rejects unsigned
 * thinking (or, worse, an invented signature: bug 8), so `reasoning_content` is dropped.
 */
function assistantBlocks(message: ChatAssistantMessage, warnings: string[]): ContentBlock[] {
  if (typeof message.reasoning_content === 'string' && message.reasoning_content !== '')
    warnings.push(
      'assistant reasoning_content dropped: Messages only takes back thinking with its signature',
    );
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  return [
    ...blocksFromChatContent(message.content, warnings),
    ...calls.map((call) => toolUseFromChat(call, warnings)),
  ];
}

function appendTurn(turns: Turn[], turn: Turn): void {
  const last = turns.at(-1);
  if (last?.role === turn.role) last.content.push(...turn.content);
  else turns.push(turn);
}

/**
 * Within a user turn `tool_result` blocks come first, any text after them; within an assistant turn
 * `tool_use` blocks come last. Sorting is stable, so each group keeps the client's order.
 */
function inMessagesOrder(role: Turn['role'], content: ContentBlock[]): ContentBlock[] {
  const rank = (block: ContentBlock) =>
    role === 'user' ? (block.type === 'tool_result' ? 0 : 1) : block.type === 'tool_use' ? 1 : 0;
  return [...content].sort((a, b) => rank(a) - rank(b));
}

/** A final assistant turn is a prefill, and Messages rejects one ending in whitespace (bug 9). */
function trimFinalAssistantText(turns: Turn[]): void {
  const last = turns.at(-1);
  if (last?.role !== 'assistant') return;
  for (let block = last.content.at(-1); block?.type === 'text'; block = last.content.at(-1)) {
    block.text = block.text.trimEnd();
    if (block.text !== '') return;
    last.content.pop();
  }
  if (last.content.length === 0) turns.pop();
}

function isText(block: ContentBlock): block is TextBlock {
  return block.type === 'text';
}
