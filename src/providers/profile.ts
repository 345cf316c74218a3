import type { ThinkingEffort } from '../formats/translation.js';
import type { WireFormat } from '../wire.js';

export type { ThinkingEffort } from '../formats/translation.js';
export type { WireFormat } from '../wire.js';

/**
 * What is true of one provider, as data (STYLE.md: providers are data plus small adapters): where
 * its key goes, the headers it needs or must not get, the wire formats it serves natively, and the
 * per-model request rules applied to the upstream body after translation (applyProviderRules).
 * Quirks live in the provider's own folder, never as `if (provider === …)` in the proxy.
 */
export interface ProviderProfile {
  /** The provider's catalog name (`default`: providers only a user catalog knows). */
  name: string;
  /** Where the key goes, per upstream wire format. */
  auth: Readonly<Record<WireFormat, AuthScheme>>;
  /** Headers per upstream wire format. */
  headers: Readonly<Record<WireFormat, HeaderRules>>;
  /**
   * Wire formats served natively beyond the catalog's `formats` (which say who serves Chat and
   * Messages), and for which models: a client of such a format needs no translation.
   */
  serves: readonly ServedFormat[];
  /** Per-model request rules, in the order they apply. */
  rules: readonly RequestRule[];
}

export type AuthScheme = 'bearer' | 'x-api-key';

export interface HeaderRules {
  /** Set on every request, over any client header of the same name. */
  set?: Readonly<Record<string, string>>;
  /** Set when the client sent none. */
  defaults?: Readonly<Record<string, string>>;
  /** Prefixes of client header names the provider must not get. */
  refused?: readonly string[];
  /**
   * The header that routes one conversation to one prompt cache (xAI's `x-grok-conv-id`): set on
   * translated requests to a key derived from the client's session, which the client's own
   * dialect could not name.
   */
  session?: string;
}

export interface ServedFormat {
  format: WireFormat;
  models: ModelFamily;
}

/** Model ids matching `match`, minus those matching `except`. */
export interface ModelFamily {
  match: RegExp;
  except?: RegExp;
}

export const EVERY_MODEL: ModelFamily = { match: /^/ };

export function inFamily(family: ModelFamily, model: string): boolean {
  return family.match.test(model) && !family.except?.test(model);
}

/**
 * One request rule: for a model family, in a body of one wire format, what to change. `note` is
 * what the client is told (`{param}` reads as the client's own name for the parameter). A `param`
 * may be a dotted path into an object (`output_config.effort`, `thinking.type`).
 */
export type RequestRule = RuleRow &
  (
    | {
        /**
         * The parameter goes under another name (kept in place). Noted only when the client spoke
         * the provider's format itself: a translated request's names are ekai's choice.
         */
        kind: 'rename';
        from: string;
        to: string;
      }
    | {
        /** The parameters are not sent; a value equal to `default` (what the model uses anyway) silently. */
        kind: 'drop';
        params: readonly string[];
        default?: unknown;
      }
    | {
        /** A list keeps its first `max` entries. */
        kind: 'max-items';
        param: string;
        max: number;
      }
    | {
        /**
         * A longer string is sent as its SHA-256 (64 hex digits): still one stable value per id.
         * Noted only when the client spoke the provider's format itself, as for `rename`.
         */
        kind: 'hash-longer';
        param: string;
        max: number;
      }
    | {
        /** A number above `max` is sent as `max` (`{value}` in the note: the number sent by the client). */
        kind: 'max-value';
        param: string;
        max: number;
      }
    | {
        /**
         * The parameter is sent as `to` (set when it was absent), keeping the fields `keep` of an
         * object it replaces (`tool_choice: {type: "any", disable_parallel_tool_use}` → `auto` with
         * the same flag). `{value}` in the note: the value replaced.
         */
        kind: 'replace-value';
        param: string;
        to: unknown;
        keep?: readonly string[];
      }
    | {
        /**
         * An effort the model does not accept (efforts ordered as THINKING_EFFORTS: none, minimal,
         * low, medium, high, xhigh, max) is sent as the highest accepted one below it, never more
         * than the client asked; below them all, as the lowest. `{value}`, `{to}` and `{accepted}`
         * in the note: the effort the client sent, the one sent instead, the accepted ones
         * (`low/medium/high`). Values that are no effort at all
         * are left to the provider.
         */
        kind: 'effort-range';
        param: string;
        accepted: readonly ThinkingEffort[];
      }
    | {
        /**
         * A request the model refuses and ekai cannot mend without changing what it means: a 400 in
         * the client's wire format before anything is sent; `note` is the error's message.
         */
        kind: 'refuse';
        param: string;
      }
    | {
        /** The model takes `keep` or `drop`, not both: with both, `drop` is not sent. */
        kind: 'one-sampler';
        keep: string;
        drop: string;
      }
    | {
        /**
         * How thinking a translated request asks for (a ThinkingIntent) is written in this format
         * for these models (rules/thinking.ts): Messages `budget` (its standard form, the default
         * there) or `adaptive` (`thinking: {type: "adaptive"}` + `output_config.effort`; a budget
         * the client sent itself becomes adaptive too); Chat `reasoning_effort` or OpenRouter's
         * `reasoning: {effort}` object; Responses `reasoning: {effort, summary}`. Chat and
         * Responses have no default: a model without such a row is not sent an effort (noted),
         * since a model that does not reason refuses the parameter.
         */
        kind: 'thinking-style';
        style: ThinkingStyle;
      }
  );

export type ThinkingStyle = 'budget' | 'adaptive' | 'reasoning-effort' | 'reasoning-object' | 'reasoning';

/**
 * A condition on the body for a rule to apply; every condition of a row must hold. A missing
 * parameter has the value `undefined` (so `notIn: ["none"]` holds for it).
 */
export type BodyCondition =
  | { param: string; in: readonly unknown[] }
  | { param: string; notIn: readonly unknown[] }
  /** A list holding an item with these fields (`tools` holding a `{type: "function"}`). */
  | { param: string; someItem: Readonly<Record<string, unknown>> }
  /** A list whose last item has these fields (`messages` ending with an assistant turn). */
  | { param: string; lastItem: Readonly<Record<string, unknown>> };

interface RuleRow {
  /** Names the rule in tests and docs. */
  id: string;
  models: ModelFamily;
  /** The wire format of the upstream body the rule applies to. */
  format: WireFormat;
  /** Only when the body meets all of these. */
  when?: readonly BodyCondition[];
  note: string;
  /** Where the provider documents it. */
  see: string;
  /**
   * Only for bodies ekai translated: OpenAI's limits applied to another provider's Chat API are
   * ekai's guess for what it writes, while a client speaking that API itself knows its provider.
   */
  translatedOnly?: boolean;
}

/** Whether the provider serves `format` natively for `model`. */
export function servesNatively(profile: ProviderProfile, format: WireFormat, model: string): boolean {
  return profile.serves.some((served) => served.format === format && inFamily(served.models, model));
}

/** The headers carrying the provider key for a request in `format`. */
export function authHeaders(
  profile: ProviderProfile,
  format: WireFormat,
  apiKey: string,
): Record<string, string> {
  return profile.auth[format] === 'x-api-key'
    ? { 'x-api-key': apiKey }
    : { authorization: `Bearer ${apiKey}` };
}
