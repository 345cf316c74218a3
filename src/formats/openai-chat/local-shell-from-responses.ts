import { isRecord } from '../usage.js';

/**
 * OpenAI's `local_shell` tool (`{type: "local_shell"}`, no parameters: the model knows its shape)
 * has the model ask the client to run a command: a `local_shell_call` item with an `exec` action
 * (`command` as a list of strings, `env`, `timeout_ms`, `working_directory`, `user`), answered by a
 * `local_shell_call_output` (Codex answers with a `function_call_output` of the same `call_id`). On
 * a Chat or Messages provider it is a function of that name taking the action's fields, the call
 * and its output a tool call and its result; the answer side makes a `local_shell_call` again
 * (client-tools.ts).
 * @see https://developers.openai.com/api/docs/guides/tools-local-shell
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-output
 */
export const LOCAL_SHELL = 'local_shell';

export function localShellFunction(): Record<string, unknown> {
  return {
    type: 'function',
    name: LOCAL_SHELL,
    description:
      'Runs a command on the user\'s machine and returns its output. `command` is the program and its arguments (e.g. ["bash", "-lc", "ls"]).',
    parameters: {
      type: 'object',
      properties: {
        command: { type: 'array', items: { type: 'string' }, description: 'The program and its arguments.' },
        working_directory: { type: 'string', description: 'The directory to run the command in.' },
        timeout_ms: { type: 'integer', description: 'How long the command may run, in milliseconds.' },
        env: {
          type: 'object',
          additionalProperties: { type: 'string' },
          description: 'Environment variables to set.',
        },
      },
      required: ['command'],
      additionalProperties: false,
    },
  };
}

/** A `local_shell_call` item's action, as the arguments of a call to that function. */
export function localShellArguments(item: Record<string, unknown>): string {
  const action = isRecord(item.action) ? item.action : {};
  const { type: _type, ...fields } = action;
  // Unset optional fields come as null in OpenAI's output items: left out, as the model would.
  return JSON.stringify(Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null)));
}

/**
 * The call a `local_shell_call` item answers to: its `call_id` (the model's), else its `id` (the
 * API documents `local_shell_call_output.id` as the call's id).
 */
export function localShellCallId(item: Record<string, unknown>): unknown {
  return item.call_id ?? item.id;
}
