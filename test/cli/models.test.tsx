import { fileURLToPath } from 'node:url';
import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import { listModels } from '../../src/cli/commands/models.js';
import type { Context } from '../../src/cli/context.js';
import { loadCatalog } from '../../src/config/catalog.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { resolveProviders } from '../../src/config/providers.js';
import { ModelsTable } from '../../src/tui/models-table.js';
import { runCli } from '../support/cli.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/config/${name}`, import.meta.url));

function smallContext(env: NodeJS.ProcessEnv): Context {
  const catalog = loadCatalog({ bundled: fixture('small-catalog.yaml') });
  return {
    config: { ...DEFAULT_CONFIG },
    catalog,
    providers: resolveProviders(catalog, DEFAULT_CONFIG, env),
  };
}

function render(context: Context, columns = 80): string {
  const providers = [...context.providers.values()];
  return renderToString(
    <ModelsTable models={listModels(context)} providers={providers} columns={columns} />,
    {
      columns,
    },
  );
}

describe('ekai models table', () => {
  it('renders at 80 columns: cheapest first, vendor before aggregator on a tie, unknown prices last', () => {
    const output = render(smallContext({ OPENAI_API_KEY: 'sk-test' }));
    expect(`\n${output}\n`).toBe(`
MODEL                         PROVIDER        IN     OUT  CACHED  FORMAT     KEY
gpt-4o                        openai        2.50   10.00    1.25  chat       yes
                              openrouter    2.50   10.00       –  chat       no
a-model-with-a-name-far-too…  openrouter       ?       ?       –  chat       no
grok-code-fast-1              xai           0.20    1.50    0.02  chat+msg   no
                              openrouter       ?       ?       –  chat       no
cheap-on-openrouter           openrouter    0.10    0.40       –  chat       no
                              openai        0.15    0.60   0.075  chat       yes
4 models. USD per million tokens; CACHED = cache read; ? = unknown.
Keys set: openai. To enable more providers, set XAI_API_KEY, OPENROUTER_API_KEY.
`);
  });

  it('notes legacy and retired models, with the successor, on a row under their offers', () => {
    const offer = {
      provider: 'openai',
      id: 'gpt-5',
      input: 1.25,
      output: 10,
      cacheRead: 0.125,
      cacheWrite: null,
      cacheWrite1h: null,
      dialects: ['chat' as const],
      configured: true,
    };
    const models = [
      {
        id: 'gpt-5',
        aliases: [],
        status: 'legacy' as const,
        successor: 'gpt-6.1-sol',
        retiredOn: '2026-12-11',
        offers: [offer],
      },
      {
        id: 'gpt-old',
        aliases: [],
        status: 'retired' as const,
        successor: 'gpt-5',
        retiredOn: '2026-10-23',
        offers: [offer],
      },
      {
        id: 'gpt-now',
        aliases: [],
        status: 'current' as const,
        successor: null,
        retiredOn: null,
        offers: [offer],
      },
    ];
    const output = renderToString(<ModelsTable models={models} providers={[]} columns={80} />, {
      columns: 80,
    });
    expect(`\n${output}\n`).toContain(`
gpt-5         openai        1.25   10.00   0.125  chat       yes
  legacy until 2026-12-11 → gpt-6.1-sol
gpt-old       openai        1.25   10.00   0.125  chat       yes
  retired since 2026-10-23 → gpt-5
gpt-now       openai        1.25   10.00   0.125  chat       yes
3 models.`);
  });

  it('has a THINKING column (style·default effort, * = cannot be turned off) when wide enough', () => {
    const offer = {
      provider: 'anthropic',
      id: 'claude-opus-5-5',
      input: 4,
      output: 20,
      cacheRead: 0.2,
      cacheWrite: 5,
      cacheWrite1h: 8,
      dialects: ['messages' as const],
      configured: false,
    };
    const lifecycle = { aliases: [], status: null, successor: null, retiredOn: null };
    const models = [
      {
        id: 'claude-opus-5-5',
        ...lifecycle,
        thinking: 'adaptive' as const,
        alwaysThinks: true,
        defaultEffort: 'medium' as const,
        offers: [offer, { ...offer, provider: 'openrouter' }],
      },
      {
        id: 'gpt-5.1',
        ...lifecycle,
        thinking: 'effort' as const,
        defaultEffort: 'none' as const,
        offers: [offer],
      },
      { id: 'claude-opus-4', ...lifecycle, thinking: 'budget' as const, offers: [offer] },
      { id: 'gpt-4o', ...lifecycle, offers: [offer] },
    ];
    const table = (columns: number) =>
      renderToString(<ModelsTable models={models} providers={[]} columns={columns} />, { columns });
    expect(`\n${table(100)}\n`).toBe(`
MODEL            PROVIDER        IN     OUT  CACHED  FORMAT     THINKING          KEY
claude-opus-5-5  anthropic     4.00   20.00    0.20  messages   adaptive*·medium  no
                 openrouter    4.00   20.00    0.20  messages                     no
gpt-5.1          anthropic     4.00   20.00    0.20  messages   effort·none       no
claude-opus-4    anthropic     4.00   20.00    0.20  messages   budget            no
gpt-4o           anthropic     4.00   20.00    0.20  messages                     no
4 models. USD per million tokens; CACHED = cache read; ? = unknown.
THINKING = how it is asked to think · default effort; * = cannot be turned off.
Keys set: none.
`);
    // Where it would cut a model id, the column is left out.
    expect(table(80)).not.toContain('THINKING');
  });

  it('fits 80 columns with the whole bundled catalog', async () => {
    const { code, stdout } = await runCli(['models']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(100);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
  });
});

describe('ekai models --json', () => {
  it('prints every model with aliases and offers in ranking order, with the configured flag (SPEC §2)', async () => {
    const { code, stdout } = await runCli(['models', '--json'], {
      env: { ANTHROPIC_API_KEY: 'sk-ant-test' },
    });
    expect(code).toBe(0);
    const models = JSON.parse(stdout) as Array<{
      id: string;
      aliases: string[];
      offers: Array<Record<string, unknown>>;
    }>;
    const sonnet = models.find((model) => model.id === 'claude-sonnet-4');
    expect(sonnet?.aliases).toContain('claude-sonnet-4-20250514');
    expect(sonnet?.offers[0]).toEqual({
      provider: 'anthropic',
      id: 'claude-sonnet-4-20250514',
      input: 3,
      output: 15,
      cacheRead: 0.3,
      cacheWrite: 3.75,
      cacheWrite1h: 6,
      dialects: ['messages'],
      configured: true,
    });
    expect(sonnet).toMatchObject({
      status: 'retired',
      successor: 'claude-sonnet-4-6',
      retiredOn: '2026-06-15',
    });
    const gpt4o = models.find((model) => model.id === 'gpt-4o');
    expect(gpt4o?.offers.map((offer) => [offer.provider, offer.configured])).toEqual([
      ['openai', false],
      ['openrouter', false],
    ]);
    // The API key itself is never printed.
    expect(stdout).not.toContain('sk-ant-test');
  });

  it('lists today’s lineup with its status; a model past its retiredOn date is listed as retired', async () => {
    const { stdout } = await runCli(['models', '--json']);
    const models = JSON.parse(stdout) as Array<Record<string, unknown> & { id: string }>;
    const byId = (id: string) => models.find((model) => model.id === id);
    expect(byId('claude-opus-5-5')).toMatchObject({ status: 'current', successor: null, retiredOn: null });
    expect(byId('claude-opus-5-5')?.aliases).toContain('opus');
    expect(byId('glm-4.6')).toMatchObject({ status: null, successor: null });
    const catalog = loadCatalog();
    const listed = (today: string) =>
      listModels(
        { config: { ...DEFAULT_CONFIG }, catalog, providers: resolveProviders(catalog, DEFAULT_CONFIG, {}) },
        undefined,
        today,
      );
    const gpt5 = (today: string) => listed(today).find((model) => model.id === 'gpt-5');
    expect(gpt5('2026-12-03')).toMatchObject({
      status: 'legacy',
      successor: 'gpt-6.1-sol',
      retiredOn: '2026-12-11',
    });
    expect(gpt5('2026-12-11')).toMatchObject({ status: 'retired', successor: 'gpt-6.1-sol' });
  });

  it('prints how each model thinks: thinking, alwaysThinks, defaultEffort, left out when unknown', async () => {
    const { stdout } = await runCli(['models', '--json']);
    const models = JSON.parse(stdout) as Array<Record<string, unknown> & { id: string }>;
    const thinkingOf = (id: string) => {
      const model: Record<string, unknown> = models.find((candidate) => candidate.id === id) ?? {};
      const { thinking, alwaysThinks, defaultEffort } = model;
      return { thinking, alwaysThinks, defaultEffort };
    };
    // Values from reference/current-models.json (Opus 5.5: adaptive, always on, medium; glm-5.3:
    // always on, effort low|high|max, default max) and OpenAI's API reference (gpt-5.1 defaults to none).
    expect(thinkingOf('claude-opus-5-5')).toEqual({
      thinking: 'adaptive',
      alwaysThinks: true,
      defaultEffort: 'medium',
    });
    expect(thinkingOf('glm-5.3')).toEqual({ thinking: 'effort', alwaysThinks: true, defaultEffort: 'max' });
    expect(thinkingOf('gpt-5.1')).toEqual({
      thinking: 'effort',
      alwaysThinks: undefined,
      defaultEffort: 'none',
    });
    expect(thinkingOf('claude-haiku-4-5')).toEqual({
      thinking: 'budget',
      alwaysThinks: undefined,
      defaultEffort: undefined,
    });
    // Unknown: the keys are absent (not null), and they come before offers.
    const gpt4o = models.find((model) => model.id === 'gpt-4o') ?? {};
    expect(Object.keys(gpt4o)).toEqual(['id', 'aliases', 'status', 'successor', 'retiredOn', 'offers']);
    const opus = models.find((model) => model.id === 'claude-opus-5-5') ?? {};
    expect(Object.keys(opus)).toEqual([
      'id',
      'aliases',
      'status',
      'successor',
      'retiredOn',
      'thinking',
      'alwaysThinks',
      'defaultEffort',
      'offers',
    ]);
  });

  it('follows a user catalog: OpenRouter made cheaper for gpt-4o ranks first', async () => {
    const { stdout } = await runCli(['models', '--json', '--config', fixture('ranking/.ekairc.yaml')]);
    const gpt4o = (JSON.parse(stdout) as Array<{ id: string; offers: Array<{ provider: string }> }>).find(
      (model) => model.id === 'gpt-4o',
    );
    expect(gpt4o?.offers.map((offer) => offer.provider)).toEqual(['openrouter', 'openai']);
  });

  it('--provider keeps only that provider’s offers; an unknown one gets a hint', async () => {
    const { stdout } = await runCli(['models', '--json', '--provider', 'zai']);
    const models = JSON.parse(stdout) as Array<{ id: string; offers: Array<{ provider: string }> }>;
    expect(models.map((model) => model.id)).toContain('glm-4.6');
    expect(models.every((model) => model.offers.every((offer) => offer.provider === 'zai'))).toBe(true);
    expect(await runCli(['models', '--provider', 'z.ai'])).toMatchObject({
      code: 2,
      stderr: 'ekai: unknown provider "z.ai" (did you mean zai?)\n',
    });
  });
});
