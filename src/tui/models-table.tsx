import { Box, Text } from 'ink';
import type { Model, Offer } from '../config/catalog.js';
import type { ModelStatus, ProviderFormat } from '../config/catalog-schema.js';
import { type Cell, COLUMN_GAP, type Column, Table } from './components/table.js';
import { formatPrice, wrapWords } from './format.js';

/**
 * An offer as listed: the catalog's fields that matter to a reader, and whether its key is set. The
 * wire formats are listed as `dialects`, the name SPEC §2 gives `ekai models --json`.
 */
export type ListedOffer = Pick<
  Offer,
  'provider' | 'id' | 'input' | 'output' | 'cacheRead' | 'cacheWrite' | 'cacheWrite1h'
> & { dialects: Offer['formats']; configured: boolean };

export interface ModelListing {
  id: string;
  aliases: string[];
  /** On the listing's day (past `retiredOn` = retired); null = unknown. */
  status: ModelStatus | null;
  successor: string | null;
  retiredOn: string | null;
  /** Left out when unknown (not null: these came later than SPEC's fields). */
  thinking?: Model['thinking'];
  alwaysThinks?: Model['alwaysThinks'];
  defaultEffort?: Model['defaultEffort'];
  offers: ListedOffer[];
}

const FIXED: readonly Column[] = [
  { header: 'PROVIDER', width: 10 },
  { header: 'IN', width: 6, align: 'right' },
  { header: 'OUT', width: 6, align: 'right' },
  { header: 'CACHED', width: 6, align: 'right' },
  { header: 'FORMAT', width: 9 },
  { header: 'KEY', width: 3 },
];
const FIXED_WIDTH = FIXED.reduce((sum, column) => sum + column.width + COLUMN_GAP, 0);
/** Shown before KEY when the terminal has room for it and every model id (`adaptive*·medium` fits). */
const THINKING: Column = { header: 'THINKING', width: 16 };

/** `adaptive·medium`, `effort*·high` (* = cannot be turned off), `budget`; '' when nothing is known. */
export function thinkingLabel(
  model: Pick<ModelListing, 'thinking' | 'alwaysThinks' | 'defaultEffort'>,
): string {
  if (model.thinking === undefined && model.alwaysThinks !== true && model.defaultEffort === undefined)
    return '';
  const style = `${model.thinking ?? '?'}${model.alwaysThinks === true ? '*' : ''}`;
  return model.defaultEffort === undefined ? style : `${style}·${model.defaultEffort}`;
}

/** `  retired since 2026-11-30 → claude-sonnet-5-5`, `  legacy until 2026-12-11 → gpt-6.1-sol`; nothing for current/unknown. */
export function statusNote(
  model: Pick<ModelListing, 'status' | 'successor' | 'retiredOn'>,
): string | undefined {
  if (model.status !== 'legacy' && model.status !== 'retired') return undefined;
  const word = model.status === 'legacy' ? 'until' : 'since';
  const until = model.retiredOn !== null ? ` ${word} ${model.retiredOn}` : '';
  return `  ${model.status}${until}${model.successor !== null ? ` → ${model.successor}` : ''}`;
}

/** Several formats in a narrow column: each by a short name (OpenAI's `chat+resp`, xAI's `chat+msg`). */
const SHORT_FORMAT: Readonly<Record<ProviderFormat, string>> = {
  chat: 'chat',
  messages: 'msg',
  responses: 'resp',
};

function formatLabel(formats: readonly ProviderFormat[]): string {
  return formats.length > 1 ? formats.map((format) => SHORT_FORMAT[format]).join('+') : (formats[0] ?? '');
}

/** `ekai models`: one row per offer, cheapest first within a model; fits `columns` terminal columns. */
export function ModelsTable({
  models,
  providers,
  columns,
}: {
  models: readonly ModelListing[];
  providers: ReadonlyArray<{ name: string; keyEnv: string; configured: boolean }>;
  columns: number;
}) {
  const longest = Math.max(5, ...models.map((model) => model.id.length));
  // The thinking column only where it costs no model id its full width (not at 80 columns).
  const withThinking =
    models.some((model) => thinkingLabel(model) !== '') &&
    columns - FIXED_WIDTH - THINKING.width - COLUMN_GAP >= longest;
  const fixed = withThinking ? [...FIXED.slice(0, -1), THINKING, ...FIXED.slice(-1)] : FIXED;
  const fixedWidth = withThinking ? FIXED_WIDTH + THINKING.width + COLUMN_GAP : FIXED_WIDTH;
  const modelWidth = Math.max(12, Math.min(longest, columns - fixedWidth));
  const layout: Column[] = [{ header: 'MODEL', width: modelWidth }, ...fixed];
  const rows: Cell[][] = models.flatMap((model) => {
    const offerRows: Cell[][] = model.offers.map((offer, index) => [
      { text: index === 0 ? model.id : '', bold: true },
      { text: offer.provider },
      { text: formatPrice(offer.input) },
      { text: formatPrice(offer.output) },
      { text: offer.cacheRead === null ? '–' : formatPrice(offer.cacheRead), dim: true },
      { text: formatLabel(offer.dialects), dim: true },
      ...(withThinking ? [{ text: index === 0 ? thinkingLabel(model) : '', dim: true }] : []),
      offer.configured ? { text: 'yes', color: 'green' } : { text: 'no', dim: true },
    ]);
    // Legacy and retired models say so on a row of their own, under their offers.
    const note = statusNote(model);
    if (note === undefined) return offerRows;
    return [...offerRows, [{ text: note, color: model.status === 'retired' ? 'red' : 'yellow', span: true }]];
  });
  return (
    <Box flexDirection="column">
      <Table columns={layout} rows={rows} />
      <Text
        dimColor
      >{`${models.length} models. USD per million tokens; CACHED = cache read; ? = unknown.`}</Text>
      {withThinking && (
        <Text dimColor>
          {wrapWords(
            'THINKING = how it is asked to think · default effort; * = cannot be turned off.',
            columns,
          )}
        </Text>
      )}
      <Text>{wrapWords(keysSummary(providers), columns)}</Text>
    </Box>
  );
}

function keysSummary(
  providers: ReadonlyArray<{ name: string; keyEnv: string; configured: boolean }>,
): string {
  const set = providers.filter((provider) => provider.configured).map((provider) => provider.name);
  const missing = providers.filter((provider) => !provider.configured).map((provider) => provider.keyEnv);
  const summary = `Keys set: ${set.length > 0 ? set.join(', ') : 'none'}.`;
  return missing.length > 0 ? `${summary} To enable more providers, set ${missing.join(', ')}.` : summary;
}
