import type { ChatAssistantMessage, ChatMessage } from '../openai-chat/wire.js';
import {
  blocksFromChatContent,
  type ContentPlace,
  toolResultFromChat,
  toolUseFromChat,
} from './content-from-chat.js';
import type { CacheControl, ContentBlock, MessageParam, TextBlock } from './wire.js';

interface Turn {
  role: 'user' | 'assistant';
  content: ContentBlock[];
}

export interface Conversation {
  system: TextBlock[];
  messages: MessageParam[];
}

/**
 * How a system or developer message inside the conversation is carried: as user-side text at its
 * place, between these tags. Hoisting it into `system` (as ekai did) rewrote the head of the prompt
 * each time one appeared, so the whole cached prefix was paid again. The tag is the form Anthropic's
 * own agent (Claude Code) uses for system context inside user turns, which Claude models read as
 * instructions from the harness rather than words of the user.
 */
export const SYSTEM_NOTE = { open: '<system-reminder>\n', close: '\n</system-reminder>' } as const;

/**
 * Chat messages → Messages `system` and `messages` (TRANSLATION.md, "Requests, Chat → Messages"):
 * the leading system and developer messages go to `system`; later ones stay where they are, as a
 * user-side note (SYSTEM_NOTE); tool messages become `tool_result` blocks of a user turn;
 * consecutive turns of one role merge, since Messages wants user and assistant to alternate and
 * every `tool_use` answered in the very next message. `breakpoint` is the mark a part's
 * `prompt_cache_breakpoint` becomes.
 */
export function conversationFromChat(
  chatMessages: ChatMessage[],
  warnings: string[],
  breakpoint: CacheControl = { type: 'ephemeral' },
): Conversation {
  const system: TextBlock[] = [];
  const turns: Turn[] = [];
  let conversationStarted = false;
  let noted = false;
  for (const [index, message] of (Array.isArray(chatMessages) ? chatMessages : []).entries()) {
    const place = { path: `messages[${index}].content`, breakpoint };
    if ((message?.role === 'system' || message?.role === 'developer') && !conversationStarted) {
      system.push(...blocksFromChatContent(message.content, warnings, place).filter(isText));
      continue;
    }
    if ((message?.role === 'system' || message?.role === 'developer') && !noted) {
      noted = true;
      warnings.push(
        `a ${message.role} message inside the conversation was sent in place, as user text between <system-reminder> tags (Messages has no system turns)`,
      );
    }
    conversationStarted = true;
    const turn = turnFromChat(message, warnings, place);
    if (turn) appendTurn(turns, turn);
  }
  for (const turn of turns) turn.content = inMessagesOrder(turn.role, turn.content);
  trimFinalAssistantText(turns);
  return { system, messages: turns };
}

function turnFromChat(message: ChatMessage, warnings: string[], place: ContentPlace): Turn | undefined {
  const content = contentOf(message, warnings, place);
  return content && content.length > 0
    ? { role: message.role === 'assistant' ? 'assistant' : 'user', content }
    : undefined;
}

function contentOf(
  message: ChatMessage,
  warnings: string[],
  place: ContentPlace,
): ContentBlock[] | undefined {
  switch (message?.role) {
    case 'user':
      return blocksFromChatContent(message.content, warnings, place);
    case 'system':
    case 'developer':
      return systemNote(blocksFromChatContent(message.content, warnings, place).filter(isText));
    case 'tool':
      return [toolResultFromChat(message, warnings, place)];
    case 'assistant':
      return assistantBlocks(message, warnings, place);
    default:
      warnings.push(`a message with role "${String((message as { role?: unknown })?.role)}" was dropped`);
      return undefined;
  }
}

/**
 * Thinking → text → tool_use. Chat carries no thinking signature, and Messages rejects unsigned
 * thinking (or, worse, an invented signature: bug 8), so `reasoning_content` is dropped.
 */
function assistantBlocks(
  message: ChatAssistantMessage,
  warnings: string[],
  place: ContentPlace,
): ContentBlock[] {
  if (typeof message.reasoning_content === 'string' && message.reasoning_content !== '')
    warnings.push(
      'assistant reasoning_content dropped: Messages only takes back thinking with its signature',
    );
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  return [
    ...blocksFromChatContent(message.content, warnings, place),
    ...calls.map((call) => toolUseFromChat(call, warnings)),
  ];
}

/** The message's text, wrapped: the first block opens the tag, the last closes it (their marks kept). */
function systemNote(blocks: TextBlock[]): TextBlock[] {
  return blocks.map((block, index) => ({
    ...block,
    text: `${index === 0 ? SYSTEM_NOTE.open : ''}${block.text}${index === blocks.length - 1 ? SYSTEM_NOTE.close : ''}`,
  }));
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
