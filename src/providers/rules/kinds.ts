import { createHash } from 'node:crypto';
import { THINKING_EFFORTS, type ThinkingEffort, UnsupportedRequestError } from '../../formats/translation.js';
import type { BodyCondition, RequestRule } from '../profile.js';
import { type Draft, valueAt } from './draft.js';

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
      const value = draft.get(param);
      if (value === undefined) continue;
      draft.delete(param);
      if (value !== null && value !== rule.default) draft.note(param, rule.note);
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

  'max-value'(rule, draft) {
    const value = draft.get(rule.param);
    if (typeof value !== 'number' || value <= rule.max) return;
    draft.set(rule.param, rule.max);
    draft.note(rule.param, rule.note.replaceAll('{value}', String(value)));
  },

  'replace-value'(rule, draft) {
    const value = draft.get(rule.param);
    const kept = isObject(value) ? pick(value, rule.keep ?? []) : {};
    const to = isObject(rule.to) ? { ...rule.to, ...kept } : rule.to;
    if (JSON.stringify(value) === JSON.stringify(to)) return;
    draft.set(rule.param, to);
    draft.note(rule.param, rule.note.replaceAll('{value}', shown(value)));
  },

  'effort-range'(rule, draft) {
    const value = draft.get(rule.param);
    const to = acceptedEffort(value, rule.accepted);
    if (to === undefined || to === value) return;
    draft.set(rule.param, to);
    const note = rule.note.replaceAll('{value}', shown(value)).replaceAll('{to}', to);
    draft.note(rule.param, note.replaceAll('{accepted}', rule.accepted.join('/')));
  },

  refuse(rule, draft) {
    throw new UnsupportedRequestError(draft.text(rule.param, rule.note), rule.param);
  },

  'one-sampler'(rule, draft) {
    if (!draft.has(rule.keep) || !draft.has(rule.drop)) return;
    draft.delete(rule.drop);
    draft.note(rule.drop, rule.note);
  },

  /**
   * Translated thinking was given its form already (see thinking.ts); this is a client's own
   * budget on a model that thinks only adaptively. The other styles leave a client's body alone.
   */
  'thinking-style'(rule, draft) {
    if (rule.style !== 'adaptive') return;
    const thinking = draft.get('thinking');
    if (!isObject(thinking) || thinking.type !== 'enabled') return;
    const { budget_tokens: _budget, ...rest } = thinking;
    draft.set('thinking', { ...rest, type: rule.style });
    draft.note('thinking', rule.note);
  },
};

export function applyRule(rule: RequestRule, draft: Draft): void {
  if (!(rule.when ?? []).every((condition) => holds(condition, draft.body))) return;
  (KINDS[rule.kind] as (rule: RequestRule, draft: Draft) => void)(rule, draft);
}

/** Whether the body meets the condition (see BodyCondition). */
function holds(condition: BodyCondition, body: Record<string, unknown>): boolean {
  const value = valueAt(body, condition.param);
  if ('in' in condition) return condition.in.includes(value);
  if ('notIn' in condition) return !condition.notIn.includes(value);
  if (!Array.isArray(value)) return false;
  if ('someItem' in condition) return value.some((item) => matches(item, condition.someItem));
  return matches(value.at(-1), condition.lastItem);
}

function matches(item: unknown, fields: Readonly<Record<string, unknown>>): boolean {
  return isObject(item) && Object.entries(fields).every(([key, expected]) => item[key] === expected);
}

/**
 * The effort to send instead of `value`, or undefined to leave it: the highest accepted effort not
 * above it (never more thinking, and cost, than asked), else the lowest accepted.
 */
export function acceptedEffort(
  value: unknown,
  accepted: readonly ThinkingEffort[],
): ThinkingEffort | undefined {
  const rank = THINKING_EFFORTS.indexOf(value as ThinkingEffort);
  if (rank < 0 || accepted.length === 0) return undefined;
  const ordered = THINKING_EFFORTS.filter((effort) => accepted.includes(effort));
  return ordered.filter((effort) => THINKING_EFFORTS.indexOf(effort) <= rank).at(-1) ?? ordered[0];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pick(object: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => key in object).map((key) => [key, object[key]]));
}

/**
 * A value as a note shows it: strings as they are, an object by its `type` (`tool_choice` any), an
 * absent one as the model's default.
 */
function shown(value: unknown): string {
  if (value === undefined || value === null) return 'default';
  if (isObject(value) && typeof value.type === 'string') return value.type;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
