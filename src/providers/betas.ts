import { inFamily, type ModelFamily } from './profile.js';

/**
 * `anthropic-beta` values an upstream is known to refuse, per provider (its catalog name), as data.
 *
 * Claude Code's gateway protocol says to forward `anthropic-beta` verbatim and never to allowlist
 * values, because each release brings new ones (https://code.claude.com/docs/en/llm-gateway-protocol,
 * "Forward as open lists"). So this is a denylist of values with a documented refusal: a value
 * listed here is taken out of the header (and the client told, in `x-ekai-warnings`) instead of the
 * whole request failing with the provider's 400; every other value passes untouched.
 *
 * Only rows with evidence belong here (`see`: where the refusal is reported, `error`: what the
 * provider answers). Found so far (2026-12): Anthropic refuses the effort beta on the Claude 4.5
 * models that take no effort. No refusal is documented for xAI's Messages endpoint (deprecated by
 * xAI, still served) or Z.AI's Anthropic endpoint (Z.AI documents Claude Code pointed straight at
 * it, full beta list included); OpenRouter and OpenAI get no `anthropic-*` header at all (WIRE_HEADERS).
 */
export interface RejectedBeta {
  /** The beta value, exactly as sent (`effort-2025-11-24`). */
  beta: string;
  /** The upstream models that refuse it (every model when absent). */
  models?: ModelFamily;
  /** The provider's error message, as reported. */
  error: string;
  see: string;
}

export const REJECTED_BETAS: Readonly<Record<string, readonly RejectedBeta[]>> = {
  anthropic: [
    {
      // Claude Code ≥ 2.1.116 sends it with `output_config.effort` on every model; the 4.5 models
      // take no effort (ekai already drops the field there: profile rule `no-effort`).
      beta: 'effort-2025-11-24',
      models: { match: /^claude-(sonnet|haiku)-4-5/ },
      error:
        'Unexpected value(s) `effort-2025-11-24` for the `anthropic-beta` header. Please consult our documentation at docs.anthropic.com or try again without the header.',
      see: 'https://github.com/anthropics/claude-code/issues/53855',
    },
  ],
};

export interface BetaHeader {
  /** The header value to send, or undefined when no value is left (send no header). */
  value: string | undefined;
  /** What was taken out, for `x-ekai-warnings`; undefined when nothing was. */
  note: string | undefined;
}

/**
 * The client's `anthropic-beta` value as `provider` accepts it for `model`: the refused values
 * taken out, everything else (order, unknown values) as sent.
 */
export function betaHeaderFor(provider: string, model: string, sent: string): BetaHeader {
  const refused = (Object.hasOwn(REJECTED_BETAS, provider) ? REJECTED_BETAS[provider] : undefined) ?? [];
  // Every Claude Code request carries the header: most providers refuse nothing, so nothing to split.
  if (refused.length === 0) return { value: sent, note: undefined };
  const values = sent
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
  const dropped = values.filter((value) =>
    refused.some((row) => row.beta === value && (row.models === undefined || inFamily(row.models, model))),
  );
  if (dropped.length === 0) return { value: sent, note: undefined };
  const kept = values.filter((value) => !dropped.includes(value));
  return {
    value: kept.length > 0 ? kept.join(',') : undefined,
    note: `anthropic-beta ${dropped.join(', ')} not sent: ${provider} refuses it for ${model}`,
  };
}

/**
 * Headers about to go upstream with the refused beta values taken out (see betaHeaderFor); the
 * same object when nothing changed. `notes` gets what was taken out.
 */
export function withoutRejectedBetas(
  headers: Record<string, string>,
  target: { provider: string; model: string },
  notes: string[],
): Record<string, string> {
  const sent = headers['anthropic-beta'];
  if (sent === undefined) return headers;
  const { value, note } = betaHeaderFor(target.provider, target.model, sent);
  if (note === undefined) return headers;
  notes.push(note);
  const { 'anthropic-beta': _dropped, ...rest } = headers;
  return value === undefined ? rest : { ...rest, 'anthropic-beta': value };
}
