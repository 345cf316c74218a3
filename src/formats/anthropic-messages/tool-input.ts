import { parseJson } from '../stream-tap.js';
import { isRecord } from '../usage.js';

/** The key under which arguments that are not a JSON object are handed to the client. */
export const RAW_ARGUMENTS_KEY = '_raw_arguments';

/**
 * Chat tool-call `arguments` (a JSON string) → a Messages `tool_use` input (an object, never a
 * string). Empty arguments are `{}`; a JSON string holding an object (double-encoded, as some models
 * write) is decoded; anything else is wrapped as `{"_raw_arguments": text}`, so the client's schema
 * check fails visibly and the model sees what it wrote, instead of a silent `{}` (bug 1).
 */
export function toolInputFromArguments(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  const parsed = parseJson(text);
  if (isRecord(parsed)) return parsed;
  const decoded = typeof parsed === 'string' ? parseJson(parsed) : undefined;
  return isRecord(decoded) ? decoded : { [RAW_ARGUMENTS_KEY]: text };
}
