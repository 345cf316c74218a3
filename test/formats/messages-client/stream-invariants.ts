/**
 * What every Messages stream the translator writes must satisfy, whatever the upstream sent: checked
 * on every stream fixture. Returns the problems found (empty when the stream is well-formed).
 */
import { SseParser } from '../../../src/formats/sse.js';

interface Block {
  type: string;
  deltas: { type: string; text?: string; thinking?: string }[];
  stopped: boolean;
}

const DELTA_OF_BLOCK: Record<string, string[]> = {
  text: ['text_delta', 'citations_delta'],
  thinking: ['thinking_delta', 'signature_delta'],
  tool_use: ['input_json_delta'],
  // A server tool's call streams its input; its result arrives whole in content_block_start.
  server_tool_use: ['input_json_delta'],
  web_search_tool_result: [],
};

export function streamProblems(sse: string): string[] {
  const problems: string[] = [];
  const events: { event: string | undefined; data: Record<string, unknown> }[] = [];
  const parser = new SseParser((event) => events.push({ event: event.event, data: JSON.parse(event.data) }));
  parser.push(sse);
  parser.end();
  const blocks: Block[] = [];
  let open: number | undefined;
  events.forEach(({ event, data }, position) => {
    if (event !== data.type)
      problems.push(`frame ${position}: event "${event}" but data type "${data.type}"`);
    if (data.type === 'message_start' && position !== 0)
      problems.push(`a second message_start at ${position}`);
    if (position === 0 && data.type !== 'message_start' && data.type !== 'error')
      problems.push('no message_start first');
    const index = data.index as number;
    switch (data.type) {
      case 'content_block_start': {
        const block = data.content_block as { type: string; name?: string; id?: string };
        if (open !== undefined) problems.push(`block ${index} starts while block ${open} is open`);
        if (index !== blocks.length) problems.push(`block index ${index}, expected ${blocks.length}`);
        if (block.type === 'tool_use' && !(block.name && block.id))
          problems.push(`tool_use ${index} without name or id`);
        blocks.push({ type: block.type, deltas: [], stopped: false });
        open = index;
        break;
      }
      case 'content_block_delta': {
        const delta = data.delta as Block['deltas'][number];
        if (index !== open) problems.push(`delta for block ${index} while ${open} is open`);
        const block = blocks[index];
        if (!block || !DELTA_OF_BLOCK[block.type]?.includes(delta.type)) {
          problems.push(`${delta.type} in a ${block?.type} block`);
        }
        block?.deltas.push(delta);
        break;
      }
      case 'content_block_stop': {
        if (index !== open) problems.push(`stop for block ${index} while ${open} is open`);
        const block = blocks[index];
        if (block) block.stopped = true;
        open = undefined;
        break;
      }
      case 'message_delta':
        if (open !== undefined) problems.push('message_delta while a block is open');
        break;
    }
  });
  for (const [index, block] of blocks.entries()) {
    const last = events.at(-1)?.data.type;
    if (!block.stopped && last !== 'error') problems.push(`block ${index} never stopped`);
    if (block.type === 'text' && !block.deltas.some((delta) => delta.text?.trim())) {
      problems.push(`text block ${index} is blank`);
    }
    if (block.type === 'thinking' && block.stopped && block.deltas.at(-1)?.type !== 'signature_delta') {
      problems.push(`thinking block ${index} does not end with a signature`);
    }
  }
  const types = events.map((event) => event.data.type);
  if (types.at(-1) !== 'error') {
    if (types.filter((type) => type === 'message_delta').length !== 1)
      problems.push('not exactly one message_delta');
    if (types.at(-1) !== 'message_stop' || types.at(-2) !== 'message_delta')
      problems.push('does not end with message_delta, message_stop');
  }
  return problems;
}
