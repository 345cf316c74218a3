/**
 * Models that constrain their answer natively: JSON outputs (`output_config: {format: {type:
 * "json_schema", schema}}`, GA form; the beta `output_format` + `structured-outputs-2025-11-13`
 * header is deprecated) and strict tools (`tools[].strict`), thinking on or off.
 * - Anthropic: "generally available on the Claude API ... for Claude Opus 4.6, Claude Sonnet 4.6,
 *   Claude Sonnet 4.5, Claude Opus 4.5, and Claude Haiku 4.5", and every later model: the models that
 *   refuse a forced `tool_choice` (Fable 5.1+, Opus 5.5, Sonnet 5.5) are told to "use strict tools /
 *   structured outputs instead" (../shared/reference/current-models.json).
 *   https://docs.anthropic.com/en/docs/build-with-claude/structured-outputs
 * Every other Messages model (GLM on Z.AI, Grok on xAI's Messages API, older Claude) gets the
 * fallback: a forced tool whose input is the answer.
 */
export const NATIVE_STRUCTURED_OUTPUTS: RegExp = /^claude-((opus|sonnet|haiku)-(4-[5-9]|[5-9])|fable|mythos)/;

export function takesNativeStructuredOutputs(model: string): boolean {
  return NATIVE_STRUCTURED_OUTPUTS.test(model);
}
