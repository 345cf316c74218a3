import type { BlockSink } from '../part-writer.js';
import { type ContentBlockDelta, formatMessagesEvent } from './stream-events.js';
import { UNSIGNED_THINKING_SIGNATURE } from './unsigned-thinking.js';
import {
  type Citation,
  type ServerToolCall,
  type ServerToolResult,
  type ServerToolUseBlock,
  serverToolUseId,
  type WebSearchToolResultBlock,
  webSearchCitation,
  webSearchToolResult,
} from './web-search-blocks.js';
import type { ContentBlock } from './wire.js';

export type BlockKind = 'text' | 'thinking' | 'tool_use' | 'server_tool_use' | 'web_search_tool_result';

/**
 * Writes a Messages stream's content blocks one at a time: a block starts at the next index and is
 * stopped before the next one starts, so deltas of two blocks never interleave, and text never lands
 * in a thinking block or the other way round (bug 4). A provider's search is a `server_tool_use`
 * block (its query as one `input_json_delta`) and a `web_search_tool_result` block, whole at its
 * start; a citation is a `citations_delta` of the open text block.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming#event-types
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool#streaming
 */
export class ContentBlockWriter implements BlockSink {
  private open: BlockKind | undefined;
  private index = -1;

  get openKind(): BlockKind | undefined {
    return this.open;
  }

  text(text: string): string {
    return this.ensureOpen('text', { type: 'text', text: '' }) + this.delta({ type: 'text_delta', text });
  }

  reasoning(text: string): string {
    const start = this.ensureOpen('thinking', { type: 'thinking', thinking: '', signature: '' });
    return start + this.delta({ type: 'thinking_delta', thinking: text });
  }

  startCall(id: string, name: string): string {
    return this.start('tool_use', { type: 'tool_use', id, name, input: {} });
  }

  /** A fragment of the open tool_use block's input JSON. */
  callInput(partialJson: string): string {
    return this.delta({ type: 'input_json_delta', partial_json: partialJson });
  }

  serverToolUse(part: ServerToolCall): string {
    const block: ServerToolUseBlock = {
      type: 'server_tool_use',
      id: serverToolUseId(part.id),
      name: part.name,
      input: {},
    };
    return this.start('server_tool_use', block) + this.callInput(JSON.stringify(part.input)) + this.close();
  }

  serverToolResult(part: ServerToolResult): string {
    return (
      this.start('web_search_tool_result', webSearchToolResult(part.callId, part.results)) + this.close()
    );
  }

  /** Only text is cited: a citation arriving with no text block open has nothing to attach to. */
  citation(part: Citation): string {
    if (this.open !== 'text') return '';
    return this.delta({ type: 'citations_delta', citation: webSearchCitation(part) });
  }

  close(): string {
    if (this.open === undefined) return '';
    // A thinking block ends with its signature, as Anthropic's do; ours is recognisably unsigned (bug 8).
    const signature =
      this.open === 'thinking'
        ? this.delta({ type: 'signature_delta', signature: UNSIGNED_THINKING_SIGNATURE })
        : '';
    this.open = undefined;
    return signature + formatMessagesEvent({ type: 'content_block_stop', index: this.index });
  }

  private ensureOpen(kind: BlockKind, block: ContentBlock): string {
    return this.open === kind ? '' : this.start(kind, block);
  }

  /** Server tool blocks are not among the wire module's ContentBlock types (yet): written as they are. */
  private start(
    kind: BlockKind,
    block: ContentBlock | ServerToolUseBlock | WebSearchToolResultBlock,
  ): string {
    const stop = this.close();
    this.index += 1;
    this.open = kind;
    return (
      stop +
      formatMessagesEvent({
        type: 'content_block_start',
        index: this.index,
        content_block: block as ContentBlock,
      })
    );
  }

  private delta(delta: ContentBlockDelta): string {
    return formatMessagesEvent({ type: 'content_block_delta', index: this.index, delta });
  }
}
