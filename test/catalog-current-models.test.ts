// Today's lineup in the bundled catalog.yaml, checked against reference/current-models.json (a copy,
// as of 2026-12-03, in test/fixtures/reference/: the tests never read outside the repository)
// (asOf 2026-12-03). The field mapping below is written by hand from the file's `_fields`, not taken
// from ekai's code: USD per 1M tokens in both; cacheWrite5m is the catalog's cacheWrite (5-minute
// write), cacheWrite1h its cacheWrite1h. OpenAI's cache writes are 30-minute / 12-hour retention
// (cacheWrite30m / cacheWrite12h there) and are not stored in the catalog at all.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalog, modelStatus } from '../src/config/catalog.js';

const REFERENCE = fileURLToPath(new URL('./fixtures/reference/current-models.json', import.meta.url));

interface ReferenceModel {
  id: string;
  provider: string;
  status: string;
  prices: Record<string, unknown>;
  contextWindow: number | null;
  maxOutput: number | null;
  thinking: string | null;
  defaultEffort: string | null;
}

interface ExpectedThinking {
  thinking?: 'adaptive' | 'budget' | 'effort';
  alwaysThinks?: true;
}

/**
 * Each `thinking` text of current-models.json, read by hand: how thinking is asked for, and whether
 * the text says it cannot be turned off ("always on", "'none' rejected"). Adaptive = `thinking:
 * {type: adaptive}` (https://docs.anthropic.com/en/docs/build-with-claude/adaptive-thinking), extended
 * = `budget_tokens` (https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking), every
 * OpenAI / xAI / Z.AI effort = `reasoning_effort` / `reasoning.effort`
 * (https://platform.openai.com/docs/guides/reasoning). `{}`: the text does not say how.
 */
const THINKING_OF_TEXT: Record<string, ExpectedThinking> = {
  'adaptive (always on)': { thinking: 'adaptive', alwaysThinks: true },
  "adaptive (on by default); lowest setting is {type:'between_tools'}": { thinking: 'adaptive' },
  'adaptive (on by default); can be disabled at effort low/medium/high': { thinking: 'adaptive' },
  "adaptive (on by default); {type:'disabled'} accepted": { thinking: 'adaptive' },
  'adaptive (on by default)': { thinking: 'adaptive' },
  "adaptive (opt-in; off unless thinking:{type:'adaptive'})": { thinking: 'adaptive' },
  'adaptive (opt-in; off by default)': { thinking: 'adaptive' },
  'adaptive (recommended) or extended budget_tokens (deprecated, still works)': { thinking: 'adaptive' },
  'adaptive (recommended) or extended budget_tokens (deprecated)': { thinking: 'adaptive' },
  'extended (budget_tokens)': { thinking: 'budget' },
  "reasoning model (reasoning.effort low|medium|high|xhigh|max; 'none' rejected)": {
    thinking: 'effort',
    alwaysThinks: true,
  },
  "reasoning model (effort low..xhigh/max; 'none' rejected)": { thinking: 'effort', alwaysThinks: true },
  'reasoning model (effort low|medium|high|xhigh|max)': { thinking: 'effort' },
  'reasoning model (effort none|low|medium|high|xhigh|max)': { thinking: 'effort' },
  'reasoning model (effort none|low..max)': { thinking: 'effort' },
  'reasoning model (effort none..max)': { thinking: 'effort' },
  'reasoning model (low|medium|high)': { thinking: 'effort' },
  // Only OpenAI models say "reasoning model": theirs all take reasoning.effort.
  'reasoning model': { thinking: 'effort' },
  'reasoning (effort low|medium|high|xhigh)': { thinking: 'effort' },
  'reasoning (effort low|medium|high)': { thinking: 'effort' },
  "reasoning (one version of xAI's May-15 migration guide recommends grok-4.3 with reasoning effort 'none' for non-reasoning workloads; another names grok-4.20-non-reasoning; a reseller says reasoning cannot be disabled - verify)":
    { thinking: 'effort' },
  // Reasoning is picked by the model id, not by a parameter.
  'separate reasoning / non-reasoning variants': {},
  'always on (effort low|high|max)': { thinking: 'effort', alwaysThinks: true },
  "reasoning (High/XHigh modes); thinking.type 'disabled' was still accepted (removed only in GLM-5.3)": {
    thinking: 'effort',
  },
  // Z.AI's GLM-5 and 5.1 switch thinking on and off (thinking.type), with no effort.
  reasoning: {},
};

/** What the catalog knows beyond the model's `thinking` text, and from where. */
const THINKING_FROM_OTHER_SOURCES: Record<string, ExpectedThinking & { source: string }> = {
  'gpt-6.1-sol': { alwaysThinks: true, source: 'current-models.md, OpenAI rule 2: effort none returns 400' },
  'gpt-6-astra': { alwaysThinks: true, source: 'current-models.md, OpenAI rule 2: effort none returns 400' },
  'gpt-5': {
    alwaysThinks: true,
    source: 'https://platform.openai.com/docs/api-reference/responses/create: before gpt-5.1, no none',
  },
  o3: {
    alwaysThinks: true,
    source: 'https://platform.openai.com/docs/api-reference/responses/create: before gpt-5.1, no none',
  },
  'glm-5.3-flash': {
    thinking: 'effort',
    source: 'reasoning_effort from GLM-5.2 on (third-party reading of docs.z.ai)',
  },
};

/** reference field → catalog offer field. */
const PRICE_FIELDS: Array<[string, 'input' | 'output' | 'cacheRead' | 'cacheWrite' | 'cacheWrite1h']> = [
  ['input', 'input'],
  ['output', 'output'],
  ['cacheRead', 'cacheRead'],
  ['cacheWrite5m', 'cacheWrite'],
  ['cacheWrite1h', 'cacheWrite1h'],
];

/**
 * Where the catalog keeps an older source's value (entries that predate current-models.json),
 * with the reason. Key: `<model>.<field>`.
 */
const KEPT_FROM_OLDER_SOURCES: Record<string, string> = {
  'glm-4.6.cacheWrite': 'litellm lists 0 (not unknown); current-models.json has no cache-write price',
  'claude-sonnet-4-6.maxOutput': 'litellm and the earlier Anthropic docs: 64000; current-models.json: 128000',
};

/** current-models.json ids that are a catalog alias, not a model id. */
const ALIASED: Record<string, string> = { 'gpt-5.6-sol': 'gpt-5.6' };

describe('bundled catalog: today’s lineup (reference/current-models.json)', () => {
  const reference = JSON.parse(readFileSync(REFERENCE, 'utf8')) as {
    asOf: string;
    models: ReferenceModel[];
  };
  const catalog = loadCatalog();

  it.each(reference.models.map((model) => [model.id, model] as const))('%s', (id, model) => {
    const entry = catalog.byName.get(id);
    expect(entry, `${id} is in the catalog`).toBeDefined();
    expect(entry?.id).toBe(ALIASED[id] ?? id);
    const offer = entry?.offers.find((candidate) => candidate.provider === model.provider);
    expect(offer, `${id} has a ${model.provider} offer`).toBeDefined();
    if (!offer) return;
    for (const [from, to] of PRICE_FIELDS) {
      if (KEPT_FROM_OLDER_SOURCES[`${entry?.id}.${to}`]) continue;
      if (model.provider === 'openai' && (to === 'cacheWrite' || to === 'cacheWrite1h')) {
        expect(offer[to], `${id}: no OpenAI ${to}`).toBeNull();
        continue;
      }
      expect(offer[to], `${id}.${to}`).toBe(model.prices[from] ?? null);
    }
    for (const field of ['contextWindow', 'maxOutput'] as const) {
      if (KEPT_FROM_OLDER_SOURCES[`${entry?.id}.${field}`]) continue;
      expect(offer[field], `${id}.${field}`).toBe(model[field] ?? undefined);
    }
    // "active …" is current; "legacy" / "deprecated" is legacy or (past its date) retired.
    const status = entry ? modelStatus(entry, reference.asOf) : undefined;
    if (model.status.startsWith('active')) expect(status, `${id} status`).toBe('current');
    if (/^(legacy|deprecated)/.test(model.status)) expect(['legacy', 'retired']).toContain(status);
  });

  it.each(reference.models.map((model) => [model.id, model] as const))(
    '%s: thinking style, always-on and default effort',
    (id, model) => {
      const text = model.thinking ?? '';
      const fromText = model.thinking === null ? {} : THINKING_OF_TEXT[text];
      expect(fromText, `a hand reading of "${text}" in THINKING_OF_TEXT`).toBeDefined();
      const { source: _source, ...other } = THINKING_FROM_OTHER_SOURCES[id] ?? { source: '' };
      const entry = catalog.byName.get(id);
      expect({ thinking: entry?.thinking, alwaysThinks: entry?.alwaysThinks }).toEqual({
        ...fromText,
        ...other,
      });
      expect(entry?.defaultEffort, `${id}.defaultEffort`).toBe(model.defaultEffort ?? undefined);
    },
  );

  it('the gpt-5 family and o3 shut down on 2026-12-11: legacy on asOf, retired from that day, with successors', () => {
    const expected: Record<string, string> = {
      'gpt-5': 'gpt-6.1-sol',
      'gpt-5-mini': 'gpt-6.1-terra',
      'gpt-5-nano': 'gpt-6-luna',
      'gpt-5-pro': 'gpt-6.1-sol',
      o3: 'gpt-6.1-sol',
      'o3-pro': 'gpt-6.1-sol',
    };
    for (const [id, successor] of Object.entries(expected)) {
      const model = catalog.byName.get(id);
      expect(model?.successor, id).toBe(successor);
      expect(model && modelStatus(model, '2026-12-03'), id).toBe('legacy');
      expect(model && modelStatus(model, '2026-12-11'), id).toBe('retired');
    }
  });

  it('retired models name their successor: Sonnet 4.5 (2026-11-30), grok-code-fast-1 (2026-11-19)', () => {
    const sonnet = catalog.byName.get('claude-sonnet-4-5-20250929');
    expect(sonnet && [modelStatus(sonnet, reference.asOf), sonnet.successor]).toEqual([
      'retired',
      'claude-sonnet-5-5',
    ]);
    const grok = catalog.byName.get('grok-code-fast-1');
    expect(grok && [modelStatus(grok, reference.asOf), grok.successor]).toEqual(['retired', 'grok-4.7']);
  });

  it('Claude Code’s aliases name today’s models', () => {
    expect(catalog.byName.get('opus')?.id).toBe('claude-opus-5-5');
    expect(catalog.byName.get('sonnet')?.id).toBe('claude-sonnet-5-5');
    expect(catalog.byName.get('haiku')?.id).toBe('claude-haiku-5-5');
  });
});
