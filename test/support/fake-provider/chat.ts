/**
 * OpenAI Chat Completions writer; provider differences live in chat-flavors.ts.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 */
import { type ChatFlavor, type Delta, flavorFor } from './chat-flavors.js';
import { chatFinishReason, type DialectWriter, type RenderContext, type Rendered } from './render.js';
import { isObject, type JsonObject } from './scenarios.js';
import { DONE_FRAME, dataFrame, type Frame } from './sse.js';

function streamOptions(body: JsonObject): JsonObject {
  return isObject(body.stream_options) ? body.stream_options : {};
}

function renderStream(flavor: ChatFlavor, context: RenderContext, id: string): Frame[] {
  const { plan, ids, created, body } = context;
  const includeUsage = streamOptions(body).include_usage === true;
  const obfuscate = flavor.obfuscates && streamOptions(body).include_obfuscation !== false;
  const frames: Frame[] = [...flavor.prelude];
  const chunk = (choices: JsonObject[], usage: JsonObject | null | undefined, terminal = false): Frame => {
    const obfuscation = obfuscate ? ids.token(1 + ((frames.length * 5) % 14)) : undefined;
    const envelope = { id, created, model: plan.model, ...(obfuscation ? { obfuscation } : {}) };
    return dataFrame(flavor.chunk(envelope, choices, usage), terminal);
  };
  const push = (delta: Delta): void => {
    frames.push(chunk([flavor.streamChoice(delta, null)], includeUsage ? null : undefined));
  };

  let roleSent = false;
  const sendRole = (): void => {
    if (!roleSent) push(flavor.roleDelta());
    roleSent = true;
  };
  if (flavor.reasoningDelta && plan.thinking.length > 0) {
    sendRole();
    for (const text of plan.thinking) push(flavor.reasoningDelta(text));
  }
  if (plan.text.length > 0 || plan.toolCalls.length === 0) sendRole();
  for (const text of plan.text) push(flavor.contentDelta(text));
  plan.toolCalls.forEach((call, index) => {
    const [first = '', ...rest] = call.fragments;
    // The first fragment carries id, name and already part of the arguments.
    const head = {
      index,
      id: `call_${ids.token(24)}`,
      type: 'function',
      function: { name: call.name, arguments: first },
    };
    push(flavor.toolDelta([head], !roleSent));
    roleSent = true;
    for (const fragment of rest)
      push(flavor.toolDelta([{ index, function: { arguments: fragment } }], false));
  });

  // OpenRouter's citations come after the text they cite: on the finish chunk here.
  const annotations = urlCitations(plan);
  const finishDelta = { ...flavor.finishDelta(), ...(annotations && { annotations }) };
  const finish = flavor.streamChoice(finishDelta, chatFinishReason(plan.stopReason));
  frames.push(chunk([finish], includeUsage ? null : undefined, true));
  if (includeUsage || flavor.alwaysStreamsUsage) frames.push(chunk([], flavor.usage(plan.usage), true));
  frames.push(DONE_FRAME);
  return frames;
}

/**
 * The plan's citation as OpenRouter annotates a Chat answer (`content`: the page text, added by
 * OpenRouter when it has it; offsets in the answer's text).
 * @see https://openrouter.ai/docs/features/web-search
 */
function urlCitations({ webSearch }: RenderContext['plan']): JsonObject[] | undefined {
  const citation = webSearch?.citation;
  if (!citation) return undefined;
  const { url, title, citedText, start, end } = citation;
  const page = citedText === undefined ? {} : { content: citedText };
  return [
    { type: 'url_citation', url_citation: { url, title, ...page, start_index: start, end_index: end } },
  ];
}

function renderCompletion(flavor: ChatFlavor, context: RenderContext, id: string): JsonObject {
  const { plan, ids, created } = context;
  const toolCalls = plan.toolCalls.map((call) => ({
    id: `call_${ids.token(24)}`,
    type: 'function',
    function: { name: call.name, arguments: call.arguments },
  }));
  const content = plan.text.length > 0 || toolCalls.length === 0 ? plan.text.join('') : null;
  const reasoning = flavor.reasoningDelta && plan.thinking.length > 0 ? plan.thinking.join('') : null;
  const annotations = urlCitations(plan);
  const choice = flavor.completionChoice(
    { ...flavor.message(content, reasoning, toolCalls), ...(annotations && { annotations }) },
    chatFinishReason(plan.stopReason),
  );
  return flavor.completion({ id, created, model: plan.model }, choice, flavor.usage(plan.usage));
}

export const chatWriter: DialectWriter = {
  render(context): Rendered {
    const flavor = flavorFor(context.plan.provider);
    const id = flavor.completionId(context.ids, context.created);
    if (context.body.stream === true) return { kind: 'sse', frames: renderStream(flavor, context, id) };
    return { kind: 'json', body: renderCompletion(flavor, context, id) };
  },
  midStreamError: ({ type, message }) =>
    dataFrame({
      error: {
        message: message ?? 'The server had an error while processing your request. Sorry about that!',
        type: type ?? 'server_error',
        param: null,
        code: null,
      },
    }),
  invalidFrame: () => ({ text: 'data: {not json\n\n' }),
};
