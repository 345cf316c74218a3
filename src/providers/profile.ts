import type { WireFormat } from '../wire.js';

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
 * what the client is told (`{param}` reads as the client's own name for the parameter).
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
        /** The model takes `keep` or `drop`, not both: with both, `drop` is not sent. */
        kind: 'one-sampler';
        keep: string;
        drop: string;
      }
    | {
        /**
         * The model thinks adaptively (`thinking: {type: "adaptive"}`, steered by
         * `output_config.effort`) and refuses a token budget. Thinking a translated request asks
         * for takes that form; without such a rule it is a token budget (Messages' standard form).
         * A budget the client sent itself becomes adaptive.
         */
        kind: 'thinking-style';
        style: 'adaptive';
      }
  );

interface RuleRow {
  /** Names the rule in tests and docs. */
  id: string;
  models: ModelFamily;
  /** The wire format of the upstream body the rule applies to. */
  format: WireFormat;
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
