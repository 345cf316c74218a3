// The fixed scripted sessions each client is recorded in. A session is a prompt, the files of its
// scratch folder, and the answers the recorder gives: `steps[n]` answers a request of the main
// conversation after n tool rounds; `side(request)` answers the client's own side requests (title
// or topic calls on the small model, a sub-agent's conversation, the web search helper) so they do
// not consume a step. An answer is `{ thinking?, text?, calls? }` (see recorder.mjs); a step can be
// a function of the request, to name a tool the way this client version spells it.

/** A 1×1 transparent PNG (Claude Code's Read returns images as image blocks inside the tool result). */
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const DONE = { text: 'Done: the task is complete.' };

// ---------------------------------------------------------------- Claude Code

export const CLAUDE_MODEL = 'claude-opus-5-5';
export const CLAUDE_SMALL_MODEL = 'claude-haiku-5-5';

/** Names of the tools a request declares. */
const toolNames = (body) => (Array.isArray(body?.tools) ? body.tools.map((tool) => tool.name) : []);
const firstTool = (body, names) => names.find((name) => toolNames(body).includes(name)) ?? names[0];

/** Claude Code's own side requests: another model, the web search helper, a sub-agent. */
function claudeSide(record) {
  const body = record.body ?? {};
  if (body.model && body.model !== CLAUDE_MODEL) return { text: 'Side answer.' };
  if ((body.tools ?? []).some((tool) => /^web_search/.test(tool.type ?? ''))) {
    return { text: 'Search result: example.com is reserved for documentation.' };
  }
  if (JSON.stringify(body.messages?.[0] ?? '').includes('SUBAGENT-TASK'))
    return { text: 'Sub-agent: 2 files.' };
  return undefined;
}

export const CLAUDE_SESSIONS = [
  { name: 'text', prompt: 'Say hello.', steps: [{ text: 'Hello! How can I help?' }] },
  {
    name: 'tool',
    files: { 'notes.txt': 'The answer is 42.\n' },
    prompt: 'What is in notes.txt?',
    steps: [
      (_, folder) => ({ calls: [{ name: 'Read', input: { file_path: `${folder}/notes.txt` } }] }),
      { text: 'notes.txt says the answer is 42.' },
    ],
  },
  {
    name: 'parallel-tools',
    files: { 'a.txt': 'alpha\n', 'b.txt': 'beta\n' },
    prompt: 'Read a.txt and b.txt.',
    steps: [
      (_, folder) => ({
        text: 'Reading both files.',
        calls: [
          { name: 'Read', input: { file_path: `${folder}/a.txt` } },
          { name: 'Read', input: { file_path: `${folder}/b.txt` } },
        ],
      }),
      { text: 'a.txt says alpha, b.txt says beta.' },
    ],
  },
  {
    name: 'thinking',
    files: { 'notes.txt': 'The answer is 42.\n' },
    prompt: 'Think, then read notes.txt.',
    env: { MAX_THINKING_TOKENS: '8000' },
    steps: [
      (_, folder) => ({
        thinking: 'The user wants the file read first.',
        calls: [{ name: 'Read', input: { file_path: `${folder}/notes.txt` } }],
      }),
      { thinking: 'The file holds the answer.', text: 'The answer is 42.' },
    ],
  },
  {
    name: 'image-tool-result',
    files: { 'pixel.png': PIXEL_PNG },
    prompt: 'Look at pixel.png.',
    steps: [
      (_, folder) => ({ calls: [{ name: 'Read', input: { file_path: `${folder}/pixel.png` } }] }),
      { text: 'It is a single transparent pixel.' },
    ],
  },
  {
    name: 'sub-agent',
    files: { 'a.txt': 'alpha\n', 'b.txt': 'beta\n' },
    prompt: 'Use a sub-agent to count the files here.',
    args: ['--allowedTools', 'Task,Agent,Read,Glob,LS'],
    steps: [
      (request) => ({
        calls: [
          {
            name: firstTool(request.body, ['Agent', 'Task']),
            input: {
              description: 'Count files',
              prompt: 'SUBAGENT-TASK: count the files in the working directory.',
              subagent_type: 'general-purpose',
            },
          },
        ],
      }),
      { text: 'The sub-agent counted 2 files.' },
    ],
  },
  {
    name: 'web-search',
    prompt: 'Search the web for what example.com is.',
    args: ['--allowedTools', 'WebSearch'],
    steps: [
      { calls: [{ name: 'WebSearch', input: { query: 'what is example.com' } }] },
      { text: 'example.com is reserved for documentation.' },
    ],
  },
  {
    // Gateway model discovery (GET /v1/models) is opt-in; count_tokens is recorded wherever the client calls it.
    name: 'discovery',
    prompt: 'Say hello.',
    env: { CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1' },
    steps: [{ text: 'Hello!' }],
  },
].map((session) => ({ ...session, side: claudeSide }));

// ---------------------------------------------------------------- Codex

export const CODEX_MODEL = 'gpt-6.2-sol';
/** A non-OpenAI id: Codex then sends its namespace tools (multi_agent_v1, …) and tool_search. */
export const CODEX_FOREIGN_MODEL = 'claude-opus-5-5';

const shellTool = (body) => firstTool(body, ['exec_command', 'shell_command', 'shell']);
const shellCall = (body, command) =>
  shellTool(body) === 'shell' ? { command: ['bash', '-lc', command] } : { cmd: command };

const PATCH = [
  '*** Begin Patch',
  '*** Add File: hello.txt',
  '+hello from the patch',
  '*** End Patch',
  '',
].join('\n');

const COMPACTION_SUMMARY = 'Summary: notes.txt was read; it says the answer is 42.';

/** A Codex sub-agent's own conversation (spawned by the namespace session). */
function codexSide(record) {
  const input = JSON.stringify(record.body?.input ?? '');
  if (input.includes('SUBAGENT-TASK') && !input.includes('spawn_agent'))
    return { text: 'Sub-agent: 2 files.' };
  return undefined;
}

export const CODEX_SESSIONS = [
  {
    name: 'exec',
    files: { 'notes.txt': 'The answer is 42.\n' },
    prompt: 'What does notes.txt say?',
    steps: [
      (request) => ({
        calls: [{ name: shellTool(request.body), input: shellCall(request.body, 'cat notes.txt') }],
      }),
      { text: 'notes.txt says the answer is 42.' },
    ],
  },
  {
    name: 'apply-patch',
    prompt: 'Create hello.txt with a patch.',
    // Codex offers an apply_patch tool only to models its own catalog lists with one (none of ours in
    // 0.169); otherwise the model sends the patch through the shell, which Codex intercepts and applies.
    steps: [
      (request) => {
        const tool = (request.body.tools ?? []).find((candidate) => candidate.name === 'apply_patch');
        if (tool)
          return {
            calls: [{ name: 'apply_patch', input: tool.type === 'custom' ? PATCH : { input: PATCH } }],
          };
        const heredoc = `apply_patch <<'EOF'\n${PATCH}EOF\n`;
        return { calls: [{ name: shellTool(request.body), input: shellCall(request.body, heredoc) }] };
      },
      { text: 'hello.txt is created.' },
    ],
  },
  {
    name: 'namespace-tools',
    model: CODEX_FOREIGN_MODEL,
    files: { 'a.txt': 'alpha\n', 'b.txt': 'beta\n' },
    prompt: 'Spawn a sub-agent to count the files here.',
    steps: [
      (request) => {
        const namespace = (request.body.tools ?? []).find((tool) => tool.type === 'namespace');
        const spawn = namespace?.tools?.find((tool) => /spawn/.test(tool.name));
        if (!spawn) return { text: 'No sub-agent tool was offered.' };
        return {
          calls: [
            {
              name: spawn.name,
              namespace: namespace.name,
              input: { message: 'SUBAGENT-TASK: count the files here.' },
            },
          ],
        };
      },
      DONE,
    ],
    side: codexSide,
  },
  {
    name: 'reasoning',
    files: { 'notes.txt': 'The answer is 42.\n' },
    prompt: 'Think, then read notes.txt.',
    config: ['model_reasoning_effort="high"', 'model_reasoning_summary="auto"'],
    steps: [
      (request) => ({
        thinking: 'Reading the file first.',
        calls: [{ name: shellTool(request.body), input: shellCall(request.body, 'cat notes.txt') }],
      }),
      { thinking: 'The file holds the answer.', text: 'The answer is 42.' },
    ],
  },
  {
    // Codex compacts once the reported usage passes model_auto_compact_token_limit.
    name: 'compaction',
    files: { 'notes.txt': 'The answer is 42.\n' },
    prompt: 'Read notes.txt.',
    config: ['model_auto_compact_token_limit=2000'],
    // Compacted history starts again from no tool output: the summary in it says the work is done.
    steps: [
      (request) =>
        JSON.stringify(request.body.input).includes(COMPACTION_SUMMARY)
          ? { text: 'notes.txt says the answer is 42.' }
          : {
              calls: [{ name: shellTool(request.body), input: shellCall(request.body, 'cat notes.txt') }],
              usage: { input: 250000, output: 50 },
            },
      { text: 'notes.txt says the answer is 42.' },
    ],
    // The summarising request (a local compaction: Codex's checkpoint prompt as the last user message).
    side: (record) =>
      /compact|checkpoint|summar/i.test(JSON.stringify(record.body?.input?.at(-1) ?? ''))
        ? { text: COMPACTION_SUMMARY }
        : undefined,
  },
];
