import type { BlockSink } from '../part-writer.js';
import { type ContentBlockDelta, formatMessagesEvent } from './stream-events.js';
import { UNSIGNED_THINKING_SIGNATURE } from './unsigned-thinking.js';
import type { ContentBlock } from './wire.js';

export type BlockKind = 'text' | 'thinking' | 'tool_use';

/**
 * Writes a Messages stream's content blocks one at a time: a block starts at the next index and is
 * stopped before the next one starts, so deltas of two blocks never interleave, and text never lands
 * in a thinking block or the other way round (bug 4).
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming#event-types
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

  private start(kind: BlockKind, block: ContentBlock): string {
    const stop = this.close();
    this.index += 1;
    this.open = kind;
    return (
      stop + formatMessagesEvent({ type: 'content_block_start', index: this.index, content_block: block })
    );
  }

  private delta(delta: ContentBlockDelta): string {
    return formatMessagesEvent({ type: 'content_block_delta', index: this.index, delta });
  }
}
