import type { RequestTranslation, TranslationContext } from '../../formats/translation.js';
import { inFamily, type ProviderProfile, type WireFormat } from '../profile.js';
import { Draft, type Note } from './draft.js';
import { applyRule } from './kinds.js';
import { renderThinking } from './thinking.js';

/** A body about to go upstream. */
export interface UpstreamRequest {
  body: Record<string, unknown>;
  /** Its wire format. */
  format: WireFormat;
  /** The upstream model id (the rules' model families match it). */
  model: string;
  /** The offer's max output tokens, when known. */
  maxOutput?: number | undefined;
  /** Translated: what the converter said; absent when the client spoke the format itself. */
  translation?: Pick<RequestTranslation<object>, 'warnings' | 'parameters' | 'thinking'>;
}

export interface RuledRequest {
  /** The same object when no rule changed anything (its raw text can still be spliced). */
  body: Record<string, unknown>;
  /** The converter's warnings with the rules' notes in place (native: the notes alone). */
  warnings: string[];
  changed: boolean;
}

/**
 * The one hook applying a provider's rules to an upstream body, after translation or on the
 * native path alike, so each rule is written once whatever format the client spoke.
 */
export function applyProviderRules(profile: ProviderProfile, request: UpstreamRequest): RuledRequest {
  const { translation } = request;
  const rules = profile.rules.filter(
    (rule) =>
      rule.format === request.format &&
      inFamily(rule.models, request.model) &&
      (translation !== undefined || !rule.translatedOnly),
  );
  const draft = new Draft(request.body, translation === undefined, translation?.parameters, request.model);
  if (translation?.thinking) {
    const style = rules.find((rule) => rule.kind === 'thinking-style');
    const styleOf = style?.kind === 'thinking-style' ? style.style : undefined;
    renderThinking(translation.thinking, styleOf, request.format, draft, request.maxOutput);
  }
  // A `refuse` row throws UnsupportedRequestError: a 400 in the client's wire format, nothing sent.
  for (const rule of rules) applyRule(rule, draft);
  return {
    body: draft.body,
    warnings: placed(translation?.warnings ?? [], draft.notes, draft),
    changed: draft.changed,
  };
}

/** Each note where the converter wrote its parameter; notes on one spot keep the rules' order. */
function placed(warnings: readonly string[], notes: readonly Note[], draft: Draft): string[] {
  if (notes.length === 0) return [...warnings];
  const slots = notes.map((note) => draft.slotOf(note.param, warnings.length));
  const out: string[] = [];
  for (let index = 0; index <= warnings.length; index++) {
    notes.forEach((note, which) => {
      if (slots[which] === index) out.push(note.text);
    });
    const warning = warnings[index];
    if (warning !== undefined) out.push(warning);
  }
  return out;
}

/** Whom a translated request is for: the upstream model, the offer's limits, the provider's profile. */
export interface RequestTarget extends TranslationContext {
  profile: ProviderProfile;
}

/** A converter's result with the provider's rules applied: the body and warnings that go on. */
export function withProviderRules<T extends RequestTranslation<object>>(
  translation: T,
  format: WireFormat,
  target: RequestTarget,
): Omit<T, 'parameters' | 'thinking'> {
  const { parameters, thinking, ...rest } = translation;
  const ruled = applyProviderRules(target.profile, {
    body: translation.body as Record<string, unknown>,
    format,
    model: target.upstreamModel,
    maxOutput: target.maxOutput,
    translation: { warnings: translation.warnings, parameters, thinking },
  });
  // Rules keep the body in its format: it is still the converter's type.
  return { ...rest, body: ruled.body as T['body'], warnings: ruled.warnings };
}
