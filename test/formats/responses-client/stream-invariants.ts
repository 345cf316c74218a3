/**
 * What every Responses stream the translators write must satisfy, whatever the upstream sent:
 * checked on every stream case. Returns the problems found (empty when the stream is well-formed).
 */
import { isDeepStrictEqual } from 'node:util';
import { SseParser } from '../../../src/formats/sse.js';

type Data = Record<string, unknown> & { type: string };

interface Item {
  id: string;
  type: string;
  /** Concatenated deltas. */
  streamed: string;
  done: boolean;
}

/** Which item type each delta-like event belongs to. */
const ITEM_OF_EVENT: Record<string, string> = {
  'response.content_part.added': 'message',
  'response.content_part.done': 'message',
  'response.output_text.delta': 'message',
  'response.output_text.done': 'message',
  'response.function_call_arguments.delta': 'function_call',
  'response.function_call_arguments.done': 'function_call',
  'response.custom_tool_call_input.delta': 'custom_tool_call',
  'response.custom_tool_call_input.done': 'custom_tool_call',
  'response.reasoning_summary_part.added': 'reasoning',
  'response.reasoning_summary_part.done': 'reasoning',
  'response.reasoning_summary_text.delta': 'reasoning',
  'response.reasoning_summary_text.done': 'reasoning',
};

const FINAL_TEXT_FIELD: Record<string, string> = {
  'response.output_text.done': 'text',
  'response.function_call_arguments.done': 'arguments',
  'response.custom_tool_call_input.done': 'input',
  'response.reasoning_summary_text.done': 'text',
};

export function streamProblems(sse: string): string[] {
  const problems: string[] = [];
  const frames: { event: string | undefined; data: Data }[] = [];
  const parser = new SseParser((event) => frames.push({ event: event.event, data: JSON.parse(event.data) }));
  parser.push(sse);
  parser.end();
  const items: Item[] = [];
  const finished: unknown[] = [];
  let open: Item | undefined;
  frames.forEach(({ event, data }, position) => {
    if (event !== data.type)
      problems.push(`frame ${position}: event "${event}" but data type "${data.type}"`);
    if (data.sequence_number !== position)
      problems.push(`frame ${position}: sequence_number ${String(data.sequence_number)}`);
    const index = data.output_index;
    if (data.type === 'response.output_item.added') {
      const item = data.item as { id: string; type: string };
      if (open) problems.push(`item ${String(index)} added while item ${open.id} is open`);
      if (index !== items.length) problems.push(`output_index ${String(index)}, expected ${items.length}`);
      open = { id: item.id, type: item.type, streamed: '', done: false };
      items.push(open);
    } else if (data.type === 'response.output_item.done') {
      const item = data.item as { id: string };
      if (!open || item.id !== open.id || index !== items.indexOf(open))
        problems.push(`frame ${position}: done for an item that is not the open one`);
      if (open) open.done = true;
      finished.push(data.item);
      checkFinishedItem(data.item as Record<string, unknown>, open, problems);
      open = undefined;
    } else if (data.type in ITEM_OF_EVENT) {
      if (!open || data.item_id !== open.id || index !== items.indexOf(open))
        problems.push(`frame ${position}: ${data.type} for an item that is not the open one`);
      else if (open.type !== ITEM_OF_EVENT[data.type]) problems.push(`${data.type} in a ${open.type} item`);
      if (open && typeof data.delta === 'string') open.streamed += data.delta;
      const field = FINAL_TEXT_FIELD[data.type];
      if (open && field && data[field] !== open.streamed)
        problems.push(`${data.type}: ${field} is not the concatenated deltas`);
    }
  });
  const types = frames.map((frame) => frame.data.type);
  if (types[0] !== 'response.created' || types[1] !== 'response.in_progress')
    problems.push('does not start with response.created, response.in_progress');
  const last = frames.at(-1)?.data;
  if (last?.type === 'error') {
    if (types.at(-2) !== 'response.failed') problems.push('error without response.failed before it');
  } else if (last?.type === 'response.completed' || last?.type === 'response.incomplete') {
    if (open) problems.push(`item ${open.id} still open at the end`);
    const response = last.response as { output: unknown[]; usage: unknown; status: string };
    if (!isDeepStrictEqual(response.output, finished))
      problems.push('final output differs from the items done');
    if (response.usage === null) problems.push('final response without usage');
    if (response.status !== last.type.slice('response.'.length)) problems.push(`status ${response.status}`);
  } else {
    problems.push(`ends with ${String(last?.type)}`);
  }
  for (const type of ['response.completed', 'response.incomplete', 'response.failed', 'error'])
    if (types.filter((each) => each === type).length > 1) problems.push(`more than one ${type}`);
  return problems;
}

function checkFinishedItem(item: Record<string, unknown>, open: Item | undefined, problems: string[]): void {
  if (item.type === 'message') {
    const text = (item.content as Array<{ text: string }>)[0]?.text ?? '';
    if (text.trim() === '') problems.push(`message ${String(item.id)} is blank`);
    if (open && text !== open.streamed) problems.push(`message ${String(item.id)}: text is not the deltas`);
  }
  if (item.type === 'function_call' && open && item.arguments !== open.streamed)
    problems.push(`function call ${String(item.id)}: arguments are not the deltas`);
  if ((item.type === 'function_call' || item.type === 'custom_tool_call') && !(item.call_id && item.name))
    problems.push(`call ${String(item.id)} without call_id or name`);
}
