/**
 * The paths a conformance trace is replayed on: every provider family in the catalog, in every wire
 * format the catalog says it serves, each with one of today's models of that provider (so the
 * provider's model rules, in ekai and in the strict fake, apply as in production). A path is a
 * catalog model `conformance-<provider>-<format>` written into a user catalog: one offer, that
 * format only, the real upstream id and the real model's thinking traits, so the router cannot
 * pick another provider or format. A provider that starts serving another format in catalog.yaml
 * gets a new path (and a new matrix column) by itself.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadCatalog } from '../../src/config/catalog.js';
import type { ProviderName } from './fake-provider/index.js';

export type WireFormat = 'chat' | 'messages' | 'responses';

/** The model each provider family is replayed on: its current flagship for agents (catalog ids). */
const MODEL_OF: Record<ProviderName, { model: string; byFormat?: Partial<Record<WireFormat, string>> }> = {
  anthropic: { model: 'claude-opus-5-5' },
  // gpt-6.2-sol refuses function tools with reasoning on Chat (OpenAI's rule): Chat is replayed on
  // gpt-4.1, the newest OpenAI model whose tools work there.
  openai: { model: 'gpt-6.2-sol', byFormat: { chat: 'gpt-4.1' } },
  xai: { model: 'grok-4.7' },
  openrouter: { model: 'claude-opus-5-5' },
  zai: { model: 'glm-5.3' },
};

export interface ReplayPath {
  /** `anthropic-messages`, `openai-chat`, … */
  id: string;
  provider: ProviderName;
  format: WireFormat;
  /** The catalog model whose offer is used (its upstream id is what the provider receives). */
  catalogModel: string;
  /** The model name the replay sends to ekai. */
  alias: string;
  /** Whether a reasoning answer can reach the client on this path (OpenAI's Chat API returns none). */
  carriesReasoning: boolean;
}

/** Every (provider, format) the bundled catalog serves, in catalog order. */
export function replayPaths(): ReplayPath[] {
  const catalog = loadCatalog();
  const paths: ReplayPath[] = [];
  for (const [name, provider] of catalog.providers) {
    const family = MODEL_OF[name as ProviderName];
    if (!family) throw new Error(`conformance: no replay model for provider ${name} (add it to MODEL_OF)`);
    for (const format of provider.formats as WireFormat[]) {
      const catalogModel = family.byFormat?.[format] ?? family.model;
      paths.push({
        id: `${name}-${format}`,
        provider: name as ProviderName,
        format,
        catalogModel,
        alias: `conformance-${name}-${format}`,
        carriesReasoning: !(name === 'openai' && format === 'chat'),
      });
    }
  }
  return paths;
}

/** A user catalog (YAML file) defining one single-offer model per path; returns its path. */
export function writeReplayCatalog(paths: readonly ReplayPath[]): string {
  const catalog = loadCatalog();
  const models: Record<string, unknown> = {};
  for (const path of paths) {
    const model = catalog.byName.get(path.catalogModel);
    const offer = model?.offers.find((candidate) => candidate.provider === path.provider);
    if (!model || !offer) throw new Error(`conformance: ${path.catalogModel} has no ${path.provider} offer`);
    models[path.alias] = {
      ...(model.thinking && { thinking: model.thinking }),
      ...(model.alwaysThinks !== undefined && { alwaysThinks: model.alwaysThinks }),
      ...(model.defaultEffort && { defaultEffort: model.defaultEffort }),
      offers: {
        [path.provider]: { id: offer.id, input: offer.input, output: offer.output, formats: [path.format] },
      },
    };
  }
  const file = join(mkdtempSync(join(tmpdir(), 'ekai-conformance-')), 'catalog.yaml');
  writeFileSync(file, stringify({ models }));
  return file;
}
