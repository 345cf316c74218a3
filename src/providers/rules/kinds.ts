import { createHash } from 'node:crypto';
import type { RequestRule } from '../profile.js';
import type { Draft } from './draft.js';

type Kind = RequestRule['kind'];
type RuleOf<K extends Kind> = Extract<RequestRule, { kind: K }>;

/**
 * What each kind of rule does to the upstream body (the rows are data in the provider profiles).
 * Rules that lose something the client asked for always say so; rules that only choose how a value
 * is written (a name, a hash) say so when the client wrote it that way itself.
 */
const KINDS: { [K in Kind]: (rule: RuleOf<K>, draft: Draft) => void } = {
  rename(rule, draft) {
    if (!(rule.from in draft.body)) return;
    if (rule.to in draft.body) draft.delete(rule.from);
    else draft.rename(rule.from, rule.to);
    if (draft.native) draft.note(rule.from, rule.note);
  },

  drop(rule, draft) {
    for (const param of rule.params) {
      if (!(param in draft.body)) continue;
      const value = draft.get(param);
      draft.delete(param);
      if (value !== undefined && value !== null && value !== rule.default) draft.note(param, rule.note);
    }
  },

  'max-items'(rule, draft) {
    const list = draft.get(rule.param);
    if (!Array.isArray(list) || list.length <= rule.max) return;
    draft.set(rule.param, list.slice(0, rule.max));
    draft.note(rule.param, rule.note);
  },

  'hash-longer'(rule, draft) {
    const value = draft.get(rule.param);
    if (typeof value !== 'string' || value.length <= rule.max) return;
    draft.set(rule.param, createHash('sha256').update(value).digest('hex'));
    if (draft.native) draft.note(rule.param, rule.note);
  },

  'one-sampler'(rule, draft) {
    if (!draft.has(rule.keep) || !draft.has(rule.drop)) return;
    draft.delete(rule.drop);
    draft.note(rule.drop, rule.note);
  },

  /** Translated thinking was given its form already (see thinking.ts); this is a client's own budget. */
  'thinking-style'(rule, draft) {
    const thinking = draft.get('thinking');
    if (typeof thinking !== 'object' || thinking === null || !('type' in thinking)) return;
    if (thinking.type !== 'enabled') return;
    const { budget_tokens: _budget, ...rest } = thinking as Record<string, unknown>;
    draft.set('thinking', { ...rest, type: rule.style });
    draft.note('thinking', rule.note);
  },
};

export function applyRule(rule: RequestRule, draft: Draft): void {
  (KINDS[rule.kind] as (rule: RequestRule, draft: Draft) => void)(rule, draft);
}
