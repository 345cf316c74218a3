/**
 * The structural 400s (and one 404) OpenAI's Responses API gives for an `input` it cannot use,
 * before looking at the prompt: a gateway that translates Chat or Messages into Responses must
 * pair every tool call with its output, write assistant text as `output_text`, give function tools
 * a top-level `name`, and never send a reasoning item it cannot give back whole. Messages as the
 * real API words them (quoted in public bug reports, cited per row).
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
import { isObject, type JsonObject } from './scenarios.js';

export interface InputViolation {
  status: 400 | 404;
  message: string;
  param: string | null;
  code: string | null;
}

type Check = (body: JsonObject, input: readonly unknown[]) => InputViolation | undefined;

const itemsOf = (input: readonly unknown[], type: string): JsonObject[] =>
  input.filter((item): item is JsonObject => isObject(item) && item.type === type);

/** Which content part types each role's message may carry. */
const PARTS_OF_ROLE: Record<string, readonly string[]> = {
  assistant: ['output_text', 'refusal'],
  user: ['input_text', 'input_image', 'input_file', 'input_audio'],
  system: ['input_text', 'input_image', 'input_file', 'input_audio'],
  developer: ['input_text', 'input_image', 'input_file', 'input_audio'],
};

const CHECKS: readonly Check[] = [
  // https://github.com/continuedev/continue/issues/10092 (real body: param "input", code null)
  (_body, input) => {
    const calls = new Set(
      [...itemsOf(input, 'function_call'), ...itemsOf(input, 'custom_tool_call')].map((item) => item.call_id),
    );
    const orphan = [
      ...itemsOf(input, 'function_call_output'),
      ...itemsOf(input, 'custom_tool_call_output'),
    ].find((item) => !calls.has(item.call_id));
    return orphan
      ? {
          status: 400,
          message: `No tool call found for function call output with call_id ${String(orphan.call_id)}.`,
          param: 'input',
          code: null,
        }
      : undefined;
  },
  // https://github.com/router-for-me/CLIProxyAPI/issues/2368 (a call answered by nothing)
  (_body, input) => {
    const outputs = new Set(
      [...itemsOf(input, 'function_call_output'), ...itemsOf(input, 'custom_tool_call_output')].map(
        (item) => item.call_id,
      ),
    );
    const calls = [...itemsOf(input, 'function_call'), ...itemsOf(input, 'custom_tool_call')];
    const unanswered = calls.find((call) => !outputs.has(call.call_id));
    return unanswered
      ? {
          status: 400,
          message: `No tool output found for function call ${String(unanswered.call_id)}.`,
          param: 'input',
          code: null,
        }
      : undefined;
  },
  (_body, input) => {
    for (const [index, item] of input.entries()) {
      if (!isObject(item) || (item.type !== undefined && item.type !== 'message')) continue;
      const allowed = PARTS_OF_ROLE[String(item.role)];
      if (!allowed || !Array.isArray(item.content)) continue;
      const part = item.content.findIndex((p) => isObject(p) && !allowed.includes(String(p.type)));
      if (part < 0) continue;
      const type = String((item.content[part] as JsonObject).type);
      return {
        status: 400,
        message: `Invalid value: '${type}'. Supported values are: ${allowed.map((t) => `'${t}'`).join(' and ')}.`,
        param: `input[${index}].content[${part}]`,
        code: 'invalid_value',
      };
    }
    return undefined;
  },
  // https://platform.openai.com/docs/guides/reasoning#keeping-reasoning-items-in-context
  (body, input) => {
    if (body.store !== false) return undefined;
    const lost = itemsOf(input, 'reasoning').find((item) => typeof item.encrypted_content !== 'string');
    return lost
      ? {
          status: 404,
          message: `Item with id '${String(lost.id)}' not found. Items are not persisted when \`store\` is set to false. Try again with \`store\` set to true, or remove this item from your input.`,
          param: 'input',
          code: null,
        }
      : undefined;
  },
  // Responses function tools are flat: {type: 'function', name, parameters}, not Chat's nested form.
  (body) => {
    const tools = Array.isArray(body.tools) ? body.tools : [];
    const index = tools.findIndex(
      (tool) => isObject(tool) && tool.type === 'function' && typeof tool.name !== 'string',
    );
    return index < 0
      ? undefined
      : {
          status: 400,
          message: `Missing required parameter: 'tools[${index}].name'.`,
          param: `tools[${index}].name`,
          code: 'missing_required_parameter',
        };
  },
];

/** The first structural violation of a Responses request, or undefined. */
export function responsesInputViolation(body: JsonObject): InputViolation | undefined {
  const input = Array.isArray(body.input) ? body.input : [];
  for (const check of CHECKS) {
    const violation = check(body, input);
    if (violation) return violation;
  }
  return undefined;
}
