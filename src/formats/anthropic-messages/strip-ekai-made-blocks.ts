import { isRecord } from '../usage.js';
import { UNSIGNED_THINKING_SIGNATURE } from './unsigned-thinking.js';

/** What was taken out of a history before it went back to a Messages provider. */
export interface Stripped {
  messages: unknown[];
  /** Unsigned thinking blocks. */
  thinking: number;
  /** Web searches another provider ran (a server_tool_use and its result each). */
  searches: number;
  /** Text blocks whose citations point into those searches. */
  citations: number;
}

/**
 * Blocks ekai made from another provider's answer, which Anthropic would refuse when a session
 * comes back to it: thinking made from a Chat provider's reasoning has no genuine signature (bug 8:
 * "unsigned thinking replayed"); a web search OpenAI ran comes as Anthropic's blocks with empty
 * `encrypted_content` / `encrypted_index`, which only Anthropic can fill (web-search-blocks.ts).
 * They are dropped (the searched text stays, without its citations); everything Anthropic made
 * passes untouched. Returns the same array when there is nothing to drop (one scan, no copy).
 */
export function withoutEkaiMadeBlocks(messages: unknown[]): Stripped {
  const foreignSearches = new Set<unknown>();
  for (const message of messages)
    for (const block of assistantBlocks(message))
      if (isForeignSearchResult(block)) foreignSearches.add(block.tool_use_id);
  const counts = { thinking: 0, searches: 0, citations: 0 };
  const cleaned = messages.map((message) => {
    const blocks = assistantBlocks(message);
    if (blocks.length === 0) return message;
    let changed = false;
    const kept = blocks.flatMap((block) => {
      if (isUnsignedThinking(block)) {
        counts.thinking++;
        changed = true;
        return [];
      }
      if (isRecord(block) && block.type === 'server_tool_use' && foreignSearches.has(block.id)) {
        counts.searches++;
        changed = true;
        return [];
      }
      if (isForeignSearchResult(block)) {
        changed = true;
        return [];
      }
      if (hasForeignCitations(block)) {
        counts.citations++;
        changed = true;
        const { citations: _dropped, ...text } = block as Record<string, unknown>;
        return [text];
      }
      return [block];
    });
    return changed ? { ...(message as Record<string, unknown>), content: kept } : message;
  });
  const dropped = counts.thinking + counts.searches + counts.citations;
  return { messages: dropped === 0 ? messages : cleaned, ...counts };
}

/** The note the client gets for what was dropped, or undefined. */
export function strippedNote(stripped: Stripped): string | undefined {
  const parts = [
    stripped.thinking > 0 &&
      `${stripped.thinking} unsigned thinking block(s) made from another provider's reasoning`,
    stripped.searches > 0 && `${stripped.searches} web search(es) another provider ran`,
    stripped.citations > 0 && `the citations of ${stripped.citations} text block(s) into them`,
  ].filter((part): part is string => typeof part === 'string');
  return parts.length === 0 ? undefined : `dropped ${parts.join(', ')}`;
}

function assistantBlocks(message: unknown): unknown[] {
  return isRecord(message) && message.role === 'assistant' && Array.isArray(message.content)
    ? message.content
    : [];
}

function isUnsignedThinking(block: unknown): boolean {
  return isRecord(block) && block.type === 'thinking' && block.signature === UNSIGNED_THINKING_SIGNATURE;
}

function isForeignSearchResult(block: unknown): block is { tool_use_id: unknown } {
  return (
    isRecord(block) &&
    block.type === 'web_search_tool_result' &&
    Array.isArray(block.content) &&
    block.content.some((result) => isRecord(result) && result.encrypted_content === '')
  );
}

function hasForeignCitations(block: unknown): boolean {
  return (
    isRecord(block) &&
    block.type === 'text' &&
    Array.isArray(block.citations) &&
    block.citations.some(
      (citation) =>
        isRecord(citation) &&
        citation.type === 'web_search_result_location' &&
        citation.encrypted_index === '',
    )
  );
}
